/**
 * A farm position against simply holding the two tokens it was made of. Each stake-in is a lot:
 * the LP credited and the two token amounts that LP stood for at that block. At any later market:
 *
 * - position value: the LP still staked, at the LP's value then;
 * - value if held: the lots' token amounts at the token prices then;
 * - impermanent loss: each lot's held value times lib/il.ts's loss for the move of token0's price
 *   in token1 since the lot went in (the pool rebalanced into the token that fell);
 * - fees: the LP's share of the reserves grows with every swap's 0.3% (√(reserve0·reserve1) per LP
 *   rises), so the part of the position's value that growth since each lot made;
 * - rewards paid (valued when paid) and pending (at today's price), the farm's reward token's and
 *   partner tokens' (a pool's extra streams) alike.
 *
 * With token prices that agree with the pair's own price, position value − value if held is
 * exactly impermanent loss + fees; where a token is priced from another pool the rest is a price
 * gap, kept apart so the net stays position − held + earnings. A stake-out takes its share of
 * every lot at the market of its block, and the loss, fees and gap of that share are kept as they
 * were then (realized).
 */
import { impermanentLoss } from "./il";

/** Where the position stands at one moment: prices and the pair's shape per LP. */
export interface Market {
  time: number;
  /** USD per whole token. */
  price0: number;
  price1: number;
  /** Whole token1 per whole token0: the pair's own price. */
  ratio: number;
  /** USD per whole LP. */
  lpValue: number;
  /** √(reserve0·reserve1) / supply, in whole units: grows only by fees. */
  invariantPerLp: number;
}

/**
 * The market a pair's reserves (or an LP amount's share of them: the same proportions) and token
 * prices make. Undefined with an empty side or a missing price.
 */
export function marketFromReserves(
  time: number,
  reserves: { amount0: number; amount1: number; lp: number },
  price0: number | null,
  price1: number | null,
): Market | undefined {
  const { amount0, amount1, lp } = reserves;
  if (!(amount0 > 0 && amount1 > 0 && lp > 0) || price0 === null || price1 === null) return undefined;
  return { time, price0, price1, ratio: amount1 / amount0, lpValue: (amount0 * price0 + amount1 * price1) / lp, invariantPerLp: Math.sqrt(amount0 * amount1) / lp };
}

/**
 * The market from USD prices alone (a pool's hourly point): with the two sides of the pair worth
 * the same, reserve_i = lpValue·supply / (2·price_i), so √(reserve0·reserve1)/supply =
 * lpValue / (2·√(price0·price1)).
 */
export function marketFromPrices(time: number, price0: number | null, price1: number | null, lpValue: number | null): Market | undefined {
  if (!(price0 && price1 && lpValue && price0 > 0 && price1 > 0 && lpValue > 0)) return undefined;
  return { time, price0, price1, ratio: price0 / price1, lpValue, invariantPerLp: lpValue / (2 * Math.sqrt(price0 * price1)) };
}

/** One action of the position, in whole units (the caller converts from base units). */
export interface PnlAction {
  /** LP into the stake (+), out of it (−), or 0 (a harvest). */
  lpChange: number;
  /** The token amounts the LP moved stood for. */
  amount0: number;
  amount1: number;
  /** LP forfeited as an early-exit penalty: leaves the stake and is lost. */
  penaltyLp: number;
  reward: number;
  rewardUsd: number;
  /** Partner tokens paid by the action, in USD at its block (none without a price). */
  partnerUsd?: number;
  /** The market at the action's block, where known. */
  market?: Market;
}

/** One lot still (partly) staked: its LP, its tokens, the price and share growth it went in at. */
interface Lot {
  lp: number;
  amount0: number;
  amount1: number;
  ratio: number;
  invariantPerLp: number;
}

/** The position's figures at one market, in USD unless said. */
export interface PnlFigures {
  time: number;
  /** LP staked. */
  staked: number;
  positionUsd: number;
  heldUsd: number;
  /** Impermanent loss (≤ 0): open lots at this market plus what stake-outs realized. */
  il: number;
  /** Fees earned by the LP (≥ 0): likewise. */
  fees: number;
  /**
   * The rest of position − held that loss and fees do not explain: zero when the token prices
   * agree with the pair's own price, the gap between them when a token is priced from another pool.
   */
  priceGap: number;
  /** LP value forfeited as early-exit penalties (≥ 0, subtracted from net). */
  penalties: number;
  /** Reward tokens paid, and their USD when paid. */
  rewards: number;
  rewardsUsd: number;
  pending: number;
  pendingUsd: number;
  /** Partner tokens paid (USD when paid), and earned but not yet paid (USD today). */
  partnerRewardsUsd: number;
  partnerPendingUsd: number;
  /** il + fees + priceGap − penalties + every reward paid and pending in USD: the position against holding, earnings in. */
  net: number;
}

