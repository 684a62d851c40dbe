/**
 * What the indexer's HTTP API answers (src/api/index.ts), for the dapp's typed client: amounts in
 * base units as decimal strings (bigint-safe in JSON), USD as numbers (null where a token had no
 * price at that block), times as unix seconds.
 */

/**
 * What an action was. zapIn and compound are deposits made by the zap (LP credited), zapOut and
 * zapOutTo withdrawals by it (LP taken out); their `detail` says what went in or came out:
 * zapIn `tokenIn` (0x0 for ETH), `amountIn`, `leftover0`, `leftover1`; compound `rewardIn`,
 * `leftover0`, `leftover1`; zapOut `received0`, `received1`; zapOutTo `tokenOut`, `amountOut`.
 * lock: `locked`, `boostBps`, `endBlock`, `penaltyBps`; lockExit: `penalty`; rewardDeferred:
 * `heldForLater`.
 * Partner rewards (IPartnerRewarder) carry `partner` instead of LP and reward: partner (a partner
 * token paid to the user, sent to `partner.to`), partnerOwed (it could not be paid now: `amount` is
 * all the user is owed in that token in the pool), and the sponsor's streamFunded (`detail`:
 * `streaming`, what the stream now streams, and its `endBlock`) and streamReclaimed.
 */
export type ActionKind =
  | "deposit"
  | "withdraw"
  | "harvest"
  | "emergencyWithdraw"
  | "rewardDeferred"
  | "lock"
  | "lockExit"
  | "unlock"
  | "zapIn"
  | "zapOut"
  | "zapOutTo"
  | "compound"
  | "partner"
  | "partnerOwed"
  | "streamFunded"
  | "streamReclaimed";

/** A partner token moved (or owed) by an action: another token than the farm's reward. */
export interface PartnerAmount {
  token: string;
  symbol: string;
  decimals: number;
  /** In the token's base units. */
  amount: string;
  /** Where a payment or a reclaim went; null for owed and funded. */
  to: string | null;
  /** USD per whole token at that block, and `amount` in USD: null when the indexer tracks no pair pricing the token. */
  priceUsd: number | null;
  usd: number | null;
}

/** One user action at one event. */
export interface Action {
  id: string;
  user: string;
  pid: number;
  kind: ActionKind;
  /** LP moved by the action (credited, taken out, locked), in wei. */
  lp: string;
  /** The two tokens that LP stood for at that block (its share of the reserves). */
  amount0: string;
  amount1: string;
  /** Reward paid by the action, reward token wei. */
  reward: string;
  lpPriceUsd: number | null;
  price0Usd: number | null;
  price1Usd: number | null;
  rewardPriceUsd: number | null;
  /** `lp` in USD at that block. */
  valueUsd: number | null;
  /** `reward` in USD at that block. */
  rewardUsd: number | null;
  detail: Record<string, string> | null;
  /** Partner kinds only (null on the others). */
  partner: PartnerAmount | null;
  block: number;
  timestamp: number;
  txHash: string;
  logIndex: number;
}

/** GET /api/history/:user?pid=&kind=&limit=&cursor= — newest first. */
export interface HistoryPage {
  items: Action[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  next?: string;
}

export interface EarningsDay {
  /** The UTC day's start. */
  day: number;
  reward: string;
  rewardUsd: number;
  /** Since the user's first reward, this day included. */
  cumulativeReward: string;
  cumulativeUsd: number;
}

/** A partner token paid to the user, over all its pools. */
export interface PartnerTotal {
  token: string;
  symbol: string;
  decimals: number;
  total: string;
  /** Its USD at each payment's block, summed over the payments that had a price. */
  totalUsd: number;
  /** Payments made without a price (their USD is not in `totalUsd`). */
  unpriced: number;
}

/** GET /api/earnings/:user — the reward token's; partner tokens apart, in `partner`. */
export interface Earnings {
  user: string;
  rewardSymbol: string;
  rewardDecimals: number;
  days: EarningsDay[];
  totalReward: string;
  totalUsd: number;
  partner: PartnerTotal[];
}

export interface PairInfo {
  address: string;
  token0: string;
  token1: string;
  symbol0: string;
  symbol1: string;
  decimals0: number;
  decimals1: number;
  reserve0: string;
  reserve1: string;
  totalSupply: string;
}

/** GET /api/position/:user/:pid — what PnL against holding needs. */
export interface Position {
  user: string;
  pid: number;
  /** LP staked now, its lock's included. */
  staked: string;
  pair: PairInfo | null;
  /** The LP and token prices now (at the indexer's last event of the pair). */
  lpPriceUsd: number | null;
  price0Usd: number | null;
  price1Usd: number | null;
  /** Every action of the user in the pool, oldest first. */
  actions: Action[];
  rewardTotal: string;
  rewardTotalUsd: number;
  /** Partner tokens paid to the user in this pool, per token (their rows are among `actions` too). */
  partner: PartnerTotal[];
}

/** One bucket of a pool's series. */
export interface PoolPoint {
  start: number;
  staked: string;
  stakedUsd: number | null;
  reserveUsd: number | null;
  lpPriceUsd: number | null;
  price0Usd: number | null;
  price1Usd: number | null;
  rewardPriceUsd: number | null;
  allocPoint: string;
  totalAllocPoint: string;
  rewardPerBlock: string;
  volumeUsd: number;
  swaps: number;
  rewardApr: number | null;
  feeApr: number | null;
  block: number;
}

/** GET /api/pools/:pid/series?interval=hour|day&from=&to= — oldest first; buckets with no event are absent (carry the last one forward). */
export interface PoolSeries {
  pid: number;
  interval: "hour" | "day";
  points: PoolPoint[];
}

export interface PoolSummary {
  pid: number;
  lpToken: string;
  allocPoint: string;
  totalStaked: string;
  stakers: number;
  volumeUsd: number;
  pair: PairInfo | null;
}

export interface FarmDayPoint {
  day: number;
  rewardsPaid: string;
  rewardsPaidUsd: number;
  rewardPerBlock: string;
  rewardsRemaining: string;
  stakers: number;
}

/** GET /api/farm */
export interface FarmTotals {
  rewardToken: string;
  rewardSymbol: string;
  rewardDecimals: number;
  rewardPerBlock: string;
  totalAllocPoint: string;
  pools: PoolSummary[];
  stakers: number;
  paused: boolean;
  rewardsPaid: string;
  rewardsPaidUsd: number;
  /** `rewardsRemaining()` and `emissionEndBlock()` as read at `readBlock` (hourly, and at every admin change). */
  rewardsRemaining: string;
  emissionEndBlock: string;
  readBlock: number;
  /** The block of the last farm event indexed. */
  block: number;
  days: FarmDayPoint[];
}
