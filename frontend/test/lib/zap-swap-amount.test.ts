/**
 * The zap's single-sided swap amount, checked two ways apart from its formula: against the exact
 * root of the balance condition found by bisection over the integers, and against a brute-force
 * search of the swap amounts around it, each run through a Uniswap V2 swap and add written out
 * here, for the one that mints the most LP.
 */
import { describe, expect, it } from "vitest";

import { optimalSwapAmount } from "../../src/lib/zap-swap-amount";

/** getAmountOut, written out. */
const out = (a: bigint, rIn: bigint, rOut: bigint) => (a * 997n * rOut) / (rIn * 1000n + a * 997n);

/**
 * After swapping s of a against reserve r, what is left and what was bought are at the new
 * price exactly when (a − s) / (r + s) = out / (R − out); with out = 997·s·R / (1000·r + 997·s)
 * that is 1000·r·(a − s) = 997·s·(r + s) (R cancels). The largest s with the left side at least
 * the right, found by bisection: the root rounded down.
 */
function rootByBisection(a: bigint, r: bigint): bigint {
  const balanced = (s: bigint) => 1000n * r * (a - s) >= 997n * s * (r + s);
  let [low, high] = [0n, a];
  while (low < high) {
    const middle = (low + high + 1n) / 2n;
    if (balanced(middle)) low = middle;
    else high = middle - 1n;
  }
  return low;
}

/** The LP a zap of `a` mints when it swaps `s` first: swap, then the router's add, then the pair's mint. */
function lpMintedSwapping(s: bigint, a: bigint, r: bigint, R: bigint, supply: bigint): bigint {
  const bought = out(s, r, R);
  const [rIn, rOut] = [r + s, R - bought];
  const rest = a - s;
  const other = (rest * rOut) / rIn;
  const [takeIn, takeOut] = other <= bought ? [rest, other] : [(bought * rIn) / rOut, bought];
  const [byIn, byOut] = [(takeIn * supply) / rIn, (takeOut * supply) / rOut];
  return byIn < byOut ? byIn : byOut;
}

/** The integer square root by Newton's method, rounded down. */
function isqrt(n: bigint): bigint {
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) [x, y] = [y, (y + n / y) / 2n];
  return x;
}

/** A small deterministic generator, so the cases are the same on every run. */
function* numbers(seed: bigint): Generator<bigint> {
  let x = seed;
  for (;;) {
    x = (x * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n) % 2n ** 64n;
    yield x;
  }
}

describe("optimalSwapAmount", () => {
  it("is the exact root of the balance condition, rounded down", () => {
    const random = numbers(15n);
    for (let i = 0; i < 200; i++) {
      const r = (random.next().value % 10n ** 24n) + 1_000n;
      const a = (random.next().value % (r * 3n)) + 1n;
      expect(optimalSwapAmount(a, r), `a ${a}, r ${r}`).toBe(rootByBisection(a, r));
    }
  });

  it("mints within 4 wei of the most LP any swap amount within ±2,000 wei of it mints, at real sizes", () => {
    const random = numbers(2612n);
    for (let i = 0; i < 6; i++) {
      const r = (random.next().value % 10n ** 24n) + 10n ** 20n;
      const R = (random.next().value % 10n ** 24n) + 10n ** 20n;
      const supply = isqrt(r * R); // a pair's first mint
      const a = (random.next().value % (r / 10n)) + 10n ** 15n;
      const s = optimalSwapAmount(a, r);
      let best = 0n;
      for (let t = s - 2_000n; t <= s + 2_000n; t++) {
        const lp = lpMintedSwapping(t, a, r, R, supply);
        if (lp > best) best = lp;
      }
      expect(best - lpMintedSwapping(s, a, r, R, supply), `a ${a}, r ${r}, R ${R}`).toBeLessThanOrEqual(4n);
    }
  });

  it("mints within 8 wei of the most LP any swap amount mints, searched whole on a small pair (rounding is all the difference)", () => {
    const random = numbers(7n);
    for (let i = 0; i < 20; i++) {
      const r = (random.next().value % 90_000n) + 10_000n;
      const R = (random.next().value % 90_000n) + 10_000n;
      const a = (random.next().value % r) + 1n;
      const supply = isqrt(r * R);
      let best = 0n;
      for (let t = 0n; t <= a; t++) {
        const lp = lpMintedSwapping(t, a, r, R, supply);
        if (lp > best) best = lp;
      }
      const got = lpMintedSwapping(optimalSwapAmount(a, r), a, r, R, supply);
      expect(best - got, `a ${a}, r ${r}, R ${R}`).toBeLessThanOrEqual(8n);
    }
  });

  it("swaps a little over half: the fee and the price move cost the swapped side", () => {
    // 1 WETH into 1,000 WETH of reserve: 0.500626001745396739 WETH (Python, isqrt).
    expect(optimalSwapAmount(10n ** 18n, 1_000n * 10n ** 18n)).toBe(500_626_001_745_396_739n);
    expect(optimalSwapAmount(0n, 10n ** 18n)).toBe(0n);
  });

  it("refuses a pair without a reserve of the input", () => {
    expect(() => optimalSwapAmount(1n, 0n)).toThrow(RangeError);
  });
});
