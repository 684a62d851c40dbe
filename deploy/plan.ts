/**
 * What a farm deployment should look like: the reward token, the emission, the owner, the Uniswap
 * contracts it prices against and its pools. Built in code by the local world and the fork
 * launcher, or read from a JSON config file for a real network (see `deploy/config/`).
 */
import { readFile } from "node:fs/promises";

import { getAddress, isAddress, parseUnits } from "ethers";

import { FARM_LIMITS } from "./farm-limits.js";
import { MULTICALL3_ADDRESS } from "./multicall.js";
import type { PoolSpec } from "./pools.js";

export interface RewardTokenPlan {
  name: string;
  symbol: string;
  decimals: number;
  /** Hard cap on supply, in wei. */
  cap: bigint;
  /** Minted to the deployer at deployment (e.g. to seed a market); counts against the cap. */
  initialSupply: bigint;
}

export interface FarmPlan {
  rewardToken: RewardTokenPlan;
  rewardPerBlock: bigint;
  /** An absolute block, or a number of blocks after the chain's current block when the run starts. */
  startBlock: bigint | { afterBlocks: bigint };
  /** Final owner; the deployer when absent. Ownership moves in two steps (the owner accepts). */
  owner?: string;
  uniswapV2Factory: string;
  uniswapV2Router: string;
  weth: string;
  stablecoin: string;
  multicall3: string;
  pools: PoolSpec[];
}

/** A config file mistake, told in a sentence naming the file and the field. */
export class PlanError extends Error {}

type Json = Record<string, unknown>;

function field(json: Json, key: string, source: string): unknown {
  if (json[key] === undefined) throw new PlanError(`${source}: "${key}" is missing.`);
  return json[key];
}

function address(value: unknown, key: string, source: string): string {
  if (typeof value !== "string" || !isAddress(value)) {
    throw new PlanError(`${source}: "${key}" must be an address (0x followed by 40 hex digits), got ${JSON.stringify(value)}.`);
  }
  return getAddress(value);
}

/** A decimal amount in token units ("2.5") converted to wei. */
function amount(value: unknown, decimals: number, key: string, source: string): bigint {
  try {
    if (typeof value !== "string" && typeof value !== "number") throw new Error();
    const wei = parseUnits(String(value), decimals);
    if (wei < 0n) throw new Error();
    return wei;
  } catch {
    throw new PlanError(`${source}: "${key}" must be an amount in tokens with at most ${decimals} decimals, got ${JSON.stringify(value)}.`);
  }
}

function whole(value: unknown, key: string, source: string): bigint {
  if ((typeof value !== "number" && typeof value !== "string") || !/^\d+$/.test(String(value))) {
    throw new PlanError(`${source}: "${key}" must be a whole number, got ${JSON.stringify(value)}.`);
  }
  return BigInt(value);
}

/** `value` must be at most `max`, the farm's limit for `key`. */
function atMost(value: bigint, max: bigint, key: string, source: string): bigint {
  if (value > max) throw new PlanError(`${source}: "${key}" is ${value}, above the farm's limit of ${max}.`);
  return value;
}

function startBlock(value: unknown, source: string): FarmPlan["startBlock"] {
  if (typeof value === "string" && value.startsWith("+")) {
    return { afterBlocks: atMost(whole(value.slice(1), "startBlock", source), FARM_LIMITS.startBlock, "startBlock", source) };
  }
  return atMost(whole(value, "startBlock", source), FARM_LIMITS.startBlock, "startBlock", source);
}

function rewardToken(json: Json, source: string): RewardTokenPlan {
  const decimals = Number(whole(json.decimals ?? 18, "rewardToken.decimals", source));
  if (decimals > 36) throw new PlanError(`${source}: "rewardToken.decimals" must be at most 36.`);
  return {
    name: String(field(json, "name", `${source} rewardToken`)),
    symbol: String(field(json, "symbol", `${source} rewardToken`)),
    decimals,
    cap: amount(field(json, "cap", `${source} rewardToken`), decimals, "rewardToken.cap", source),
    initialSupply: amount(json.initialSupply ?? "0", decimals, "rewardToken.initialSupply", source),
  };
}

/** Validates a parsed config file; every mistake is reported as a PlanError naming the field. */
export function parsePlan(json: Json, source: string): FarmPlan {
  const token = rewardToken(field(json, "rewardToken", source) as Json, source);
  const pools = field(json, "pools", source);
  if (!Array.isArray(pools)) throw new PlanError(`${source}: "pools" must be a list of { "lpToken", "allocPoint" }.`);
  return {
    rewardToken: token,
    rewardPerBlock: atMost(
      amount(field(json, "rewardPerBlock", source), token.decimals, "rewardPerBlock", source),
      FARM_LIMITS.rewardPerBlock,
      "rewardPerBlock",
      source,
    ),
    startBlock: startBlock(field(json, "startBlock", source), source),
    owner: json.owner === undefined ? undefined : address(json.owner, "owner", source),
    uniswapV2Factory: address(field(json, "uniswapV2Factory", source), "uniswapV2Factory", source),
    uniswapV2Router: address(field(json, "uniswapV2Router", source), "uniswapV2Router", source),
    weth: address(field(json, "weth", source), "weth", source),
    stablecoin: address(field(json, "stablecoin", source), "stablecoin", source),
    multicall3: address(json.multicall3 ?? MULTICALL3_ADDRESS, "multicall3", source),
    pools: pools.map((pool: Json, i) => ({
      lpToken: address(pool.lpToken, `pools[${i}].lpToken`, source),
      allocPoint: atMost(whole(pool.allocPoint, `pools[${i}].allocPoint`, source), FARM_LIMITS.allocPoint, `pools[${i}].allocPoint`, source),
    })),
  };
}

export async function readPlan(file: string): Promise<FarmPlan> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new PlanError(`No deployment config at ${file}: write one (deploy/config/mainnet.json is an example), or point FARM_CONFIG at yours.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlanError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parsePlan(json as Json, file);
}
