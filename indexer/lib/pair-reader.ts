/**
 * The reads that meet a pair (its tokens, their symbols and decimals, its reserves and supply just
 * before the indexer follows it), over a client of the indexer's own rather than Ponder's
 * `context.client`. That client shares one first-in-first-out queue with the backfill's block and
 * log fetches, whose rate Ponder starts at 20 requests a second and raises slowly: a handler's
 * read waited there 1.4 s, and while the 1,000 pools' pairs were met one read after another,
 * indexing stood still for the whole 200 s of fetching (`npm run bench:indexer`, README). These
 * reads are two per pool ever added and each names its block, so they answer exactly what
 * `context.client` would.
 */
import { type Address, createPublicClient, http, type PublicClient } from "viem";

import { pairViewsAbi } from "../abis";

export interface PairReading {
  token0: Address;
  token1: Address;
  symbol0: string;
  symbol1: string;
  decimals0: number;
  decimals1: number;
  /** Reserves and LP supply as of `before`; zero when the pair did not exist yet. */
  reserve0: bigint;
  reserve1: bigint;
  totalSupply: bigint;
}

export function pairReader(rpcUrl: string, multicallAddress: Address) {
  const client: PublicClient = createPublicClient({ transport: http(rpcUrl, { retryCount: 5 }) });

  /**
   * The pair at `address` as of block `before`; a pair created after `before` (in the block the
   * indexer meets it) starts empty, its events in that block bring it up. Throws when `address` is
   * not a Uniswap V2 pair.
   */
  async function read(address: Address, before: bigint): Promise<PairReading> {
    const views = (["token0", "token1", "getReserves", "totalSupply"] as const).map((functionName) => ({ abi: pairViewsAbi, address, functionName }));
    // One call: a pair with no code yet answers nothing, and so tells it did not exist.
    const earlier = await client.multicall({ contracts: views, allowFailure: true, multicallAddress, blockNumber: before });
    const existed = earlier.every((r) => r.status === "success");
    const [token0, token1] = existed
      ? [earlier[0].result as Address, earlier[1].result as Address]
      : ((await client.multicall({ contracts: views.slice(0, 2), allowFailure: false, multicallAddress, blockNumber: before + 1n })) as Address[]);
    const details = await client.multicall({
      contracts: [token0, token1].flatMap((token) => (["symbol", "decimals"] as const).map((functionName) => ({ abi: pairViewsAbi, address: token, functionName }))),
      multicallAddress,
      blockNumber: before + 1n,
    });
    const [symbol0, decimals0, symbol1, decimals1] = details.map((d) => d.result);
    const reserves = existed ? (earlier[2].result as readonly bigint[]) : [0n, 0n];
    return {
      token0, token1,
      symbol0: String(symbol0 ?? "?"), symbol1: String(symbol1 ?? "?"), decimals0: Number(decimals0 ?? 18), decimals1: Number(decimals1 ?? 18),
      reserve0: reserves[0], reserve1: reserves[1], totalSupply: existed ? (earlier[3].result as bigint) : 0n,
    };
  }

  async function totalSupply(address: Address, before: bigint): Promise<bigint> {
    return client.readContract({ abi: pairViewsAbi, address, functionName: "totalSupply", blockNumber: before });
  }

  return { read, totalSupply };
}
