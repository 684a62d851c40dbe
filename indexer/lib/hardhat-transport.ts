/**
 * The JSON-RPC transport for a local Hardhat node. Blocks that `hardhat_mine` mines in one call
 * (the launchers mine a block-time history so; tests fast-forward to a lock's end so) come back
 * with a zero `parentHash` except the first and last of the range: Ponder checks every new block's
 * parent against the previous block's hash, takes the zero for a reorg it cannot reconcile, and
 * stops following the chain. This transport fills such a block's `parentHash` with the hash of the
 * block before it, which is what it is; every other answer passes through unchanged.
 */
import { custom, http, type Transport } from "viem";

const MAX_ANSWER_BYTES = 256 * 1024 * 1024;
const ZERO_HASH = `0x${"0".repeat(64)}`;

interface RpcBlock {
  number: `0x${string}`;
  parentHash: `0x${string}`;
  hash: `0x${string}`;
}

function needsParent(result: unknown): result is RpcBlock {
  const block = result as RpcBlock | null;
  return !!block && typeof block === "object" && block.parentHash === ZERO_HASH && BigInt(block.number ?? "0x0") > 0n;
}

export function hardhatTransport(url: string): Transport {
  return (options) => {
    // A benchmark's 500 blocks of a hundred farm events each answer about 35 MB (ponder.config.ts).
    const node = http(url, { maxResponseBodySize: MAX_ANSWER_BYTES })(options);
    return custom({
      async request({ method, params }) {
        const result = await node.request({ method, params });
        if ((method !== "eth_getBlockByNumber" && method !== "eth_getBlockByHash") || !needsParent(result)) return result;
        const parent = (await node.request({
          method: "eth_getBlockByNumber",
          params: [`0x${(BigInt(result.number) - 1n).toString(16)}`, false],
        })) as RpcBlock | null;
        return parent ? { ...result, parentHash: parent.hash } : result;
      },
    })(options);
  };
}
