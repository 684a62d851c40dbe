/**
 * What a random sequence is made of. Each action is an *intent* ("withdraw 40 % of the stake",
 * "withdraw 3 wei more than the stake", "the pool after the last one"), turned into concrete
 * arguments only when it runs, against the state it finds then: so any sequence is meaningful from
 * any state, and the mix of valid and invalid calls stays even as pools and stakes come and go.
 */
import fc from "fast-check";

import { MAX_ALLOC_POINT, MAX_BOOST_BPS, MAX_LOCK_EPOCHS, MAX_LOCK_TIERS, MAX_PENALTY_BPS, MAX_REWARD_PER_BLOCK, type WorldProfile } from "./world.js";

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

/** A tier set for setLockTiers: durations and boosts, possibly of different lengths (refused). */
export interface TierPick {
  durations: bigint[];
  boostsBps: bigint[];
}

/**
 * A lock tier: an existing one (index taken modulo the tier count), the shortest that does not end
 * the caller's running lock earlier (a top-up or extension; else as `existing`), or one past the last.
 */
export type TierIndexPick = { existing: number } | { renew: number } | { unknown: "count" | "max" };

/** The lock terms version a lock names: the current one, or one before or after it (refused). */
export type TermsPick = "current" | "behind" | "ahead";

/** Where early-exit penalties go: the world's treasury, a staker, or an address the farm refuses. */
export type RecipientPick = "treasury" | { user: number } | "zero" | "farm";

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
  /** Locks `portion` of the wallet (none: extends the running lock) for tier `tier` (maybe unknown). */
  | { kind: "lock"; user: number; pool: PoolPick; portion: Portion; tier: TierIndexPick; terms: TermsPick }
  /** The same through a permit signed for the pool's LP token (a real one on the Uniswap pairs). */
  | { kind: "lockWithPermit"; user: number; pool: PoolPick; portion: Portion; tier: TierIndexPick; terms: TermsPick }
  | { kind: "exitLock"; user: number; preferLocker: boolean; pool: PoolPick }
  | { kind: "setLockTiers"; caller: Caller; tiers: TierPick }
  | { kind: "setEarlyExitPenalty"; caller: Caller; penaltyBps: bigint; recipient: RecipientPick }
  | { kind: "emergencyUnlock"; caller: Caller; pool: PoolPick }
  /**
   * Mines up to a block at which a lock ends, so that the next step lands `offset` blocks from it:
   * the `which`-th lock end ahead (modulo how many there are), or the next epoch boundary if none.
   */
  | { kind: "mineToLockEnd"; which: number; offset: -1 | 0 | 1 }
  | { kind: "breakRewardToken" }
  | { kind: "repairRewardToken" }
  /** Several calls mined together in one block. */
  | { kind: "sameBlock"; actions: Action[] }
  /**
   * Partner rewards (IPartnerRewarder): `caller` funds `token` (world.partnerTokens, by index) on
   * a pool with `amount` to an end picked against the stream's current end (see StreamEndPick).
   */
  | { kind: "fund"; caller: SponsorPick; pool: PoolPick; token: number; again: number | null; amount: bigint; end: StreamEndPick }
  /** The stream's sponsor (or someone else, refused) takes back what no stake earned. */
  | { kind: "reclaim"; caller: SponsorPick | "streamSponsor"; pool: PoolPick; token: number; again: number | null }
  /** A staker claims its partner rewards in a pool (all the gas the token wants). */
  | { kind: "claim"; user: number; preferMember: boolean; pool: PoolPick }
  /** The hostile partner token's `transfer` behaves as `mode` (HostilePartnerToken.Mode) from now on. */
  | { kind: "setHostile"; mode: number }
  /** The owner approves the sponsor for a pool again or withdraws that approval (or a staker tries to, refused). */
  | { kind: "setSponsor"; caller: Caller; pool: PoolPick; approved: boolean }
  /** Mines so that the next step lands `offset` blocks from the `which`-th stream end ahead. */
  | { kind: "mineToStreamEnd"; which: number; offset: -1 | 0 | 1 };

