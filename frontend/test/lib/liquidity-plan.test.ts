/**
 * The liquidity dialog's figures and refusals. Figures worked out apart (Python, exact integers)
 * on two pairs: DAI (18 decimals, token0) / USDC (6, token1) holding 1,000,250 DAI and 999,750
 * USDC, supply √(R0 × R1) = 999,999,968,749,999,511; and USDC (token0) / WETH (token1, paid in
 * ETH) holding 3,000,000 USDC and 1,000 WETH, supply 54,772,255,750,516,611.
 */
import { parseEther, parseUnits } from "viem";
import { describe, expect, it } from "vitest";

import type { PairLiquidity } from "../../src/lib/liquidity";
import { type AddPlan, amountInput, percentOfInput, planAdd, planRemove, ratioOf, routerSideA, type Side, spendable } from "../../src/lib/liquidity-plan";

const DAI_USDC: PairLiquidity = {
  reserve0: 1_000_250n * 10n ** 18n,
  reserve1: 999_750n * 10n ** 6n,
  balance0: 1_000_250n * 10n ** 18n,
  balance1: 999_750n * 10n ** 6n,
  totalSupply: 999_999_968_749_999_511n,
  kLast: 0n,
  feeOn: false,
};
const USDC_WETH: PairLiquidity = {
  reserve0: 3_000_000n * 10n ** 6n,
  reserve1: 1_000n * 10n ** 18n,
  balance0: 3_000_000n * 10n ** 6n,
  balance1: 1_000n * 10n ** 18n,
  totalSupply: 54_772_255_750_516_611n,
  kLast: 0n,
  feeOn: false,
};
const EMPTY: PairLiquidity = { reserve0: 0n, reserve1: 0n, balance0: 0n, balance1: 0n, totalSupply: 0n, kLast: 0n, feeOn: false };

const dai = (balance = parseEther("1000")): Side => ({ symbol: "DAI", decimals: 18, balance, eth: false });
const usdc = (balance = parseUnits("1000", 6)): Side => ({ symbol: "USDC", decimals: 6, balance, eth: false });
const eth = (balance = parseEther("10")): Side => ({ symbol: "WETH", decimals: 18, balance, eth: true });

function daiUsdc(texts: [string, string], lead: 0 | 1, sides: [Side, Side] = [dai(), usdc()]): AddPlan {
  return planAdd({ texts, lead, sides, pair: DAI_USDC, held: 0n, slippageBps: 50 });
}

function quoteOf(plan: AddPlan) {
  if (!plan.ok) throw new Error(`expected a quote: ${plan.reason}`);
  return plan.quote;
}

function refusalOf(plan: AddPlan) {
  if (plan.ok) throw new Error("expected a refusal");
  return plan;
}

