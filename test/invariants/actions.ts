/**
 * What a random sequence is made of. Each action is an *intent* ("withdraw 40 % of the stake",
 * "withdraw 3 wei more than the stake", "the pool after the last one"), turned into concrete
 * arguments only when it runs, against the state it finds then: so any sequence is meaningful from
 * any state, and the mix of valid and invalid calls stays even as pools and stakes come and go.
 */
import fc from "fast-check";

import { MAX_ALLOC_POINT, MAX_REWARD_PER_BLOCK, type WorldProfile } from "./world.js";

export const USER_COUNT = 5;

/** An existing pool (index taken modulo the pool count), or a pool id that does not exist. */
export type PoolPick = { existing: number } | { missing: "next" | "beyond" | "max" };

/** A part of a balance or stake: none, all, a fraction (per mille), or a few wei. */
export type Portion =
  | { kind: "none" }
  | { kind: "all" }
  | { kind: "permille"; permille: bigint }
  | { kind: "wei"; wei: bigint };

/** Admin calls come from the owner, or from a staker who must be refused. */
export type Caller = "owner" | { user: number };

/** `add` of a stakeable token (by index), or of something no pool may hold. */
export type TokenPick = { stakeable: number } | { bad: "rewardToken" | "zero" | "noCode" };

export type Action =
  | { kind: "deposit"; user: number; pool: PoolPick; portion: Portion }
  | { kind: "depositFor"; user: number; to: number | "zero" | "farm"; pool: PoolPick; portion: Portion }
  | { kind: "withdraw"; user: number; preferStaker: boolean; pool: PoolPick; portion: Portion | { kind: "overStake"; excess: bigint } }
  | { kind: "harvest"; user: number; pool: PoolPick }
  | { kind: "harvestAll"; user: number; pools: PoolPick[] }
  | { kind: "emergencyWithdraw"; user: number; preferStaker: boolean; pool: PoolPick }
  | { kind: "updatePool"; user: number; pool: PoolPick }
  | { kind: "massUpdatePools"; user: number }
  | { kind: "donate"; user: number; pool: PoolPick; portion: Portion }
  | { kind: "add"; caller: Caller; allocPoint: bigint; token: TokenPick }
  | { kind: "set"; caller: Caller; pool: PoolPick; allocPoint: bigint }
  | { kind: "setRewardPerBlock"; caller: Caller; rewardPerBlock: bigint }
  | { kind: "pause"; caller: Caller }
  | { kind: "unpause"; caller: Caller }
  | { kind: "mine"; blocks: number }
  | { kind: "breakRewardToken" }
  | { kind: "repairRewardToken" }
  /** Several calls mined together in one block. */
  | { kind: "sameBlock"; actions: Action[] };

export type ActionKind = Action["kind"];

const user = fc.integer({ min: 0, max: USER_COUNT - 1 });

/** Withdrawals mostly come from someone with a stake (else most would move nothing). */
const preferStaker = fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

const pool: fc.Arbitrary<PoolPick> = fc.oneof(
  { weight: 14, arbitrary: fc.nat(11).map((existing) => ({ existing })) },
  { weight: 1, arbitrary: fc.constantFrom("next", "beyond", "max").map((missing) => ({ missing }) as PoolPick) },
);

const portion: fc.Arbitrary<Portion> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: "none" } as const) },
  { weight: 2, arbitrary: fc.constant({ kind: "all" } as const) },
  { weight: 6, arbitrary: fc.bigInt({ min: 1n, max: 999n }).map((permille) => ({ kind: "permille", permille }) as const) },
  { weight: 2, arbitrary: fc.bigInt({ min: 1n, max: 1_000n }).map((wei) => ({ kind: "wei", wei }) as const) },
);

const caller: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 9, arbitrary: fc.constant("owner" as const) },
  { weight: 1, arbitrary: user.map((u) => ({ user: u })) },
);

/**
 * Small allocations divide emission unevenly; 2^16 − 1 is the largest allowed, one more is
 * refused. At the edges, most allocations are within a few points of the largest.
 */
function allocPointOf(profile: WorldProfile): fc.Arbitrary<bigint> {
  const largest = fc.constantFrom(MAX_ALLOC_POINT, MAX_ALLOC_POINT + 1n);
  if (profile.allocations === "nearMax") {
    return fc.oneof(
      { weight: 8, arbitrary: fc.bigInt({ min: MAX_ALLOC_POINT - 20n, max: MAX_ALLOC_POINT }) },
      { weight: 2, arbitrary: fc.constantFrom(0n, 1n, 3n) },
      { weight: 1, arbitrary: largest },
    );
  }
  return fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(0n, 1n, 3n, 7n, 10n, 100n, 250n, 1_000n) },
    { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 10_000n }) },
    { weight: 1, arbitrary: largest },
  );
}

