/**
 * An exact rational number of bigints, for the reward model: a staker's share of a block's
 * emission is `emitted × allocPoint × stake / (totalAllocPoint × totalStaked)`, which is rarely a
 * whole number of wei, and the model must not round where the farm does.
 *
 * Fractions are reduced only when their denominator grows past a few hundred bits: sums of shares
 * with unrelated denominators grow without bound otherwise, and an occasional gcd keeps each
 * operation cheap.
 */
const REDUCE_ABOVE = 1n << 512n;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export class Ratio {
  static readonly ZERO = new Ratio(0n);

  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint, den = 1n) {
    if (den <= 0n) throw new Error(`Ratio denominator must be positive, got ${den}`);
    if (den > REDUCE_ABOVE) {
      const g = gcd(num, den);
      if (g > 1n) [num, den] = [num / g, den / g];
    }
    this.num = num;
    this.den = den;
  }

  static of(value: bigint | Ratio): Ratio {
    return value instanceof Ratio ? value : new Ratio(value);
  }

  plus(other: bigint | Ratio): Ratio {
    const o = Ratio.of(other);
    if (o.num === 0n) return this;
    if (this.num === 0n) return o;
    if (o.den === this.den) return new Ratio(this.num + o.num, this.den);
    return new Ratio(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  minus(other: bigint | Ratio): Ratio {
    const o = Ratio.of(other);
    return this.plus(new Ratio(-o.num, o.den));
  }

  /** this × numerator / denominator. */
  times(numerator: bigint, denominator = 1n): Ratio {
    if (numerator === 0n) return Ratio.ZERO;
    return new Ratio(this.num * numerator, this.den * denominator);
  }

  compare(other: bigint | Ratio): -1 | 0 | 1 {
    const o = Ratio.of(other);
    const difference = this.num * o.den - o.num * this.den;
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  }

  lessThan(other: bigint | Ratio): boolean {
    return this.compare(other) < 0;
  }

  isNegative(): boolean {
    return this.num < 0n;
  }

  /** Largest integer not above this. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Smallest integer not below this. */
  ceil(): bigint {
    return -new Ratio(-this.num, this.den).floor();
  }

  toString(): string {
    if (this.den === 1n) return this.num.toString();
    if (this.num < 0n) return `-${new Ratio(-this.num, this.den)}`;
    const whole = this.floor();
    // Nine decimals are enough to read a rounding difference; the exact value is num / den.
    const nano = this.minus(whole).times(10n ** 9n).floor();
    return `${whole}.${nano.toString().padStart(9, "0")}…`;
  }
}
