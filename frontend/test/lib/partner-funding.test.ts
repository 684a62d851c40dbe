import { type Address, getAddress } from "viem";
import { describe, expect, it } from "vitest";

import type { PartnerStream } from "../../src/lib/farm-snapshot";
import { checkEnd, checkFunding, checkTokenAddress, type FundingInput } from "../../src/lib/partner-funding";

const ME: Address = getAddress("0x00000000000000000000000000000000000000a1");
const OTHER: Address = getAddress("0x00000000000000000000000000000000000000a2");
const PTN: Address = getAddress("0x00000000000000000000000000000000000000b1");
const E18 = 10n ** 18n;

function stream(overrides: Partial<PartnerStream> = {}): PartnerStream {
  return { token: PTN, sponsor: ME, startBlock: 0n, endBlock: 1_100n, amount: 1_100n * E18, remaining: 1_000n * E18, unclaimedBySponsor: 0n, ...overrides };
}

const input: FundingInput = {
  user: ME, isSponsor: true, pid: 0, streams: [], token: PTN, symbol: "PTN", decimals: 18,
  balance: 5_000n * E18, amountText: "999", endBlock: 1_100n, block: 100n, blocksPerDay: 100n,
};

describe("checking a funding before it is sent", () => {
  it("starts a stream: the amount over the blocks from the next one to the end", () => {
    const check = checkFunding(input);
    expect(check).toMatchObject({ ok: true, amount: 999n * E18, plan: { kind: "start", streaming: 999n * E18, perBlock: E18, perDay: 100n * E18 } });
    expect(check.ok && check.sentence).toBe("This starts a PTN stream: over the next 999 blocks, to block 1,100.");
  });

  it("says a top-up to the same end raises the rate, and to a later end extends it", () => {
    const raise = checkFunding({ ...input, streams: [stream()] });
    // 1,000 left at block 100 (1 a block), 999 at block 101, plus 999: 1,998 over 999 blocks.
    expect(raise).toMatchObject({ ok: true, plan: { kind: "raise", streaming: 1_998n * E18, perBlock: 2n * E18 } });
    expect(raise.ok && raise.sentence).toBe("Same end (block 1,100): this top-up raises the stream's rate.");
    const extend = checkFunding({ ...input, streams: [stream()], endBlock: 2_099n });
    expect(extend).toMatchObject({ ok: true, plan: { kind: "extend", previousEnd: 1_100n, perBlock: E18 } });
    expect(extend.ok && extend.sentence).toMatch(/^Later end: this top-up extends the stream from block 1,100 to block 2,099/);
  });

  it("refuses what the contract would, in sentences", () => {
    const reason = (over: Partial<FundingInput>) => {
      const check = checkFunding({ ...input, ...over });
      return check.ok ? "sent" : check.reason;
    };
    expect(reason({ user: undefined })).toBe("Connect a wallet to fund a stream.");
    expect(reason({ isSponsor: false })).toMatch(/^Only the farm's owner and the sponsors it approves/);
    expect(reason({ streams: [stream({ sponsor: OTHER })] })).toBe(`This pool's PTN stream belongs to ${OTHER}: only that sponsor tops it up, until it has ended and been reclaimed.`);
    expect(reason({ streams: [1, 2, 3, 4].map((i) => stream({ token: getAddress(`0x00000000000000000000000000000000000000c${i}`) })) })).toMatch(/already carries 4 partner tokens/);
    expect(reason({ streams: [stream()], endBlock: 1_099n })).toBe("The end must be at block 1,100 or later: a running stream's end is never moved earlier. Choose a later end.");
    expect(reason({ endBlock: 101n })).toBe("The end must be at block 102 or later. Choose a later end.");
    expect(reason({ amountText: "6000" })).toBe("That is more than your PTN balance (5,000).");
    expect(reason({ amountText: "0" })).toBe("Enter an amount above zero.");
    expect(reason({ amountText: "0.000000000000000001" })).toMatch(/^That streams less than the smallest unit of PTN a block/);
  });

  it("lets another sponsor take over a stream that has ended and been reclaimed, not before", () => {
    const ended = stream({ sponsor: OTHER, endBlock: 90n, remaining: 0n });
    expect(checkFunding({ ...input, streams: [ended] })).toMatchObject({ ok: true, plan: { kind: "start" } });
    expect(checkFunding({ ...input, streams: [{ ...ended, unclaimedBySponsor: 1n }] })).toMatchObject({ ok: false });
  });
});

describe("the form's other fields", () => {
  it("takes a token address, or says what one looks like", () => {
    // Typed in lower case, taken checksummed: one key for the token however it is typed.
    expect(checkTokenAddress(` ${PTN.toLowerCase()} `)).toEqual({ ok: true, address: PTN });
    expect(checkTokenAddress("")).toMatchObject({ ok: false, reason: /^Enter the partner token's address/ });
    expect(checkTokenAddress("0x123")).toEqual({ ok: false, reason: '"0x123" is not an address: enter 0x followed by 40 hex digits.' });
  });

  it("takes an end as blocks from now or as a future date", () => {
    const now = { blockNumber: 1_000n, timestamp: 1_700_000_000n };
    expect(checkEnd({ mode: "blocks", text: "7200", now, blockSeconds: 12 })).toEqual({ ok: true, endBlock: 8_200n });
    expect(checkEnd({ mode: "blocks", text: "1.5", now, blockSeconds: 12 })).toMatchObject({ ok: false });
    expect(checkEnd({ mode: "blocks", text: "0", now, blockSeconds: 12 })).toMatchObject({ ok: false });
    const inADay = new Date((1_700_000_000 + 86_400) * 1000).toISOString();
    expect(checkEnd({ mode: "date", text: inADay, now, blockSeconds: 12 })).toEqual({ ok: true, endBlock: 8_200n });
    expect(checkEnd({ mode: "date", text: "2000-01-01T00:00", now, blockSeconds: 12 })).toEqual({ ok: false, reason: "That date has passed: pick a date in the future." });
    expect(checkEnd({ mode: "date", text: "", now, blockSeconds: 12 })).toMatchObject({ ok: false });
  });
});
