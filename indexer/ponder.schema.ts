/**
 * The indexer's tables, named for what the pages ask (STYLE.md): a user's actions with their USD
 * value at that block, their earnings by day, a pool's hourly and daily series, the farm's totals.
 * Amounts are bigint base units to the last wei; USD figures are numbers computed once, at index
 * time, from the pairs' reserves at that block (lib/pricing.ts).
 */
import { index, onchainTable, type PgColumnsBuilders } from "ponder";

/** A Uniswap V2 pair the indexer tracks: a pool's, or one that prices WETH or the reward token. */
export const pair = onchainTable("pair", (t) => ({
  address: t.hex().primaryKey(),
  token0: t.hex().notNull(),
  token1: t.hex().notNull(),
  symbol0: t.text().notNull(),
  symbol1: t.text().notNull(),
  decimals0: t.integer().notNull(),
  decimals1: t.integer().notNull(),
  reserve0: t.bigint().notNull(),
  reserve1: t.bigint().notNull(),
  totalSupply: t.bigint().notNull(),
  /** Whether LP mints and burns are followed (pools' pairs); a price-only pair's supply is not. */
  supplyTracked: t.boolean().notNull(),
  /** The pool staking this pair's LP, if any. */
  pid: t.integer(),
}));

export const pool = onchainTable("pool", (t) => ({
  pid: t.integer().primaryKey(),
  lpToken: t.hex().notNull(),
  allocPoint: t.bigint().notNull(),
  /** LP credited to all stakers, locked included. */
  totalStaked: t.bigint().notNull(),
  /** Accounts with LP staked here now. */
  stakers: t.integer().notNull(),
  /** USD traded in the pair since the pool was added. */
  volumeUsd: t.doublePrecision().notNull(),
  addedBlock: t.bigint().notNull(),
  addedAt: t.bigint().notNull(),
  /**
   * Its pair's tokens, reserves and LP supply, kept with the pair's row (null when the LP token is
   * not a Uniswap V2 pair): an action prices from the pool's row, which Ponder fetches ahead by
   * the event's pid, where a pair's row (by address) is one database read per action live.
   */
  token0: t.hex(),
  token1: t.hex(),
  decimals0: t.integer(),
  decimals1: t.integer(),
  reserve0: t.bigint(),
  reserve1: t.bigint(),
  lpSupply: t.bigint(),
}));

/** One staker's LP in one pool (`${pid}:${user}`). */
export const position = onchainTable(
  "position",
  (t) => ({
    id: t.text().primaryKey(),
    pid: t.integer().notNull(),
    user: t.hex().notNull(),
    staked: t.bigint().notNull(),
  }),
  (table) => ({ userIndex: index().on(table.user) }),
);

/** A staker's count of pools it has LP in, so the farm counts stakers, not positions. */
export const staker = onchainTable("staker", (t) => ({
  address: t.hex().primaryKey(),
  pools: t.integer().notNull(),
}));

/**
 * Every action of a user, one row per event: `kind` is deposit, withdraw, harvest,
 * emergencyWithdraw, rewardDeferred, lock, lockExit, unlock, zapIn and compound (a deposit by
 * the zap), zapOut and zapOutTo (a withdrawal by the zap), partner and partnerOwed (a partner
 * token paid, or left owed), streamFunded and streamReclaimed (a sponsor's). `lp` is the LP moved (credited, taken out, locked), `reward`
 * the reward paid by the action, each with its USD value at the action's block and the two token
 * amounts the LP stood for then, so a position's PnL against holding needs nothing else.
 */
