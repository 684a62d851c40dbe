/**
 * The deployments file (`deployments/<chainId>.json`, see DESIGN.md), fetched at run time from
 * the server that serves the app (the launcher writes it just before serving), and parsed once
 * into checksummed viem addresses: past this file the app never re-checks or re-cases an address.
 */
import { type Address, getAddress, isAddress } from "viem";

import type { Deployment as DeploymentFile } from "../../../deploy/deployments";
import type { PairMeta } from "../lib/farm-snapshot";

/** The address fields of the file, each checked and checksummed. */
const ADDRESS_FIELDS = ["farm", "zap", "rewardToken", "uniswapV2Factory", "uniswapV2Router", "weth", "multicall3", "stablecoin"] as const;

export type Deployment = Omit<DeploymentFile, (typeof ADDRESS_FIELDS)[number] | "pools"> &
  Record<(typeof ADDRESS_FIELDS)[number], Address> & {
    /** The pools the file describes, as pairs in pid order. */
    pools: PairMeta[];
  };

/** The deployment on `chainId`, or undefined when the farm is not deployed there. */
export async function fetchDeployment(chainId: number): Promise<Deployment | undefined> {
  const response = await fetch(`${import.meta.env.BASE_URL}deployments/${chainId}.json`, { cache: "no-store" });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`The deployments file for chain ${chainId} could not be read (HTTP ${response.status}).`);
  return parseDeployment((await response.json()) as DeploymentFile);
}

/** The file with its addresses checksummed; throws naming the first field that is not an address. */
export function parseDeployment(file: DeploymentFile): Deployment {
  const where = `The deployments file for chain ${file.chainId}`;
  const address = (value: unknown, field: string): Address => {
    if (typeof value !== "string" || !isAddress(value, { strict: false })) throw new Error(`${where} has no valid address for ${field}.`);
    return getAddress(value);
  };
  const addresses = Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, address(file[field], field)])) as Record<(typeof ADDRESS_FIELDS)[number], Address>;
  const pools = [...file.pools]
    .sort((a, b) => a.pid - b.pid)
    .map((p) => ({
      address: address(p.lpToken, `pool ${p.pid}'s LP token`),
      token0: address(p.token0, `pool ${p.pid}'s token0`),
      token1: address(p.token1, `pool ${p.pid}'s token1`),
      symbol0: p.symbol0,
      symbol1: p.symbol1,
      decimals0: p.decimals0,
      decimals1: p.decimals1,
    }));
  return { ...file, ...addresses, pools, indexer: indexerUrl(file.indexer) };
}

/**
 * The indexer's API base (no trailing slash), or undefined when the file names none or names
 * something that is not an http(s) URL: history is then unavailable, the farms page unaffected.
 */
function indexerUrl(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href.replace(/\/+$/, "") : undefined;
  } catch {
    return undefined;
  }
}