/** Who funds or reclaims: the farm's owner, the approved sponsor, or a staker (not a sponsor). */
export type SponsorPick = "owner" | "sponsor" | { user: number };

/**
 * A stream's end: for a running stream its own end (a top-up raising the rate), `blocks` after it
 * (extending it), or a block before it (refused); for a new or ended stream `blocks` from now (0
 * is refused: the end must come after this block).
 */
export type StreamEndPick = { kind: "same" } | { kind: "later"; blocks: bigint } | { kind: "earlier" };

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
/** A tier: mostly one the farm has, sometimes one past its last. */
const tier: fc.Arbitrary<TierIndexPick> = fc.oneof(
  { weight: 10, arbitrary: fc.nat(MAX_LOCK_TIERS - 1).map((existing) => ({ existing })) },
  { weight: 5, arbitrary: fc.nat(MAX_LOCK_TIERS - 1).map((renew) => ({ renew })) },
  { weight: 1, arbitrary: fc.constantFrom("count" as const, "max" as const).map((unknown) => ({ unknown })) },
);

/**
 * Tier sets: mostly valid (durations increasing, from a few blocks to a few dozen epochs, boosts not
 * decreasing from 1x to the largest), sometimes with one rule broken.
 */
function tiersOf({ epochBlocks }: WorldProfile): fc.Arbitrary<TierPick> {
  const epoch = Number(epochBlocks);
  const valid = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 12 * epoch }), fc.integer({ min: 0, max: 20_000 })), { minLength: 1, maxLength: MAX_LOCK_TIERS })
    .map((steps) => {
      let duration = 0n;
      let boost = 10_000n;
      const durations: bigint[] = [];
      const boostsBps: bigint[] = [];
      for (const [more, higher] of steps) {
        duration += BigInt(more);
        boost += BigInt(higher) / BigInt(steps.length);
        durations.push(duration);
        boostsBps.push(boost > MAX_BOOST_BPS ? MAX_BOOST_BPS : boost);
      }
      return { durations, boostsBps };
    });
  type Break = (t: TierPick, at: number) => TierPick;
  const set = (list: bigint[], at: number, value: bigint) => list.map((v, i) => (i === at % list.length ? value : v));
  const breaks: Break[] = [
    (t) => ({ ...t, boostsBps: [...t.boostsBps, 10_000n] }), // lengths differ
    (t) => ({ durations: [...Array(MAX_LOCK_TIERS + 1).keys()].map((i) => BigInt(i + 1)), boostsBps: Array(MAX_LOCK_TIERS + 1).fill(10_000n) }),
    (t, at) => ({ ...t, durations: set(t.durations, at, 0n) }),
    (t) => ({ ...t, durations: set(t.durations, t.durations.length - 1, MAX_LOCK_EPOCHS * epochBlocks + 1n) }),
    (t) => ({ ...t, durations: set(t.durations, t.durations.length - 1, MAX_LOCK_EPOCHS * epochBlocks) }), // valid: the longest lock
    (t, at) => ({ durations: [...t.durations, t.durations[at % t.durations.length]], boostsBps: [...t.boostsBps, MAX_BOOST_BPS] }), // not increasing
    (t, at) => ({ ...t, boostsBps: set(t.boostsBps, at, 9_999n) }),
    (t, at) => ({ ...t, boostsBps: set(t.boostsBps, at, MAX_BOOST_BPS + 1n) }),
    (t) => ({ durations: [...t.durations, t.durations[t.durations.length - 1] + 1n], boostsBps: [...t.boostsBps, t.boostsBps[t.boostsBps.length - 1] - 1n] }), // decreasing
    () => ({ durations: [], boostsBps: [] }), // no tiers at all: every lock is refused
  ];
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 4, arbitrary: fc.tuple(valid, fc.nat(breaks.length - 1), fc.nat(7)).map(([t, b, at]) => breaks[b](t, at)) },
  );
}

const recipient: fc.Arbitrary<RecipientPick> = fc.oneof(
  { weight: 5, arbitrary: fc.constant("treasury" as const) },
  { weight: 3, arbitrary: user.map((u) => ({ user: u })) },
  { weight: 1, arbitrary: fc.constantFrom("zero" as const, "farm" as const) },
);