/** The running state of a position as its actions are applied in order. */
export class PositionLedger {
  private lots: Lot[] = [];
  private realizedIl = 0;
  private realizedFees = 0;
  private realizedGap = 0;
  private penalties = 0;
  private rewards = 0;
  private rewardsUsd = 0;
  private partnerRewardsUsd = 0;

  /** Applies one action; a stake-in or -out without a market cannot be valued and throws. */
  apply(action: PnlAction): void {
    this.rewards += action.reward;
    this.rewardsUsd += action.rewardUsd;
    this.partnerRewardsUsd += action.partnerUsd ?? 0;
    if (action.lpChange > 0) {
      const m = need(action.market);
      this.lots.push({ lp: action.lpChange, amount0: action.amount0, amount1: action.amount1, ratio: m.ratio, invariantPerLp: m.invariantPerLp });
    } else if (action.lpChange < 0 || action.penaltyLp > 0) {
      const m = need(action.market);
      const out = -Math.min(0, action.lpChange) + action.penaltyLp;
      const staked = this.staked();
      const share = staked > 0 ? Math.min(1, out / staked) : 0;
      const open = this.openFigures(m);
      this.realizedIl += share * open.il;
      this.realizedFees += share * open.fees;
      this.realizedGap += share * (open.positionUsd - open.heldUsd - open.il - open.fees);
      this.penalties += action.penaltyLp * m.lpValue;
      for (const lot of this.lots) {
        lot.lp *= 1 - share;
        lot.amount0 *= 1 - share;
        lot.amount1 *= 1 - share;
      }
      if (share === 1) this.lots = [];
    }
  }

  staked(): number {
    return this.lots.reduce((sum, lot) => sum + lot.lp, 0);
  }

  /** Position, held value, loss and fees of the lots still staked, at `m`. */
  private openFigures(m: Market): { positionUsd: number; heldUsd: number; il: number; fees: number } {
    let positionUsd = 0;
    let heldUsd = 0;
    let il = 0;
    let fees = 0;
    for (const lot of this.lots) {
      const value = lot.lp * m.lpValue;
      const held = lot.amount0 * m.price0 + lot.amount1 * m.price1;
      positionUsd += value;
      heldUsd += held;
      il += held * impermanentLoss(m.ratio / lot.ratio);
      // The lot's share of the reserves grew by invariantPerLp now / then: that much of its value is fees.
      fees += value * (1 - lot.invariantPerLp / m.invariantPerLp);
    }
    return { positionUsd, heldUsd, il, fees };
  }

  /** The figures at `m`, with `pending` reward (tokens) at `rewardPrice`, and partner tokens pending worth `partnerPendingUsd`. */
  figures(m: Market, pending = 0, rewardPrice = 0, partnerPendingUsd = 0): PnlFigures {
    const open = this.openFigures(m);
    const il = open.il + this.realizedIl;
    const fees = open.fees + this.realizedFees;
    const priceGap = open.positionUsd - open.heldUsd - open.il - open.fees + this.realizedGap;
    const pendingUsd = pending * rewardPrice;
    return {
      time: m.time, staked: this.staked(), positionUsd: open.positionUsd, heldUsd: open.heldUsd, il, fees, priceGap, penalties: this.penalties,
      rewards: this.rewards, rewardsUsd: this.rewardsUsd, pending, pendingUsd, partnerRewardsUsd: this.partnerRewardsUsd, partnerPendingUsd,
      net: il + fees + priceGap - this.penalties + this.rewardsUsd + pendingUsd + this.partnerRewardsUsd + partnerPendingUsd,
    };
  }
}

function need(market: Market | undefined): Market {
  if (!market) throw new Error("This position cannot be compared with holding: a token of the pair had no USD price when part of it was staked or unstaked.");
  return market;
}

/**
 * The position's figures over time: after each action at its own market, and at every market of
 * `markets` (a pool's hourly points, and now) from the first action on. Both lists oldest first;
 * an action and a market at the same time: the action first.
 */
export function pnlOverTime(actions: (PnlAction & { time: number })[], markets: Market[]): PnlFigures[] {
  const ledger = new PositionLedger();
  const out: PnlFigures[] = [];
  let next = 0;
  const first = actions[0]?.time ?? Infinity;
  for (const market of markets) {
    while (next < actions.length && actions[next]!.time <= market.time) step(actions[next++]!);
    if (market.time >= first) out.push(ledger.figures(market));
  }
  while (next < actions.length) step(actions[next++]!);
  return out;

  function step(action: PnlAction & { time: number }): void {
    ledger.apply(action);
    if (action.market) out.push(ledger.figures(action.market));
  }
}

/** The position's figures at `now` after all `actions`, pending rewards included. */
export function positionAt(actions: PnlAction[], now: Market, pending = 0, rewardPrice = 0, partnerPendingUsd = 0): PnlFigures {
  const ledger = new PositionLedger();
  for (const action of actions) ledger.apply(action);
  return ledger.figures(now, pending, rewardPrice, partnerPendingUsd);
}
