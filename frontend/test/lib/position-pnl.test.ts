/**
 * PnL against holding, on a pair worked by hand: 100 of each token at $1, 10 LP of 100 staked
 * (10 + 10 tokens, $20). Then token0 doubles in token1 while swaps leave fees: reserves 72 and
 * 144 of supply 100, so one LP is 0.72 + 1.44 tokens = $2.88 and √(72·144)/100 = 1.0182338.
 * Without the fees the 10 LP would be worth 20√2 = $28.2842712 (the loss of a 2× move, 2√2/3 − 1
 * = −5.719%, on $30 held); the fees are the rest of $28.80.
 */
import { describe, expect, it } from "vitest";

import { marketFromPrices, marketFromReserves, type PnlAction, pnlOverTime, positionAt } from "../../src/lib/position-pnl";

const atDeposit = marketFromReserves(100, { amount0: 100, amount1: 100, lp: 100 }, 1, 1)!;
const doubled = marketFromReserves(200, { amount0: 72, amount1: 144, lp: 100 }, 2, 1)!;
const back = marketFromReserves(300, { amount0: 110, amount1: 110, lp: 100 }, 1, 1)!;

const deposit: PnlAction & { time: number } = { time: 100, lpChange: 10, amount0: 10, amount1: 10, penaltyLp: 0, reward: 0, rewardUsd: 0, market: atDeposit };

describe("marketFromReserves / marketFromPrices", () => {
  it("reads the pair's price, the LP's value and its share growth", () => {
    expect(doubled.ratio).toBe(2);
    expect(doubled.lpValue).toBeCloseTo(2.88, 12);
    expect(doubled.invariantPerLp).toBeCloseTo(1.0182337649, 9);
  });

  it("from prices alone gives the same share growth when the prices agree with the pair", () => {
    const m = marketFromPrices(200, 2, 1, 2.88)!;
    expect(m.ratio).toBe(2);
    expect(m.invariantPerLp).toBeCloseTo(1.0182337649, 9); // 2.88 / (2·√2)
  });

  it("is undefined without a price or with an empty side", () => {
    expect(marketFromReserves(0, { amount0: 0, amount1: 1, lp: 1 }, 1, 1)).toBeUndefined();
    expect(marketFromReserves(0, { amount0: 1, amount1: 1, lp: 1 }, null, 1)).toBeUndefined();
    expect(marketFromPrices(0, 1, null, 2)).toBeUndefined();
  });
});