const penaltyBps: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0n, 1n, 777n, 2_500n, MAX_PENALTY_BPS) },
  { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: MAX_PENALTY_BPS }) },
  { weight: 1, arbitrary: fc.constantFrom(MAX_PENALTY_BPS + 1n, 10_000n) },
);

const terms: fc.Arbitrary<TermsPick> = fc.oneof(
  { weight: 20, arbitrary: fc.constant("current" as const) },
  { weight: 1, arbitrary: fc.constantFrom("behind" as const, "ahead" as const) },
);

const lock = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("lock" as const), user, pool, portion, tier, terms }) },
  // Renewals: the caller's running lock extended (nothing added) or topped up, for a tier that keeps its end.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("lock" as const),
      user,
      pool,
      portion: fc.oneof(fc.constant({ kind: "none" } as const), portion),
      tier: fc.nat(MAX_LOCK_TIERS - 1).map((renew) => ({ renew }) as TierIndexPick),
      terms: fc.constant("current" as const),
    }),
  },
);
const exitLock = fc.record({ kind: fc.constant("exitLock" as const), user, preferLocker: preferStaker, pool });

const sponsorPick: fc.Arbitrary<SponsorPick> = fc.oneof(
  { weight: 5, arbitrary: fc.constant("sponsor" as const) },
  { weight: 4, arbitrary: fc.constant("owner" as const) },
  { weight: 1, arbitrary: user.map((u) => ({ user: u })) },
);

/** Partner amounts: a few wei (every rounding shows), ordinary token amounts, now and then zero (refused). */
const partnerAmount: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt({ min: 1n, max: 1_000n }) },
  { weight: 6, arbitrary: fc.bigInt({ min: 10n ** 12n, max: 10n ** 22n }) },
  { weight: 1, arbitrary: fc.constant(0n) },
);

const streamEnd: fc.Arbitrary<StreamEndPick> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "same" } as const) },
  {
    weight: 6,
    arbitrary: fc.oneof(fc.bigInt({ min: 0n, max: 30n }), fc.bigInt({ min: 31n, max: 400n }), fc.bigInt({ min: 401n, max: 3_000n })).map((blocks) => ({ kind: "later", blocks }) as const),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "earlier" } as const) },
);

/** Partner tokens: the three plain ones most, the hostile one often, the fee-on-transfer one now and then. */
const partnerToken = fc.oneof({ weight: 9, arbitrary: fc.nat(2) }, { weight: 5, arbitrary: fc.constant(3) }, { weight: 1, arbitrary: fc.constant(4) });

/**
 * A stream that exists (its index among all pools' streams, modulo their count), for top-ups and
 * reclaims, mostly by its own sponsor (see SequenceDriver); null: `pool` and `token`.
 */
const again: fc.Arbitrary<number | null> = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(15) });

/** The partner actions, at `weight` for the fund steps (the others in proportion). */
function partnerActions(weight: number, mineWeight: number): Array<fc.WeightedArbitrary<Action>> {
  if (weight === 0) return [];
  return [
    { weight: 3 * weight, arbitrary: fc.record({ kind: fc.constant("fund" as const), caller: sponsorPick, pool, token: partnerToken, again, amount: partnerAmount, end: streamEnd }) },
    {
      weight,
      arbitrary: fc.record({
        kind: fc.constant("reclaim" as const),
        caller: fc.oneof({ weight: 6, arbitrary: fc.constant("streamSponsor" as const) }, { weight: 1, arbitrary: sponsorPick }),
        pool,
        token: partnerToken,
        again: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: fc.nat(15) }),
      }),
    },
    { weight: 2 * weight, arbitrary: fc.record({ kind: fc.constant("claim" as const), user, preferMember: preferStaker, pool }) },
    { weight, arbitrary: fc.record({ kind: fc.constant("setHostile" as const), mode: fc.nat(5) }) },
    { weight: Math.max(1, Math.round(weight / 4)), arbitrary: fc.record({ kind: fc.constant("setSponsor" as const), caller, pool, approved: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) }) },
    {
      weight: mineWeight,
      arbitrary: fc.record({ kind: fc.constant("mineToStreamEnd" as const), which: fc.nat(7), offset: fc.constantFrom(-1 as const, 0 as const, 1 as const) }),
    },
  ];
}

