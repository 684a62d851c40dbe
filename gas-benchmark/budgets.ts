/**
 * What the gas benchmark holds the farm to (issue 6). Budgets are receipt gas, 21,000 base
 * included, in the steady state of scenario.ts, at every farm size measured.
 */
export const BUDGETS: Record<string, number> = {
  "deposit, new staker": 102_000,
  "deposit, existing staker paying pending": 95_000,
  harvest: 70_000,
  "withdraw paying pending": 86_000,
  emergencyWithdraw: 45_000,
  set: 50_000,
  add: 120_000,
};

/**
 * Budgets this design cannot meet: how far over is accepted (above `ceiling` is a regression and
 * fails like any other) and why. The table reports them as misses, not passes.
 */
export const KNOWN_MISSES: Record<string, { ceiling: number; why: string }> = {
  emergencyWithdraw: {
    ceiling: 47_000,
    why: "the stake total is kept in storage: 45,888 is spent before any farm code runs (README, Gas)",
  },
};

/** Every operation must cost the same, within this fraction, whatever the number of pools and stakers. */
export const FLATNESS = 0.02;

/** The farm sizes measured: every combination of these pool and staker counts. */
export const POOL_COUNTS = [1, 10, 100, 1_000];
/** Stakers in the measured pool besides the measured user. */
export const STAKER_COUNTS = [1, 1_000];
