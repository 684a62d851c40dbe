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
import { type Address, createPublicClient, getAddress, http, type PublicClient } from "viem";

import type { PairState } from "../../frontend/src/lib/prices";
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

  /** Token decimals, read once per token (they never change). */
  const decimalsOf = new Map<Address, number>();
  /** Answers of `pairsAt` by block hash and pairs; a handful of blocks' worth is plenty. */
  const answered = new Map<string, Promise<PairState[]>>();

  /**
   * The pairs of `addresses` that exist as of block `before`, with their reserves then (LP supply
   * left at 0: prices need only reserves). `key` names the chain's branch (the event's block
   * hash): after a reorg the same number is another block. One call, plus one the first time a
   * token is met; the events of one block share it.
   */
  function pairsAt(addresses: Address[], before: bigint, key: string): Promise<PairState[]> {
    const id = `${key}:${addresses.join()}`;
    let answer = answered.get(id);
    if (!answer) {
      if (answered.size >= 64) answered.clear();
      answered.set(id, (answer = readPairsAt(addresses, before)));
      answer.catch(() => answered.delete(id));
    }
    return answer;
  }

  async function readPairsAt(addresses: Address[], before: bigint): Promise<PairState[]> {
    const views = addresses.flatMap((address) => (["token0", "token1", "getReserves"] as const).map((functionName) => ({ abi: pairViewsAbi, address, functionName })));
    const answers = await client.multicall({ contracts: views, allowFailure: true, multicallAddress, blockNumber: before });
    const found = addresses.flatMap((address, i) => {
      const [token0, token1, reserves] = answers.slice(3 * i, 3 * i + 3);
      // No code there yet (or not a pair): no market.
      if (token0.status !== "success" || token1.status !== "success" || reserves.status !== "success") return [];
      const [reserve0, reserve1] = reserves.result as readonly [bigint, bigint, number];
      return [{ address, token0: getAddress(token0.result as Address), token1: getAddress(token1.result as Address), reserve0, reserve1 }];
    });
    const unknown = [...new Set(found.flatMap((p) => [p.token0, p.token1]))].filter((token) => !decimalsOf.has(token));
    if (unknown.length > 0) {
      const read = await client.multicall({ contracts: unknown.map((address) => ({ abi: pairViewsAbi, address, functionName: "decimals" as const })), allowFailure: true, multicallAddress, blockNumber: before });
      unknown.forEach((token, i) => decimalsOf.set(token, read[i].status === "success" ? Number(read[i].result) : 18));
    }
    return found.map((p) => ({ ...p, decimals0: decimalsOf.get(p.token0)!, decimals1: decimalsOf.get(p.token1)!, totalSupply: 0n }));
  }

  return { read, totalSupply, pairsAt };
}
