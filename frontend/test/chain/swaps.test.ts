/**
 * The fee window's bookkeeping without a node: a stand-in client records which blocks are asked
 * for and answers with the swaps it is given. The real reads are covered by the browser tests.
 */
import type { Address, PublicClient } from "viem";
import { describe, expect, it } from "vitest";

import { SwapWindow } from "../../src/chain/swaps";

const PAIR = "0x0000000000000000000000000000000000000001" as Address;

/** A client whose getContractEvents returns `swapsAt` blocks' swaps within the asked range and records the range. */
function fakeClient(swapBlocks: bigint[]) {
  const asked: [bigint, bigint][] = [];
  const client = {
    async getContractEvents({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) {
      asked.push([fromBlock, toBlock]);
      return swapBlocks
        .filter((b) => b >= fromBlock && b <= toBlock)
        .map((blockNumber) => ({ address: PAIR, blockNumber, args: { amount0In: 1n, amount1In: 0n, amount0Out: 0n, amount1Out: 1n } }));
    },
  };
  return { client: client as unknown as PublicClient, asked };
}

describe("SwapWindow", () => {
  it("reads only the blocks since its last read", async () => {
    const { client, asked } = fakeClient([50n, 120n]);
    const window = new SwapWindow(20n);
    await window.advance(client, [PAIR], 100n, 1_000n);
    expect(window.due(110n)).toBe(false);
    expect(window.due(120n)).toBe(true);
    const swaps = await window.advance(client, [PAIR], 120n, 1_000n);
    expect(asked).toEqual([[0n, 100n], [101n, 120n]]);
    expect(swaps.get(PAIR)?.map((s) => s.blockNumber)).toEqual([50n, 120n]);
  });

  it("after the chain went back (a revert to a snapshot), reads its whole window again and forgets swaps past the new head", async () => {
    const { client, asked } = fakeClient([50n, 150n]);
    const window = new SwapWindow(20n);
    await window.advance(client, [PAIR], 200n, 1_000n);
    // Reverted to block 100: due at once, however few blocks have passed, and the swap of block 150 is gone.
    expect(window.due(100n)).toBe(true);
    const swaps = await window.advance(client, [PAIR], 100n, 1_000n);
    expect(asked.at(-1)).toEqual([0n, 100n]);
    expect(swaps.get(PAIR)?.map((s) => s.blockNumber)).toEqual([50n]);
    // ... and carries on from there.
    await window.advance(client, [PAIR], 130n, 1_000n);
    expect(asked.at(-1)).toEqual([101n, 130n]);
  });
});
