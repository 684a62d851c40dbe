/**
 * Sentences for the farm's refusals of the owner's lock settings (IFarmLocks), for lib/errors.ts.
 * The admin page checks the same rules before anything is sent, so these show only when the farm
 * and the page disagree (a farm with other limits) or the settings changed in between.
 */
import { formatBps } from "./lock-penalty-terms";
import { formatBoost, tierName } from "./lock-tiers";

type SentenceFor = (args: readonly unknown[]) => string;

const count = (value: unknown) => (typeof value === "bigint" ? value.toLocaleString("en-US") : String(value));
const tier = (index: unknown) => (typeof index === "bigint" ? tierName(Number(index)) : "A tier");

export const LOCK_ADMIN_ERRORS: Record<string, SentenceFor> = {
  LockTiersMismatch: ([durations, boosts]) =>
    `The farm got ${count(durations)} durations and ${count(boosts)} boosts: each tier needs one of each. Reload the page and review the tiers again.`,
  TooManyLockTiers: ([tiers, max]) => `The farm offers at most ${count(max)} lock tiers, and this list has ${count(tiers)}: remove some.`,
  LockDurationInvalid: ([index, duration]) =>
    `${tier(index)}'s duration of ${count(duration)} blocks was refused: durations run from 1 to 4,294,967,295 blocks and increase from tier to tier.`,
  BoostInvalid: ([index, boostBps]) =>
    `${tier(index)}'s boost of ${typeof boostBps === "bigint" ? formatBoost(boostBps) : String(boostBps)} was refused: ` +
    "boosts run from 1× to the farm's maximum and never decrease from tier to tier.",
  PenaltyTooLarge: ([penaltyBps, max]) =>
    typeof penaltyBps === "bigint" && typeof max === "bigint"
      ? `An early-exit penalty of ${formatBps(penaltyBps)} is above the farm's cap of ${formatBps(max)}: enter a smaller rate.`
      : "That early-exit penalty is above the farm's cap: enter a smaller rate.",
};