describe("adding at the pool's price", () => {
  it("the typed first amount sets the second; the quote is exact and the minimums 0.5% below", () => {
    const plan = daiUsdc(["100", ""], 0);
    expect(plan.derived).toBe(99_950_012n);
    expect(quoteOf(plan)).toEqual({
      desired: [100n * 10n ** 18n, 99_950_012n],
      amounts: [100n * 10n ** 18n, 99_950_012n],
      minimums: [99_500_000_000_000_000_000n, 99_450_261n],
      liquidity: 99_975_002_627_218n,
      share: expect.closeTo(9.996501174881245e-5, 15),
      firstProvider: false,
    });
  });

  it("the second amount typed sets the first, offered a wei above its price so the router takes all that was typed", () => {
    const plan = daiUsdc(["", "99.950012"], 1);
    // 99.950012 USDC is worth 99.999999502875718929(.6) DAI: one wei more is offered.
    expect(plan.derived).toBe(99_999_999_502_875_718_930n);
    const quote = quoteOf(plan);
    expect(quote.desired).toEqual([99_999_999_502_875_718_930n, 99_950_012n]);
    expect(quote.amounts).toEqual([99_999_999_502_875_718_930n, 99_950_012n]);
    expect(quote.minimums).toEqual([99_499_999_505_361_340_335n, 99_450_261n]);
    expect(quote.liquidity).toBe(99_975_002_627_218n);
  });

  it("counts the LP already held in the share", () => {
    const held = 999_999_968_749_999_511n; // as much again as the whole supply
    const quote = quoteOf(planAdd({ texts: ["100", ""], lead: 0, sides: [dai(), usdc()], pair: DAI_USDC, held, slippageBps: 50 }));
    // (supply + minted) / (supply + minted)
    expect(quote.share).toBe(1);
  });

  it("refuses what cannot be sent, with a sentence beside the field to fix", () => {
    const cases: [[string, string], 0 | 1, RegExp, 0 | 1][] = [
      [["", ""], 0, /Enter an amount/, 0],
      [["abc", ""], 0, /Enter a number/, 0],
      [["0", ""], 0, /above zero/, 0],
      [["", "1.0000001"], 1, /6 decimals/, 1],
      [["1001", ""], 0, /more than your DAI balance \(1,000\)/, 0],
      // The following side short: said at that side, naming what to lower.
      [["", "1000"], 1, /That needs 1,000\.500125 DAI and you have 1,000 DAI\. Enter less USDC\./, 0],
      [["0.000000000001", ""], 0, /less than the smallest unit of USDC/, 0],
    ];
    for (const [texts, lead, reason, field] of cases) {
      const refused = refusalOf(daiUsdc(texts, lead));
      expect(refused.reason, texts.join("|")).toMatch(reason);
      expect(refused.field, texts.join("|")).toBe(field);
    }
  });

  it("keeps the figure for the following field even when refusing", () => {
    expect(refusalOf(daiUsdc(["", "1000"], 1)).derived).toBe(1_000_500_125_031_257_814_454n);
  });
});

describe("adding with ETH", () => {
  const sides = (ethBalance: bigint): [Side, Side] => [usdc(parseUnits("10000", 6)), eth(ethBalance)];
  const plan = (texts: [string, string], lead: 0 | 1, ethBalance: bigint) =>
    planAdd({ texts, lead, sides: sides(ethBalance), pair: USDC_WETH, held: 0n, slippageBps: 50 });

  it("keeps 0.01 ETH back for gas", () => {
    expect(spendable(eth(parseEther("1.005")))).toBe(parseEther("0.995"));
    expect(spendable(eth(parseEther("0.004")))).toBe(0n);
    expect(spendable(usdc(5n))).toBe(5n);
  });

  it("quotes 1 ETH against 3,000 USDC", () => {
    const quote = quoteOf(plan(["", "1"], 1, parseEther("2")));
    expect(quote.amounts).toEqual([3_000n * 10n ** 6n, 10n ** 18n]);
    expect(quote.liquidity).toBe(54_772_255_750_516n);
  });

  it("refuses ETH that would leave too little for gas, typed or following", () => {
    expect(refusalOf(plan(["", "1"], 1, parseEther("1.005"))).reason).toBe(
      "That is more than the ETH you can put in while keeping 0.01 ETH for gas (0.995).",
    );
    const following = refusalOf(plan(["3000", ""], 0, parseEther("1.005")));
    expect(following.reason).toBe("That needs 1 ETH and you can put in 0.995 ETH while keeping 0.01 ETH for gas. Enter less USDC.");
    expect(following.field).toBe(1);
  });
});

describe("the router's order: the token first, ETH second", () => {
  it("WETH as token0: the ETH typed goes in whole, the token offered a wei above its price", () => {
    const wethUsdc: PairLiquidity = { ...USDC_WETH, reserve0: USDC_WETH.reserve1, reserve1: USDC_WETH.reserve0, balance0: USDC_WETH.balance1, balance1: USDC_WETH.balance0 };
    const plan = planAdd({ texts: ["0.333333333333333333", ""], lead: 0, sides: [eth(), usdc()], pair: wethUsdc, held: 0n, slippageBps: 50 });
    expect(routerSideA([eth(), usdc()])).toBe(1);
    expect(routerSideA([usdc(), eth()])).toBe(0);
    // 0.333333333333333333 ETH is worth 999.999999(999) USDC: 1,000 USDC offered.
    expect(plan.derived).toBe(1_000_000_000n);
    const quote = quoteOf(plan);
    expect(quote.desired).toEqual([333_333_333_333_333_333n, 1_000_000_000n]);
    // addLiquidityETH(USDC, 1,000 USDC, ...) prices 1,000 USDC at 0.333333333333333333 ETH: all of it.
    expect(quote.amounts).toEqual([333_333_333_333_333_333n, 1_000_000_000n]);
  });
});

