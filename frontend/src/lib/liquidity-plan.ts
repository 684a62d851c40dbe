/**
 * The liquidity dialog's figures from what the user typed: for adding, the second amount at the
 * pool's price, what the router will take, the LP minted, the share of the pool and the minimums;
 * for removing, the tokens out and their minimums. Either exact figures ready to send, or one
 * sentence saying what to fix: a plan that is not `ok` sends nothing.
 */
import { formatUnits, parseEther } from "viem";

import { checkAmount, checkLpAmount } from "./amount";
import { LP_DECIMALS } from "./conventions";
import { formatTokenAmount } from "./format";
import { burnAmounts, depositAmounts, hasReserves, liquidityMinted, MINIMUM_LIQUIDITY, type PairLiquidity, quote, shareAfterMint } from "./liquidity";
import { minimumAfterSlippage } from "./liquidity-settings";
import { toDecimalNumber } from "./units";

/** ETH left in the wallet when a side is paid in ETH, for this and the next transactions' gas. */
export const ETH_GAS_RESERVE = parseEther("0.01");

/** One side of the pair as the user holds it. */
export interface Side {
  symbol: string;
  decimals: number;
  /** What the wallet holds: of the token, or of ETH when `eth`. */
  balance: bigint;
  /** The side is WETH and is paid (and paid back) in ETH, which the router wraps and unwraps. */
  eth: boolean;
}

export type Pair<T> = [T, T];
/** A side of the pair: 0 for token0, 1 for token1. */
export type SideIndex = 0 | 1;

export interface AddInput {
  /** The two fields as typed, in the pair's order. */
  texts: Pair<string>;
  /** The field typed last: with reserves, the other one follows it. */
  lead: SideIndex;
  sides: Pair<Side>;
  pair: PairLiquidity;
  /** LP the user already owns in this pool (wallet and farm), for the share after adding. */
  held: bigint;
  slippageBps: number;
}

export interface AddQuote {
  /** What the router is offered: approved, or sent as ETH (the router refunds what it does not take). */
  desired: Pair<bigint>;
  /** What the router takes at the quoted reserves. */
  amounts: Pair<bigint>;
  /** The least it may take before refusing: the amounts less the slippage. */
  minimums: Pair<bigint>;
  /** LP minted at the quoted reserves. */
  liquidity: bigint;
  /** The user's share of the pool afterwards, LP already held included, 0..1. */
  share: number;
  /** The pair had no reserves: these amounts set its price. */
  firstProvider: boolean;
}

/**
 * `ok` with the quote, or the `reason` to show beside `field`. `derived` is the other field's
 * amount at the pool's price whenever the lead field reads as a number, ok or not, for the form
 * to show.
 */
export type AddPlan = ({ ok: true; quote: AddQuote } | { ok: false; reason: string; field?: SideIndex }) & { derived?: bigint };

/** What the user can put in from `side`: all of a token, ETH less the gas reserve. */
export function spendable(side: Side): bigint {
  if (!side.eth) return side.balance;
  return side.balance > ETH_GAS_RESERVE ? side.balance - ETH_GAS_RESERVE : 0n;
}

/** How the "more than" sentence names what `side` can give. */
function whatCanGive(side: Side): string {
  if (!side.eth) return `your ${symbolOf(side)} balance`;
  return `the ETH you can put in while keeping ${formatUnits(ETH_GAS_RESERVE, 18)} ETH for gas`;
}

function amountOf(text: string, side: Side) {
  return checkAmount(text, side.decimals, spendable(side), whatCanGive(side));
}

const other = (side: SideIndex): SideIndex => (side === 0 ? 1 : 0);
/** What the user holds of `side`: ETH for the WETH side. */
const symbolOf = (side: Side) => (side.eth ? "ETH" : side.symbol);
const show = (wei: bigint, side: Side) => `${formatTokenAmount(wei, side.decimals, Math.min(side.decimals, 6))} ${symbolOf(side)}`;

export function planAdd(input: AddInput): AddPlan {
  return hasReserves(input.pair) ? planAtPrice(input) : planFirstDeposit(input);
}

/**
 * A pair with a price: the lead amount sets the other at the reserves' ratio, and goes in whole.
 * The router re-prices its side B from side A, rounding down: when the lead is B, side A is
 * offered one wei above its price, so the router takes all of B (and A at most that wei over).
 */
function planAtPrice(input: AddInput): AddPlan {
  const { texts, lead, sides, pair } = input;
  const follower = other(lead);
  const typed = amountOf(texts[lead], sides[lead]);
  if (!typed.ok) return { ok: false, reason: typed.reason, field: lead };
  const reserves: Pair<bigint> = [pair.reserve0, pair.reserve1];
  const atPrice = quote(typed.wei, reserves[lead], reserves[follower]);
  const derived = lead === routerSideA(sides) ? atPrice : atPrice + 1n;
  const fail = (reason: string, field: SideIndex = lead): AddPlan => ({ ok: false, reason, field, derived });
  if (atPrice === 0n) {
    return fail(`That is worth less than the smallest unit of ${symbolOf(sides[follower])} at the pool's price. Enter a larger amount.`);
  }
  if (derived > spendable(sides[follower])) {
    const need = show(derived, sides[follower]);
    const have = show(spendable(sides[follower]), sides[follower]);
    const canPut = sides[follower].eth ? `you can put in ${have} while keeping ${formatUnits(ETH_GAS_RESERVE, 18)} ETH for gas` : `you have ${have}`;
    return fail(`That needs ${need} and ${canPut}. Enter less ${symbolOf(sides[lead])}.`, follower);
  }
  const desired: Pair<bigint> = lead === 0 ? [typed.wei, derived] : [derived, typed.wei];
  return { ...quoteFor(desired, input, false), derived };
}