/** The actions of a campaign on `profile`'s world, and how often each comes. */
function actionOf(profile: WorldProfile): fc.Arbitrary<Action> {
  const allocPoint = allocPointOf(profile);
  const set = fc.record({ kind: fc.constant("set" as const), caller, pool, allocPoint });
  const setRewardPerBlock = fc.record({ kind: fc.constant("setRewardPerBlock" as const), caller, rewardPerBlock: rewardPerBlockOf(profile) });
  const emergencyUnlock = fc.record({ kind: fc.constant("emergencyUnlock" as const), caller, pool });
  const w = profile.lockWeights;

  /** Calls that may share a block: staker calls, and the admin calls that change emission. */
  const sameBlock = fc.record({
    kind: fc.constant("sameBlock" as const),
    actions: fc.array(
      fc.oneof(
        ...[deposit, depositFor, withdraw, harvest, harvestAll, emergencyWithdraw, updatePool, set, setRewardPerBlock].map((arbitrary) => ({ weight: 6, arbitrary })),
        { weight: 2 * w.lock, arbitrary: lock },
        { weight: 2 * w.exitLock, arbitrary: exitLock },
        // Last in its block, it ends the locks of whoever acted before it there (see driver.ts).
        { weight: w.emergencyUnlock, arbitrary: emergencyUnlock },
      ),
      {
        minLength: 2,
        maxLength: 3,
      },
    ),
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
    { weight: w.lock, arbitrary: lock },
    { weight: w.lockWithPermit, arbitrary: fc.record({ kind: fc.constant("lockWithPermit" as const), user, pool, portion, tier, terms }) },
    { weight: w.exitLock, arbitrary: exitLock },
    { weight: w.admin, arbitrary: fc.record({ kind: fc.constant("setLockTiers" as const), caller, tiers: tiersOf(profile) }) },
    { weight: w.admin, arbitrary: fc.record({ kind: fc.constant("setEarlyExitPenalty" as const), caller, penaltyBps, recipient }) },
    { weight: w.emergencyUnlock, arbitrary: emergencyUnlock },
    {
      weight: w.mineToLockEnd,
      arbitrary: fc.record({ kind: fc.constant("mineToLockEnd" as const), which: fc.nat(7), offset: fc.constantFrom(-1 as const, 0 as const, 0 as const, 1 as const) }),
    },
    // Where strangers update in every block, each mined block is a transaction: streams end by the ordinary mines there.
    ...partnerActions(profile.partnerWeight, profile.strangerUpdatesEveryBlock ? 0 : profile.partnerWeight),
  );
}

/**
 * A sequence of exactly `steps` actions on `profile`'s world. With partner rewards, the first
 * funds a long stream of a plain token (or the hostile one) on some pool, so that most of the sequence's farm actions
 * meet one (later steps fund others, top them up, let them end).
 */
export function sequence(steps: number, profile: WorldProfile): fc.Arbitrary<Action[]> {
  if (profile.partnerWeight === 0 || steps === 0) return fc.array(actionOf(profile), { minLength: steps, maxLength: steps });
  const first = fc.record({
    kind: fc.constant("fund" as const),
    caller: fc.constantFrom("owner" as const, "sponsor" as const),
    pool: fc.nat(2).map((existing) => ({ existing }) as PoolPick),
    token: fc.nat(3), // a plain token, or the hostile one (switched hostile later)
    again: fc.constant(null),
    amount: fc.bigInt({ min: 10n ** 15n, max: 10n ** 22n }),
    end: fc.bigInt({ min: 200n, max: 3_000n }).map((blocks) => ({ kind: "later", blocks }) as StreamEndPick),
  });
  return fc.tuple(first, fc.array(actionOf(profile), { minLength: steps - 1, maxLength: steps - 1 })).map(([head, rest]) => [head, ...rest]);
}

/** One line per action, for failure reports. */
export function describeAction(a: Action): string {
  return JSON.stringify(a, (_key, value) => (typeof value === "bigint" ? `${value}n` : value));
}