describe("the first deposit into an empty pair", () => {
  const first = (texts: [string, string], lead: 0 | 1 = 0) =>
    planAdd({ texts, lead, sides: [usdc(parseUnits("5000", 6)), eth()], pair: EMPTY, held: 0n, slippageBps: 50 });

  it("takes both amounts as typed: they set the price", () => {
    const plan = first(["3000", "1"]);
    expect(plan.derived).toBeUndefined();
    const quote = quoteOf(plan);
    expect(quote.firstProvider).toBe(true);
    expect(quote.amounts).toEqual([3_000n * 10n ** 6n, 10n ** 18n]);
    expect(quote.liquidity).toBe(54_772_255_749_516n);
    expect(quote.share).toBeCloseTo(0.9999999999817426, 15);
  });

  it("asks for both amounts, the field being typed first", () => {
    expect(refusalOf(first(["3000", ""], 0))).toMatchObject({ reason: "Enter an amount.", field: 1 });
    expect(refusalOf(first(["", "x"], 1))).toMatchObject({ reason: expect.stringMatching(/Enter a number/), field: 1 });
  });

  it("refuses amounts too small to mint past the locked 1,000 wei", () => {
    // 1 wei of USDC and 1e6 wei of WETH: √1e6 = 1,000, all of it locked.
    expect(refusalOf(first(["0.000001", "0.000000000001"])).reason).toMatch(/Too little for a first deposit/);
  });
});

describe("removing", () => {
  const remove = (text: string, walletLp = parseEther("0.01")) =>
    planRemove({ text, walletLp, sides: [usdc(), eth()], pair: USDC_WETH, slippageBps: 50 });

  it("returns the LP's share of each side and the minimums", () => {
    const plan = remove("0.001");
    expect(plan).toEqual({
      ok: true,
      quote: {
        liquidity: 10n ** 15n,
        amounts: [54_772_255_750n, 18_257_418_583_505_537_230n],
        minimums: [54_498_394_471n, 18_166_131_490_588_009_543n],
      },
    });
  });

  it("refuses with a sentence", () => {
    expect(remove("0.001", 0n)).toEqual({ ok: false, reason: "You have no LP of this pool in your wallet." });
    expect(remove("0.02")).toMatchObject({ ok: false, reason: expect.stringMatching(/more than the LP in your wallet/) });
    // The wallet's LP quoted with significant digits, as the card and the tab show it (six fixed decimals said "0.000011").
    expect(remove("1", 11_234_567_890_123n)).toEqual({ ok: false, reason: "That is more than the LP in your wallet (0.0000112345)." });
    expect(remove("")).toMatchObject({ ok: false, reason: "Enter an amount." });
    // One LP wei returns under one wei of USDC: the pair would refuse to burn it.
    expect(remove("0.000000000000000001")).toEqual({ ok: false, reason: "That is too little LP to return any USDC. Enter a larger amount." });
  });
});

describe("form helpers", () => {
  it("percentages of the LP balance, exact to the wei and never above it", () => {
    const balance = 3n * 10n ** 18n + 1n;
    expect(percentOfInput(balance, 25)).toBe("0.75");
    expect(percentOfInput(balance, 50)).toBe("1.5");
    expect(percentOfInput(balance, 100)).toBe("3.000000000000000001");
  });

  it("the following field shows the exact amount", () => {
    expect(amountInput(99_950_012n, 6)).toBe("99.950012");
    expect(amountInput(1_000_500_125_031_257_814_453n, 18)).toBe("1000.500125031257814453");
  });

  it("the ratio each way in whole tokens", () => {
    const [usdcPerWeth, wethPerUsdc] = ratioOf([10n ** 18n, 3_000n * 10n ** 6n], [eth(), usdc()]);
    expect(usdcPerWeth).toBe(3000);
    expect(wethPerUsdc).toBeCloseTo(1 / 3000, 15);
    expect(ratioOf([0n, 1n], [eth(), usdc()])).toEqual([NaN, NaN]);
  });
});