/** A pair with no reserves: both amounts are the user's, and their ratio becomes the price. */
function planFirstDeposit(input: AddInput): AddPlan {
  const { texts, lead, sides } = input;
  // The field being typed first, so its sentence shows where the user is looking.
  for (const side of [lead, other(lead)]) {
    const typed = amountOf(texts[side], sides[side]);
    if (!typed.ok) return { ok: false, reason: typed.reason, field: side };
  }
  const desired = [amountOf(texts[0], sides[0]), amountOf(texts[1], sides[1])].map((c) => (c.ok ? c.wei : 0n)) as Pair<bigint>;
  return quoteFor(desired, input, true);
}

/**
 * The side the router is given as token A: the token when the other side is paid in ETH
 * (addLiquidityETH takes the token, then WETH), else token0. Its order decides which side loses
 * the rounding dust, so the quote and the transaction use the same one.
 */
export function routerSideA(sides: Pair<Side>): SideIndex {
  return sides[0].eth ? 1 : 0;
}

/** The router's amounts for `desired`, in the pair's order. */
function routerAmounts(desired: Pair<bigint>, sides: Pair<Side>, pair: PairLiquidity): Pair<bigint> {
  const a = routerSideA(sides);
  const b = other(a);
  const reserves: Pair<bigint> = [pair.reserve0, pair.reserve1];
  const [amountA, amountB] = depositAmounts(desired[a], desired[b], reserves[a], reserves[b]);
  return a === 0 ? [amountA, amountB] : [amountB, amountA];
}

function quoteFor(desired: Pair<bigint>, input: AddInput, firstProvider: boolean): AddPlan {
  const { pair, held, slippageBps } = input;
  const amounts = routerAmounts(desired, input.sides, pair);
  const liquidity = liquidityMinted(amounts[0], amounts[1], pair);
  if (liquidity === 0n) {
    const reason = firstProvider
      ? `Too little for a first deposit: the pair keeps ${MINIMUM_LIQUIDITY} wei of LP locked forever and would mint you none. Enter larger amounts.`
      : "That is too little to mint any LP. Enter a larger amount.";
    return { ok: false, reason, field: input.lead };
  }
  const minimums = amounts.map((a) => minimumAfterSlippage(a, slippageBps)) as Pair<bigint>;
  return { ok: true, quote: { desired, amounts, minimums, liquidity, share: shareAfterMint(held, liquidity, pair), firstProvider } };
}

export interface RemoveInput {
  text: string;
  /** LP in the wallet: staked LP must be unstaked first. */
  walletLp: bigint;
  sides: Pair<Side>;
  pair: PairLiquidity;
  slippageBps: number;
}

export interface RemoveQuote {
  liquidity: bigint;
  /** The tokens the burn returns at the quoted state, in the pair's order. */
  amounts: Pair<bigint>;
  minimums: Pair<bigint>;
}

export type RemovePlan = { ok: true; quote: RemoveQuote } | { ok: false; reason: string };

export function planRemove(input: RemoveInput): RemovePlan {
  const { text, walletLp, sides, pair, slippageBps } = input;
  if (walletLp === 0n) return { ok: false, reason: "You have no LP of this pool in your wallet." };
  const typed = checkLpAmount(text, walletLp, "the LP in your wallet");
  if (!typed.ok) return typed;
  const amounts = burnAmounts(typed.wei, pair);
  const empty = amounts.findIndex((a) => a === 0n);
  if (empty !== -1) {
    return { ok: false, reason: `That is too little LP to return any ${symbolOf(sides[empty])}. Enter a larger amount.` };
  }
  const minimums = amounts.map((a) => minimumAfterSlippage(a, slippageBps)) as Pair<bigint>;
  return { ok: true, quote: { liquidity: typed.wei, amounts, minimums } };
}

/** `percent` of `balance` as the input text, exact to the wei (100 gives the whole balance). */
export function percentOfInput(balance: bigint, percent: number): string {
  return formatUnits((balance * BigInt(percent)) / 100n, LP_DECIMALS);
}

/** An amount as the other field shows it: exact, so what is shown is what is sent. */
export function amountInput(wei: bigint, decimals: number): string {
  return formatUnits(wei, decimals);
}

/**
 * The price each way for `amounts` in the pair's order (the reserves, or a first deposit):
 * [token1 per token0, token0 per token1], in whole tokens. NaN where an amount is zero.
 */
export function ratioOf(amounts: Pair<bigint>, sides: Pair<Side>): Pair<number> {
  const whole0 = toDecimalNumber(amounts[0], sides[0].decimals);
  const whole1 = toDecimalNumber(amounts[1], sides[1].decimals);
  return whole0 === 0 || whole1 === 0 ? [NaN, NaN] : [whole1 / whole0, whole0 / whole1];
}
