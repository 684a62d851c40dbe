/**
 * The lock tiers the owner offers (IFarmLocks.setLockTiers): each a duration in blocks and a
 * boost in basis points (10,000 = 1×). What the owner types in the tier editor is checked here
 * row by row exactly as the farm checks it (at most 8 tiers, durations increasing from 1 block to
 * 365 epochs, boosts from 1× to 3× and never lower than the tier before), so a list the farm would
 * refuse is never sent; each refusal is a sentence naming the tier and saying what to type.
 */
import { withDecimalPoint } from "./amount";
import { formatDuration } from "./duration";

/** Basis points in 1×: boosts and penalty rates are counted in hundredths of a percent. */
export const BPS = 10_000n;

/** The farm's hard limits on tiers and penalties (its constants of the same names), and its epoch. */
export interface LockLimits {
  /** MAX_LOCK_TIERS */
  maxTiers: number;
  /** MAX_LOCK_EPOCHS: the longest tier, in epochs; it bounds the work of any one pool update. */
  maxLockEpochs: bigint;
  /** The farm's epochBlocks: lock ends are rounded up to multiples of it. */
  epochBlocks: bigint;
  /** MIN_BOOST_BPS: 1×, no boost. */
  minBoostBps: bigint;
  /** MAX_BOOST_BPS */
  maxBoostBps: bigint;
  /** MAX_PENALTY_BPS */
  maxPenaltyBps: bigint;
}

/** The limits contracts/Farm.sol states, for a farm of `epochBlocks`; the page reads the deployed farm's own. */
export function farmLockLimits(epochBlocks: bigint): LockLimits {
  return { maxTiers: 8, maxLockEpochs: 365n, epochBlocks, minBoostBps: 10_000n, maxBoostBps: 30_000n, maxPenaltyBps: 5_000n };
}

/** The longest tier a farm takes, in blocks. */
export function longestLockBlocks(limits: LockLimits): bigint {
  return limits.maxLockEpochs * limits.epochBlocks;
}

export interface LockTier {
  durationBlocks: bigint;
  boostBps: bigint;
}

/** One row of the tier editor, as typed. */
export interface TierDraft {
  duration: string;
  boost: string;
}

/** What is wrong with one field of one row, or with the list as a whole (`row` undefined). */
export interface TierProblem {
  row?: number;
  field: "duration" | "boost" | "list";
  reason: string;
}

export type TiersCheck = { ok: true; tiers: LockTier[] } | { ok: false; problems: TierProblem[] };

/** Digits, or digits grouped in thousands by commas ("43,200"): a block count has no decimals to confuse them with. */
const WHOLE_BLOCKS = /^(?:\d+|\d{1,3}(?:,\d{3})+)$/;
/** A plain decimal, after a decimal comma was read as a point. */
const PLAIN_DECIMAL = /^(?:\d+\.?\d*|\.\d+)$/;
/** A boost may be typed with its sign: "1.5x", "1.5×", "1.5 ×". */
const TIMES_SIGN = /\s*[x×]$/i;
/** A boost's decimals: 1× is 10,000 basis points. */
const BOOST_DECIMALS = 4;

/** "Tier 2" for the row at index 1: people count from 1. */
export const tierName = (row: number) => `Tier ${row + 1}`;

/** 15,000 bps → "1.5×", 10,000 → "1×", 12,345 → "1.2345×". */
export function formatBoost(boostBps: bigint): string {
  const whole = boostBps / BPS;
  const fraction = (boostBps % BPS).toString().padStart(BOOST_DECIMALS, "0").replace(/0+$/, "");
  return `${whole.toLocaleString("en-US")}${fraction ? `.${fraction}` : ""}×`;
}

/** 43,200 → "43,200 blocks"; 1 → "1 block". */
export function formatBlocks(blocks: bigint): string {
  return `${blocks.toLocaleString("en-US")} ${blocks === 1n ? "block" : "blocks"}`;
}

/** How long `blocks` take at the app's block time, as people say it ("30 days"); rounded down. */
export function blocksDuration(blocks: bigint, blockSeconds: number): string {
  return formatDuration(Number(blocks) * blockSeconds);
}

/** The editor's rows for `tiers`, as they would be typed. */
export function draftsOf(tiers: readonly LockTier[]): TierDraft[] {
  return tiers.map((t) => ({ duration: t.durationBlocks.toString(), boost: formatBoost(t.boostBps).slice(0, -1).replaceAll(",", "") }));
}

/** A typed duration in blocks, or a sentence about tier `row`. */
export function parseDurationBlocks(input: string, row: number): { ok: true; blocks: bigint } | { ok: false; reason: string } {
  const text = input.trim();
  const tier = tierName(row);
  if (text === "") return { ok: false, reason: `Enter ${tier.toLowerCase()}'s duration in blocks, like 43200.` };
  if (!WHOLE_BLOCKS.test(text)) return { ok: false, reason: `${tier}'s duration is a whole number of blocks, like 43200.` };
  return { ok: true, blocks: BigInt(text.replaceAll(",", "")) };
}