/**
 * Rates from 0 to the largest allowed (which spends the whole budget in one block), and one above
 * it, around the profile's unit (10 RWD, or 1,000 wei of a 6-decimal token, or 3 wei).
 */
function rewardPerBlockOf({ rateUnit: unit }: WorldProfile): fc.Arbitrary<bigint> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0n, 1n, 7n, unit / 3n, unit, (5n * unit) / 2n) },
    { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: 10n * unit }) },
    { weight: 1, arbitrary: fc.constantFrom(MAX_REWARD_PER_BLOCK, MAX_REWARD_PER_BLOCK + 1n) },
  );
}

const token: fc.Arbitrary<TokenPick> = fc.oneof(
  { weight: 8, arbitrary: fc.nat(4).map((stakeable) => ({ stakeable })) },
  { weight: 1, arbitrary: fc.constantFrom("rewardToken", "zero", "noCode").map((bad) => ({ bad }) as TokenPick) },
);

function blocksOf({ maxBlocksPerMine: most }: WorldProfile): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: Math.min(10, most) }) },
    { weight: 3, arbitrary: fc.integer({ min: Math.min(11, most), max: Math.min(200, most) }) },
    { weight: 1, arbitrary: fc.integer({ min: Math.min(500, most), max: most }) },
  );
}

const deposit = fc.record({ kind: fc.constant("deposit" as const), user, pool, portion });
const depositFor = fc.record({
  kind: fc.constant("depositFor" as const),
  user,
  to: fc.oneof({ weight: 18, arbitrary: user }, { weight: 1, arbitrary: fc.constantFrom("zero" as const, "farm" as const) }),
  pool,
  portion,
});
const withdraw = fc.record({
  kind: fc.constant("withdraw" as const),
  user,
  preferStaker,
  pool,
  portion: fc.oneof(
    { weight: 8, arbitrary: portion },
    { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 18n }).map((excess) => ({ kind: "overStake", excess }) as const) },
  ),
});
const harvest = fc.record({ kind: fc.constant("harvest" as const), user, pool });
const harvestAll = fc.record({ kind: fc.constant("harvestAll" as const), user, pools: fc.array(pool, { maxLength: 6 }) });
const emergencyWithdraw = fc.record({ kind: fc.constant("emergencyWithdraw" as const), user, preferStaker, pool });
const updatePool = fc.record({ kind: fc.constant("updatePool" as const), user, pool });
/** The actions of a campaign on `profile`'s world, and how often each comes. */
function actionOf(profile: WorldProfile): fc.Arbitrary<Action> {
  const allocPoint = allocPointOf(profile);
  const set = fc.record({ kind: fc.constant("set" as const), caller, pool, allocPoint });
  const setRewardPerBlock = fc.record({ kind: fc.constant("setRewardPerBlock" as const), caller, rewardPerBlock: rewardPerBlockOf(profile) });

  /** Calls that may share a block: staker calls, and the admin calls that change emission. */
  const sameBlock = fc.record({
    kind: fc.constant("sameBlock" as const),
    actions: fc.array(fc.oneof(deposit, depositFor, withdraw, harvest, harvestAll, emergencyWithdraw, updatePool, set, setRewardPerBlock), {
      minLength: 2,
      maxLength: 3,
    }),
  });

  return fc.oneof(
    { weight: 16, arbitrary: deposit },
    { weight: 6, arbitrary: depositFor },
    { weight: 14, arbitrary: withdraw },
    { weight: 8, arbitrary: harvest },
    { weight: 6, arbitrary: harvestAll },
    { weight: 5, arbitrary: emergencyWithdraw },
    { weight: 2, arbitrary: updatePool },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("massUpdatePools" as const), user }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("donate" as const), user, pool, portion }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("add" as const), caller, allocPoint, token }) },
    { weight: 6, arbitrary: set },
    { weight: 4, arbitrary: setRewardPerBlock },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("pause" as const), caller }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("unpause" as const), caller }) },
    { weight: 10, arbitrary: fc.record({ kind: fc.constant("mine" as const), blocks: blocksOf(profile) }) },
    { weight: 1, arbitrary: fc.constant({ kind: "breakRewardToken" as const }) },
    { weight: 3, arbitrary: fc.constant({ kind: "repairRewardToken" as const }) },
    { weight: 4, arbitrary: sameBlock },
  );
}

/** A sequence of exactly `steps` actions on `profile`'s world. */
export function sequence(steps: number, profile: WorldProfile): fc.Arbitrary<Action[]> {
  return fc.array(actionOf(profile), { minLength: steps, maxLength: steps });
}

/** One line per action, for failure reports. */
export function describeAction(a: Action): string {
  return JSON.stringify(a, (_key, value) => (typeof value === "bigint" ? `${value}n` : value));
}
