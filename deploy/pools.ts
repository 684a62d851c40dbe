/**
 * The farm's pools: adding the ones a plan asks for (only those not there yet, so a rerun adds
 * nothing twice) and describing every pool's pair for the deployments file.
 */
import { type Contract, getAddress, type Signer, Contract as EthersContract, type Provider } from "ethers";

import type { PoolRecord } from "./deployments.js";
import { pairAt } from "./uniswap.js";

export interface PoolSpec {
  lpToken: string;
  allocPoint: bigint;
}

const ERC20_ABI = ["function symbol() view returns (string)", "function decimals() view returns (uint8)"];

/** The LP token of every pool, in pid order. */
export async function poolTokens(farm: Contract): Promise<string[]> {
  const length = Number(await farm.poolLength());
  const infos = await Promise.all(Array.from({ length }, (_, pid) => farm.poolInfo(pid)));
  return infos.map((info) => getAddress(info.lpToken as string));
}

export interface PoolChange {
  spec: PoolSpec;
  /** Set when the pool already existed: its pid and current allocation. */
  existing?: { pid: number; allocPoint: bigint };
}

/**
 * Adds each spec's pool unless its LP token already has one. Existing pools keep their allocation
 * (an admin may have changed it since); the returned list says which existed and with what.
 */
export async function addMissingPools(farm: Contract, owner: Signer, specs: PoolSpec[]): Promise<PoolChange[]> {
  const existing = await poolTokens(farm);
  const changes: PoolChange[] = [];
  for (const spec of specs) {
    const pid = existing.indexOf(getAddress(spec.lpToken));
    if (pid >= 0) {
      const info = await farm.poolInfo(pid);
      changes.push({ spec, existing: { pid, allocPoint: info.allocPoint as bigint } });
      continue;
    }
    await (await (farm.connect(owner) as Contract).add(spec.allocPoint, spec.lpToken)).wait();
    existing.push(getAddress(spec.lpToken));
    changes.push({ spec });
  }
  return changes;
}

async function describeToken(address: string, provider: Provider): Promise<{ symbol: string; decimals: number }> {
  const token = new EthersContract(address, ERC20_ABI, provider);
  const [symbol, decimals] = await Promise.all([token.symbol() as Promise<string>, token.decimals() as Promise<bigint>]);
  return { symbol, decimals: Number(decimals) };
}

/** Every pool with its pair's tokens, symbols and decimals, as the deployments file records them. */
export async function describePools(farm: Contract, provider: Provider): Promise<PoolRecord[]> {
  const tokens = await poolTokens(farm);
  return Promise.all(
    tokens.map(async (lpToken, pid) => {
      const pair = pairAt(lpToken, provider);
      const [token0, token1] = (await Promise.all([pair.token0(), pair.token1()])).map((a: string) => getAddress(a));
      const [t0, t1] = await Promise.all([describeToken(token0, provider), describeToken(token1, provider)]);
      return {
        pid, lpToken, token0, token1,
        symbol0: t0.symbol, symbol1: t1.symbol, decimals0: t0.decimals, decimals1: t1.decimals,
      };
    }),
  );
}