/** A typed boost ("1.5", "1,5", "1.5x") in basis points, or a sentence about tier `row`. */
export function parseBoostBps(input: string, row: number): { ok: true; bps: bigint } | { ok: false; reason: string } {
  const tier = tierName(row);
  const typed = input.trim().replace(TIMES_SIGN, "");
  if (typed === "") return { ok: false, reason: `Enter ${tier.toLowerCase()}'s boost, like 1.5 for 1.5×.` };
  const pointed = withDecimalPoint(typed);
  if ("reason" in pointed) return { ok: false, reason: pointed.reason };
  if (!PLAIN_DECIMAL.test(pointed.text)) return { ok: false, reason: `${tier}'s boost is a number from 1 to 3, like 1.5 for 1.5×.` };
  const [whole, fraction = ""] = pointed.text.split(".");
  if (fraction.length > BOOST_DECIMALS) {
    return { ok: false, reason: `${tier}'s boost has at most ${BOOST_DECIMALS} decimals, like 1.2345×: the farm counts boosts in hundredths of a percent.` };
  }
  return { ok: true, bps: BigInt(whole || "0") * BPS + BigInt(fraction.padEnd(BOOST_DECIMALS, "0")) };
}

/**
 * Checks the editor's rows as the farm's setLockTiers does, and against the tiers set now
 * (`current`: sending the same list would change nothing). Every problem is listed, each on its
 * row, so the owner sees them all at once; a row is compared with the one before only when
 * that one reads as a number.
 */
export function checkTiers(drafts: readonly TierDraft[], current: readonly LockTier[], limits: LockLimits): TiersCheck {
  const problems: TierProblem[] = [];
  if (drafts.length > limits.maxTiers) {
    const extra = drafts.length - limits.maxTiers;
    problems.push({ field: "list", reason: `The farm takes at most ${limits.maxTiers} tiers: remove ${extra} ${extra === 1 ? "row" : "rows"}.` });
  }
  const tiers: LockTier[] = [];
  let previous: Partial<LockTier> = {};
  drafts.forEach((draft, row) => {
    const duration = checkDuration(draft.duration, row, previous.durationBlocks, limits);
    const boost = checkBoost(draft.boost, row, previous.boostBps, limits);
    if (!duration.ok) problems.push({ row, field: "duration", reason: duration.reason });
    if (!boost.ok) problems.push({ row, field: "boost", reason: boost.reason });
    previous = { durationBlocks: duration.value, boostBps: boost.value };
    if (duration.ok && boost.ok) tiers.push({ durationBlocks: duration.value, boostBps: boost.value });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (sameTiers(tiers, current)) {
    return { ok: false, problems: [{ field: "list", reason: "These are the tiers set now: change a duration or a boost, or add or remove a tier." }] };
  }
  return { ok: true, tiers };
}

/** A field's value when it reads as a number (even if refused), so the next row can be compared with it. */
type FieldCheck = { ok: true; value: bigint } | { ok: false; reason: string; value?: bigint };

function checkDuration(input: string, row: number, before: bigint | undefined, limits: LockLimits): FieldCheck {
  const parsed = parseDurationBlocks(input, row);
  if (!parsed.ok) return parsed;
  const { blocks } = parsed;
  const tier = tierName(row);
  if (blocks === 0n) return { ok: false, reason: `${tier}'s duration must be at least 1 block.`, value: blocks };
  const longest = longestLockBlocks(limits);
  if (blocks > longest) {
    const epochs = `${limits.maxLockEpochs.toLocaleString("en-US")} epochs of ${formatBlocks(limits.epochBlocks)}`;
    return { ok: false, reason: `${tier}'s duration can be at most ${formatBlocks(longest)} (${epochs}): the farm's limit.`, value: blocks };
  }
  if (before !== undefined && blocks <= before) {
    return {
      ok: false,
      reason: `${tier} must last longer than ${tierName(row - 1).toLowerCase()} (${formatBlocks(before)}): durations increase from tier to tier.`,
      value: blocks,
    };
  }
  return { ok: true, value: blocks };
}

function checkBoost(input: string, row: number, before: bigint | undefined, limits: LockLimits): FieldCheck {
  const parsed = parseBoostBps(input, row);
  if (!parsed.ok) return parsed;
  const { bps } = parsed;
  const tier = tierName(row);
  if (bps < limits.minBoostBps) return { ok: false, reason: `${tier}'s boost must be at least ${formatBoost(limits.minBoostBps)} (no boost).`, value: bps };
  if (bps > limits.maxBoostBps) return { ok: false, reason: `${tier}'s boost can be at most ${formatBoost(limits.maxBoostBps)}: the farm's limit.`, value: bps };
  if (before !== undefined && bps < before) {
    return {
      ok: false,
      reason: `${tier}'s boost must be at least ${tierName(row - 1).toLowerCase()}'s ${formatBoost(before)}: a longer lock never earns a smaller boost.`,
      value: bps,
    };
  }
  return { ok: true, value: bps };
}

export function sameTiers(a: readonly LockTier[], b: readonly LockTier[]): boolean {
  return a.length === b.length && a.every((t, i) => t.durationBlocks === b[i]!.durationBlocks && t.boostBps === b[i]!.boostBps);
}
