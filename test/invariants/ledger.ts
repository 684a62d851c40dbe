/**
 * The world around the farm as it should be: the stakers' LP wallets, LP sent to the farm without
 * staking it (donations, which must earn nothing and stay out of every pool's stake), and whether
 * the reward token's mint is broken. The farm's own state is the model's business.
 */
import type { Stakeable } from "./world.js";

export class Ledger {
  /** [stakeable][user] */
  readonly wallets: bigint[][];
  /** [stakeable]: LP the farm holds beyond what it credited to stakers. */
  readonly donated: bigint[];
  rewardTokenBroken = false;
  readonly #stakeables: Stakeable[];

  constructor(stakeables: Stakeable[], initialWallets: bigint[][]) {
    this.#stakeables = stakeables;
    this.wallets = initialWallets.map((row) => [...row]);
    this.donated = stakeables.map(() => 0n);
  }

  /** What the recipient of a transfer of `amount` receives (fee-on-transfer tokens burn a share). */
  received(token: number, amount: bigint): bigint {
    return amount - (amount * this.#stakeables[token].feeBps) / 10_000n;
  }

  /** The user sends `amount` to the farm; returns what the farm receives. */
  toFarm(token: number, user: number, amount: bigint): bigint {
    this.wallets[token][user] -= amount;
    return this.received(token, amount);
  }

  /** The farm sends `amount` to the user. */
  fromFarm(token: number, user: number, amount: bigint): void {
    this.wallets[token][user] += this.received(token, amount);
  }

  donate(token: number, user: number, amount: bigint): void {
    this.donated[token] += this.toFarm(token, user, amount);
  }
}
