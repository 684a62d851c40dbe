/**
 * Compounding against figures worked out apart from the code (Python's exact integers): 1,234 RWD
 * of reward, an RWD/WETH pair of 1,000,000 RWD and 500 WETH, and a DAI/WETH pair of 3,000,000 DAI
 * and 1,000 WETH (all 18 decimals), each with the supply of its first mint.
 */
import { type Address, getAddress } from "viem";
import { describe, expect, it } from "vitest";

import { bestCompound, candidatePaths, hopsOf, quoteCompound, type TradingPair } from "../../src/lib/compound";

const E18 = 10n ** 18n;
const RWD = getAddress("0x00000000000000000000000000000000000000a1");
const WETH = getAddress("0x00000000000000000000000000000000000000b2");
const DAI = getAddress("0x00000000000000000000000000000000000000c3");
const USDC = getAddress("0x00000000000000000000000000000000000000d4");

function pairOf(address: Address, token0: Address, token1: Address, reserve0: bigint, reserve1: bigint, totalSupply: bigint): TradingPair {
  return { address, token0, token1, reserve0, reserve1, balance0: reserve0, balance1: reserve1, totalSupply, kLast: 0n, feeOn: false };
}

const rwdWeth = pairOf(getAddress("0x0000000000000000000000000000000000000101"), RWD, WETH, 1_000_000n * E18, 500n * E18, 22_360_679_774_997_896_964_091n);
const daiWeth = pairOf(getAddress("0x0000000000000000000000000000000000000102"), DAI, WETH, 3_000_000n * E18, 1_000n * E18, 54_772_255_750_516_611_345_696n);
const REWARD = 1_234n * E18;

describe("candidatePaths", () => {
  it("needs no swap path when the target pair holds the reward token", () => {
    expect(candidatePaths(RWD, rwdWeth, WETH)).toEqual([[RWD]]);
  });

  it("offers one hop to either token, then two through WETH", () => {
    expect(candidatePaths(RWD, daiWeth, WETH)).toEqual([[RWD, DAI], [RWD, WETH], [RWD, WETH, DAI]]);
    expect(candidatePaths(RWD, { token0: DAI, token1: USDC }, WETH)).toEqual([[RWD, DAI], [RWD, USDC], [RWD, WETH, DAI], [RWD, WETH, USDC]]);
  });

  it("hops are the consecutive tokens", () => {
    expect(hopsOf([RWD, WETH, DAI])).toEqual([[RWD, WETH], [WETH, DAI]]);
    expect(hopsOf([RWD])).toEqual([]);
  });
});

describe("quoteCompound", () => {
  it("RWD into RWD/WETH: zapped straight in, 13,771,566,314,431,883,304 LP wei", () => {
    const q = quoteCompound({ reward: REWARD, path: [RWD], pairs: [], target: rwdWeth, slippageBps: 50 })!;
    expect(q.hopAmounts).toEqual([]);
    expect(q.zap.swapIn).toBe(617_736_377_847_862_269_868n);
    expect(q.zap.liquidity).toBe(13_771_566_314_431_883_304n);
    expect(q.zap.minLiquidity).toBe(13_702_708_482_859_723_887n);
    expect(q.zap.leftovers).toEqual([0n, 0n]);
  });

  it("RWD into DAI/WETH: swapped to WETH in RWD/WETH, then zapped from WETH", () => {
    const q = quoteCompound({ reward: REWARD, path: [RWD, WETH], pairs: [rwdWeth], target: daiWeth, slippageBps: 50 })!;
    expect(q.hopAmounts).toEqual([614_393_113_381_393_098n]);
    expect(q.zap.swapIn).toBe(307_610_802_628_301_027n);
    expect(q.zap.liquidity).toBe(16_797_991_940_519_454_262n);
    expect(q.zap.minLiquidity).toBe(16_714_001_980_816_856_990n);
    expect(q.zap.leftovers).toEqual([0n, 1n]); // a wei of WETH back
  });

  it("a path through the target pair moves it before the zap", () => {
    const through = quoteCompound({ reward: REWARD, path: [RWD, WETH, DAI], pairs: [rwdWeth, daiWeth], target: daiWeth, slippageBps: 50 })!;
    const straight = quoteCompound({ reward: REWARD, path: [RWD, WETH], pairs: [rwdWeth], target: daiWeth, slippageBps: 50 })!;
    // Two swaps through DAI/WETH (WETH → DAI, then the zap's DAI → WETH) pay its fee twice.
    expect(through.zap.liquidity).toBeLessThan(straight.zap.liquidity);
    expect(bestCompound([through, undefined, straight])).toBe(straight);
  });

  it("a missing or wrong pair gives no quote", () => {
    expect(quoteCompound({ reward: REWARD, path: [RWD, WETH], pairs: [], target: daiWeth, slippageBps: 50 })).toBeUndefined();
    expect(quoteCompound({ reward: REWARD, path: [RWD, DAI], pairs: [rwdWeth], target: daiWeth, slippageBps: 50 })).toBeUndefined();
    expect(quoteCompound({ reward: REWARD, path: [RWD], pairs: [], target: daiWeth, slippageBps: 50 })).toBeUndefined();
    expect(bestCompound([undefined])).toBeUndefined();
  });
});
