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

/** Lock terms the deploy brings the farm to (IFarmLocks): tiers, and the early-exit penalty. */
export interface LocksPlan {
  /** Each tier's duration in blocks and boost in basis points (10,000 = 1x). */
  tiers: Array<{ blocks: bigint; boostBps: bigint }>;
  /** The early-exit penalty at the very start of a lock, in basis points of the locked LP. */
  penaltyBps: bigint;
  /** Where penalties go; the farm's final owner (or the deployer) when absent. */
  penaltyRecipient?: string;
}

export interface FarmPlan {
  rewardToken: RewardTokenPlan;
  rewardPerBlock: bigint;
  /** Lock ends are rounded up to multiples of this many blocks: about a day (7,200 when absent). */
  epochBlocks?: bigint;
  locks?: LocksPlan;
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

/** A multiplier ("1.5") or a percentage ("20") as basis points. */
function basisPoints(value: unknown, scale: bigint, key: string, source: string): bigint {
  if ((typeof value !== "string" && typeof value !== "number") || !/^\d+(\.\d{1,4})?$/.test(String(value))) {
    throw new PlanError(`${source}: "${key}" must be a number with at most 4 decimals, got ${JSON.stringify(value)}.`);
  }
  return parseUnits(String(value), 4) * scale / 10_000n;
}

/**
 * "locks": { "tiers": [{ "blocks": 216000, "boost": "1.5" }], "earlyExitPenalty": { "percent": "20",
 * "recipient": "0x…" } }. The farm checks the limits (increasing durations, boosts 1x to 3x not
 * decreasing, at most 50%) and refuses with a named error; the deploy reports it.
 */
function locks(json: Json, source: string): LocksPlan {
  const tiers = field(json, "tiers", `${source} locks`);
  if (!Array.isArray(tiers)) throw new PlanError(`${source}: "locks.tiers" must be a list of { "blocks", "boost" }.`);
  const penalty = (json.earlyExitPenalty ?? {}) as Json;
  return {
    tiers: tiers.map((tier: Json, i) => ({
      blocks: whole(tier.blocks, `locks.tiers[${i}].blocks`, source),
      boostBps: basisPoints(tier.boost, 10_000n, `locks.tiers[${i}].boost`, source),
    })),
    penaltyBps: basisPoints(penalty.percent ?? "0", 100n, "locks.earlyExitPenalty.percent", source),
    penaltyRecipient: penalty.recipient === undefined ? undefined : address(penalty.recipient, "locks.earlyExitPenalty.recipient", source),
  };
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
    epochBlocks: json.epochBlocks === undefined ? undefined : whole(json.epochBlocks, "epochBlocks", source),
    locks: json.locks === undefined ? undefined : locks(json.locks as Json, source),
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