describe("positionAt", () => {
  it("splits position minus holding into impermanent loss and fees", () => {
    const f = positionAt([deposit], doubled);
    expect(f.staked).toBe(10);
    expect(f.positionUsd).toBeCloseTo(28.8, 9);
    expect(f.heldUsd).toBeCloseTo(30, 9);
    expect(f.il).toBeCloseTo(-1.7157287525, 9); // 20√2 − 30
    expect(f.fees).toBeCloseTo(0.5157287525, 9); // 28.8 − 20√2
    expect(f.il + f.fees).toBeCloseTo(f.positionUsd - f.heldUsd, 9);
    expect(f.net).toBeCloseTo(-1.2, 9);
  });

  it("keeps a price gap apart when a token's USD price disagrees with the pair's own price", () => {
    // The pair says 2 token1 per token0, but token0 is priced at $2.10 from another pool: 10 LP
    // worth 10·(0.72·2.1 + 1.44) = $29.52 against 10·2.1 + 10 = $31 held. The loss is the 2×
    // move's on $31 (−1.7729197), the fees 29.52·(1 − 100/√10368) (0.5286220); the rest, −0.2357023
    // (= −√2/6), is the gap between the two prices; the net is still position − held.
    const offPrice = marketFromReserves(200, { amount0: 72, amount1: 144, lp: 100 }, 2.1, 1)!;
    const f = positionAt([deposit], offPrice);
    expect(f.positionUsd).toBeCloseTo(29.52, 9);
    expect(f.heldUsd).toBeCloseTo(31, 9);
    expect(f.il).toBeCloseTo(-1.7729197110, 9);
    expect(f.fees).toBeCloseTo(0.5286219714, 9);
    expect(f.priceGap).toBeCloseTo(-Math.SQRT2 / 6, 9);
    expect(f.net).toBeCloseTo(-1.48, 9);
    expect(positionAt([deposit], doubled).priceGap).toBeCloseTo(0, 12);
  });

  it("adds rewards paid (at their own price) and pending (at today's)", () => {
    const harvest: PnlAction = { lpChange: 0, amount0: 0, amount1: 0, penaltyLp: 0, reward: 3, rewardUsd: 1.5 };
    const f = positionAt([deposit, harvest], doubled, 2, 0.4);
    expect(f.rewards).toBe(3);
    expect(f.rewardsUsd).toBe(1.5);
    expect(f.pendingUsd).toBeCloseTo(0.8, 12);
    expect(f.net).toBeCloseTo(-1.2 + 1.5 + 0.8, 9);
  });

  it("adds partner tokens paid (at their price when paid) and pending (at today's) apart from the reward token", () => {
    const harvest: PnlAction = { lpChange: 0, amount0: 0, amount1: 0, penaltyLp: 0, reward: 3, rewardUsd: 1.5 };
    const partner: PnlAction = { lpChange: 0, amount0: 0, amount1: 0, penaltyLp: 0, reward: 0, rewardUsd: 0, partnerUsd: 0.25 };
    const f = positionAt([deposit, harvest, partner, partner], doubled, 2, 0.4, 0.1);
    expect(f.rewardsUsd).toBe(1.5);
    expect(f.partnerRewardsUsd).toBe(0.5);
    expect(f.partnerPendingUsd).toBe(0.1);
    expect(f.net).toBeCloseTo(-1.2 + 1.5 + 0.8 + 0.5 + 0.1, 9);
    // Over time: each point counts the partner payments made by then.
    const points = pnlOverTime([deposit, { ...partner, time: 150 }], [back]);
    expect(points.map((p) => p.partnerRewardsUsd)).toEqual([0, 0.25]);
  });

  it("keeps what a stake-out realized, and values the rest at the later market", () => {
    // Half out at the 2× market: −0.8578644 loss and 0.2578644 fees kept. Back at 1×, with more
    // fees (reserves 110/110): 5 LP worth $11 against $10 held, all of it fees, no loss.
    const withdraw: PnlAction = { lpChange: -5, amount0: 3.6, amount1: 7.2, penaltyLp: 0, reward: 0, rewardUsd: 0, market: doubled };
    const f = positionAt([deposit, withdraw], back);
    expect(f.staked).toBeCloseTo(5, 12);
    expect(f.positionUsd).toBeCloseTo(11, 9);
    expect(f.heldUsd).toBeCloseTo(10, 9);
    expect(f.il).toBeCloseTo(-0.8578643763, 9);
    expect(f.fees).toBeCloseTo(0.2578643763 + 1, 9);
  });

  it("counts an early exit's forfeited LP at its value then", () => {
    const exit: PnlAction = { lpChange: -4, amount0: 4, amount1: 4, penaltyLp: 1, reward: 0, rewardUsd: 0, market: atDeposit };
    const f = positionAt([deposit, exit], atDeposit);
    expect(f.staked).toBeCloseTo(5, 12);
    expect(f.penalties).toBeCloseTo(2, 12); // 1 LP at $2
    expect(f.net).toBeCloseTo(-2, 12);
  });

  it("ends at zero stake after everything is withdrawn, the realized figures kept", () => {
    const all: PnlAction = { lpChange: -10, amount0: 7.2, amount1: 14.4, penaltyLp: 0, reward: 0, rewardUsd: 0, market: doubled };
    const f = positionAt([deposit, all], back);
    expect(f.staked).toBe(0);
    expect(f.positionUsd).toBe(0);
    expect(f.il).toBeCloseTo(-1.7157287525, 9);
    expect(f.fees).toBeCloseTo(0.5157287525, 9);
  });

  it("refuses to value a stake change with no prices", () => {
    expect(() => positionAt([{ ...deposit, market: undefined }], doubled)).toThrow(/had no USD price/);
  });
});

describe("pnlOverTime", () => {
  it("gives a point after each action and at each market from the first action on", () => {
    const early = { ...atDeposit, time: 50 };
    const points = pnlOverTime([deposit], [early, doubled, back]);
    expect(points.map((p) => p.time)).toEqual([100, 200, 300]);
    expect(points[0]!.il).toBeCloseTo(0, 12);
    expect(points[1]!.il).toBeCloseTo(-1.7157287525, 9);
    // Back at 1×: no loss; 10 LP worth $22 against $20 held.
    expect(points[2]!.fees).toBeCloseTo(2, 9);
  });
});