export const userAction = onchainTable(
  "user_action",
  (t) => ({
    id: t.text().primaryKey(),
    user: t.hex().notNull(),
    pid: t.integer().notNull(),
    kind: t.text().notNull(),
    lp: t.bigint().notNull(),
    amount0: t.bigint().notNull(),
    amount1: t.bigint().notNull(),
    reward: t.bigint().notNull(),
    lpPriceUsd: t.doublePrecision(),
    price0Usd: t.doublePrecision(),
    price1Usd: t.doublePrecision(),
    rewardPriceUsd: t.doublePrecision(),
    valueUsd: t.doublePrecision(),
    rewardUsd: t.doublePrecision(),
    /** Kind-specific figures (a lock's boost and end, an exit's penalty, a zap's input), as strings. */
    detail: t.json().$type<Record<string, string>>(),
    /**
     * A partner token's row (partner, partnerOwed, streamFunded, streamReclaimed; null on the
     * others): the token, its symbol and decimals, the amount (paid, owed in all, funded,
     * reclaimed), where it went, and its USD at that block when the token has a price through the
     * pairs the indexer tracks (null otherwise). Kept apart from `reward`: another token.
     */
    partnerToken: t.hex(),
    partnerSymbol: t.text(),
    partnerDecimals: t.integer(),
    partnerAmount: t.bigint(),
    partnerTo: t.hex(),
    partnerPriceUsd: t.doublePrecision(),
    partnerUsd: t.doublePrecision(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    // The history's filters, each newest first: all, by pool, by kind.
    byUser: index().on(table.user, table.block, table.logIndex),
    byUserPool: index().on(table.user, table.pid, table.block, table.logIndex),
    byUserKind: index().on(table.user, table.kind, table.block, table.logIndex),
  }),
);

/** A user's reward received in one UTC day, in reward token wei and USD at each payment's block. */
export const userDay = onchainTable(
  "user_day",
  (t) => ({
    id: t.text().primaryKey(),
    user: t.hex().notNull(),
    day: t.bigint().notNull(),
    reward: t.bigint().notNull(),
    rewardUsd: t.doublePrecision().notNull(),
  }),
  (table) => ({ byUser: index().on(table.user, table.day) }),
);

const poolSeriesColumns = (t: PgColumnsBuilders) => ({
  id: t.text().primaryKey(),
  pid: t.integer().notNull(),
  /** The bucket's start, unix seconds. */
  start: t.bigint().notNull(),
  /** As of the last event of the pool in the bucket. */
  staked: t.bigint().notNull(),
  stakedUsd: t.doublePrecision(),
  reserveUsd: t.doublePrecision(),
  lpPriceUsd: t.doublePrecision(),
  price0Usd: t.doublePrecision(),
  price1Usd: t.doublePrecision(),
  rewardPriceUsd: t.doublePrecision(),
  allocPoint: t.bigint().notNull(),
  totalAllocPoint: t.bigint().notNull(),
  rewardPerBlock: t.bigint().notNull(),
  /** Summed over the bucket. */
  volumeUsd: t.doublePrecision().notNull(),
  swaps: t.integer().notNull(),
  /** The stake's reward APR and the LP's fee APR (fractions: 0.5 is 50%), see lib/series.ts. */
  rewardApr: t.doublePrecision(),
  feeApr: t.doublePrecision(),
  block: t.bigint().notNull(),
});

export const poolHour = onchainTable("pool_hour", poolSeriesColumns, (table) => ({ byPool: index().on(table.pid, table.start) }));
export const poolDay = onchainTable("pool_day", poolSeriesColumns, (table) => ({ byPool: index().on(table.pid, table.start) }));

/** The farm as a whole (one row, id "farm"). */
export const farm = onchainTable("farm", (t) => ({
  id: t.text().primaryKey(),
  rewardToken: t.hex().notNull(),
  rewardSymbol: t.text().notNull(),
  rewardDecimals: t.integer().notNull(),
  rewardPerBlock: t.bigint().notNull(),
  totalAllocPoint: t.bigint().notNull(),
  pools: t.integer().notNull(),
  stakers: t.integer().notNull(),
  paused: t.boolean().notNull(),
  /** Reward paid to stakers (minted by the farm) since deployment, and its USD at each payment. */
  rewardsPaid: t.bigint().notNull(),
  rewardsPaidUsd: t.doublePrecision().notNull(),
  /** The farm's `rewardsRemaining()` and `emissionEndBlock()`, read at `readBlock`. */
  rewardsRemaining: t.bigint().notNull(),
  emissionEndBlock: t.bigint().notNull(),
  readBlock: t.bigint().notNull(),
  block: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** The farm by UTC day: reward paid that day, and the state at its last change that day (`block`). */
export const farmDay = onchainTable("farm_day", (t) => ({
  day: t.bigint().primaryKey(),
  rewardsPaid: t.bigint().notNull(),
  rewardsPaidUsd: t.doublePrecision().notNull(),
  rewardPerBlock: t.bigint().notNull(),
  rewardsRemaining: t.bigint().notNull(),
  stakers: t.integer().notNull(),
  block: t.bigint().notNull(),
}));

/**
 * The last deposit or withdrawal recorded (one row, id "last"): a zap's event follows the farm's
 * Deposit or Withdraw it caused in the same transaction, and turns that action into a zap
 * (src/zap.ts).
 */
export const lastFlow = onchainTable("last_flow", (t) => ({
  id: t.text().primaryKey(),
  txHash: t.hex().notNull(),
  user: t.hex().notNull(),
  pid: t.integer().notNull(),
  actionId: t.text().notNull(),
}));

/** A reward mint not yet claimed by the action of its transaction (see src/reward-token.ts). */
export const pendingMint = onchainTable("pending_mint", (t) => ({
  id: t.text().primaryKey(),
  amount: t.bigint().notNull(),
}));

/** A partner token's symbol and decimals, read once, when the indexer first meets the token. */
export const partnerToken = onchainTable("partner_token", (t) => ({
  address: t.hex().primaryKey(),
  symbol: t.text().notNull(),
  decimals: t.integer().notNull(),
}));
