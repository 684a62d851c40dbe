/**
 * The zap forms' plans: every bad input a sentence and no quote; good input the quote of
 * lib/zap-in.ts / lib/zap-out.ts (their figures are checked in their own tests), with a warning
 * where the swap moves the price noticeably. On zap-in.test.ts's USDC/WETH pair.
 */
import { describe, expect, it } from "vitest";

import type { PairLiquidity } from "../../src/lib/liquidity";
import { planZapIn, planZapOut } from "../../src/lib/zap-plan";

const USDC = 10n ** 6n;
const WETH = 10n ** 18n;
const R0 = 3_000_000n * USDC;
const R1 = 1_000n * WETH;
const pair: PairLiquidity = { reserve0: R0, reserve1: R1, balance0: R0, balance1: R1, totalSupply: 54_772_255_750_516_611n, kLast: 0n, feeOn: false };
const empty: PairLiquidity = { reserve0: 0n, reserve1: 0n, balance0: 0n, balance1: 0n, totalSupply: 0n, kLast: 0n, feeOn: false };
const weth = { decimals: 18, spendable: 500n * WETH, what: "the ETH you can put in", pair, side: 1 as const, slippageBps: 50 };

describe("planZapIn", () => {
  it("quotes a good amount", () => {
    const plan = planZapIn({ ...weth, text: "1" });
    expect(plan.ok && plan.quote.liquidity).toBe(27_338_154_149_540n);
    expect(plan.ok && plan.warning).toBeUndefined();
  });

  it.each([
    ["", "Enter an amount."],
    ["0", "Enter an amount above zero."],
    ["abc", "Enter a number, like 1.5."],
    ["501", "That is more than the ETH you can put in (500)."],
  ])("refuses %j: %s", (text, reason) => {
    expect(planZapIn({ ...weth, text })).toEqual({ ok: false, reason });
  });

  it("refuses an amount too small to buy a wei or mint any LP", () => {
    expect(planZapIn({ ...weth, text: "0.000000000000000001" })).toEqual({ ok: false, reason: "That is too little to mint any LP. Enter a larger amount." });
  });

  it("refuses a pair with no liquidity: there is no price to swap at", () => {
    const plan = planZapIn({ ...weth, pair: empty, text: "1" });
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toMatch(/no liquidity yet/);
  });

  it("warns above 2% price impact and refuses above 15%", () => {
    const warned = planZapIn({ ...weth, text: "60" }); // 30 WETH swapped into 1,000: ~2.9%
    expect(warned.ok && warned.warning).toMatch(/^The swap moves the pool's price by 2\.\d\d%/);
    const refused = planZapIn({ ...weth, text: "400" });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/^The swap moves the pool's price by 1\d\.\d\d%: you would lose about that share/);
  });
});

describe("planZapOut", () => {
  const staked = 10n ** 15n;
  const base = { withdrawable: staked, pair, slippageBps: 50 };

  it("quotes both tokens or one", () => {
    const both = planZapOut({ ...base, text: "0.001", target: "both" });
    expect(both.ok && both.quote.both.amounts).toEqual([54_772_255_750n, 18_257_418_583_505_537_230n]);
    const one = planZapOut({ ...base, text: "0.001", target: 0 });
    expect(one.ok && one.quote.single[0].amount).toBe(108_386_131_286n);
  });

  it("refuses nothing to unstake, too much, zero and dust", () => {
    expect(planZapOut({ ...base, withdrawable: 0n, text: "1", target: "both" })).toEqual({ ok: false, reason: "You have no LP staked here that can be unstaked now." });
    expect(planZapOut({ ...base, text: "0.002", target: "both" })).toEqual({ ok: false, reason: "That is more than what you can unstake now (0.001)." });
    expect(planZapOut({ ...base, text: "0", target: 1 })).toEqual({ ok: false, reason: "Enter an amount above zero." });
    expect(planZapOut({ ...base, text: "0.000000000000000001", target: "both" })).toEqual({ ok: false, reason: "That is too little LP to pay out anything. Enter a larger amount." });
  });
});
