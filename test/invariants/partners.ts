/**
 * Partner rewards (IPartnerRewarder) as exact arithmetic, written from the rules in
 * IPartnerRewarder.sol's NatSpec and the README's "Partner rewards", never from PartnerRewarder.sol.
 * The weights are the farm model's own (model.ts): a partner stream knows nothing of its own about
 * stakes, locks or boosts.
 *
 * - A pool carries up to MAX_STREAMS streams, one per token, in the order first funded. `fund` in
 *   block b takes the whole amount at once and starts a stretch at b: it streams `amount` evenly
 *   over blocks b+1 … end. A top-up (the same token again) starts a new stretch at its block with
 *   what the old stretch had not streamed yet plus the new amount, to the new end (never earlier
 *   than the old; the same end raises the rate, a later one extends it). A stream that ended and
 *   was reclaimed (nothing left for its sponsor) may be funded afresh by any sponsor.
 * - Evenly, in wei: by block x a stretch has streamed floor(amount × (x − start) / (end − start)),
 *   all of it from its end on; block x releases the step from x − 1 to x.
 * - Who earns: stakers who acted in the pool after its first stream (deposit, even of 0, withdraw,
 *   lock, exitLock, emergencyWithdraw, or someone's depositFor to them; harvest does not count),
 *   by their farm weight block by block, a lock's boost up to and including its end block (or the
 *   pool's emergency unlock). What a block releases while none of them weighs anything is the
 *   sponsor's, reclaimable once the stream has ended.
 * - Rounding (the contract's NatSpec and comments state it; the model follows it to the wei):
 *   per stream, what one unit of weight has earned, `acc`, counts in 1e-36 wei; it grows when the
 *   pool is caught up, by floor(released × 1e36 / total weight) for each run of blocks of constant
 *   total weight since the last catch-up (a run ends where a boost ends). The pool is caught up at
 *   every call to the rewarder that names it (a staker's action reported by the farm, an emergency
 *   unlock, fund, reclaim, claim). A staker settles at its actions: for each run of its own
 *   constant weight since it last settled (two when its boost ended in between, split at the end),
 *   floor(weight × (acc at the run's end − acc at its start) / 1e36); plus what it was owed.
 * - Payment: with every reported action (to the staker, who is where the farm's reward goes in
 *   these campaigns) and by `claim`; it stays owed where the token's transfer fails (reverts,
 *   returns false, runs out of gas, re-enters), while the farm is paused, and at emergencyWithdraw.
 */
import type { FarmModel } from "./model.js";

export const MAX_STREAMS = 4;
export const ACC_SCALE = 10n ** 36n;

export interface PartnerStream {
  token: string;
  sponsor: string;
  /** The current stretch: `amount` over blocks start+1 … end. */
  start: bigint;
  end: bigint;
  amount: bigint;
  /** 1e-36 wei per unit of weight, earned since the stream began. */
  acc: bigint;
  /** Released while nobody weighed anything, not yet reclaimed. */
  unclaimed: bigint;
  /** What every stretch released while someone weighed something (stakers' earnings before rounding down). */
  releasedToStakers: bigint;
  /** Funded, paid to stakers, reclaimed by the sponsor over the stream's life. */
  funded: bigint;
  paid: bigint;
  reclaimed: bigint;
}

interface Member {
  /** acc of each stream when the member last settled (0 for a stream funded since). */
  accPaid: bigint[];
  owed: bigint[];
  /** The block of the member's last settlement. */
  settledAt: bigint;
}

interface PartnerPool {
  streams: PartnerStream[];
  /** The pool is caught up through this block. */
  caughtUp: bigint;
  /** Each stream's acc at every block the pool was caught up to, or a run ended at. */
  accAt: Map<bigint, bigint[]>;
  members: Map<string, Member>;
}

/** What a settlement did with one stream's token: paid it, or reported a changed figure owed. */
export interface PartnerPayout {
  kind: "paid" | "owed";
  token: string;
  amount: bigint;
}

/** Why a stream cannot be funded, in the order the rules check them. */
export type FundRefusal =
  | { name: "TooManyStreams" }
  | { name: "StreamSponsoredByOther"; sponsor: string }
  | { name: "EndBlockTooEarly"; earliest: bigint };

export class PartnerModel {
  readonly #farm: FarmModel;
  readonly #pools = new Map<number, PartnerPool>();

  constructor(farm: FarmModel) {
    this.#farm = farm;
  }

  /** The pool has had a stream funded (its stakers' actions are reported from then on). */
  partnered(pid: number): boolean {
    return this.#pools.has(pid);
  }

  /** Pools with partner rewards. */
  get pids(): number[] {
    return [...this.#pools.keys()];
  }

  enrolled(pid: number, user: string): boolean {
    return this.#pools.get(pid)?.members.has(user) ?? false;
  }

  streams(pid: number): readonly PartnerStream[] {
    return this.#pools.get(pid)?.streams ?? [];
  }

  stream(pid: number, token: string): PartnerStream | undefined {
    return this.streams(pid).find((s) => s.token === token);
  }

  /** Every stream of every pool. */
  allStreams(): PartnerStream[] {
    return [...this.#pools.values()].flatMap((pool) => pool.streams);
  }

  /** Where a stretch stands at block x: what it has streamed by then. */
  static streamedBy(stream: Pick<PartnerStream, "start" | "end" | "amount">, x: bigint): bigint {
    if (x <= stream.start) return 0n;
    if (x >= stream.end) return stream.amount;
    return (stream.amount * (x - stream.start)) / (stream.end - stream.start);
  }

  /** What the stream has still to release after the current block. */
  remaining(stream: PartnerStream): bigint {
    return stream.amount - PartnerModel.streamedBy(stream, this.#farm.block);
  }

  /*//////////////////////////////////////////////////////////////
                               WEIGHTS
  //////////////////////////////////////////////////////////////*/

  /** A member's farm weight in block x (the farm model's, boosts to their end). */
  #weightAt(pid: number, user: string, x: bigint): bigint {
    const pool = this.#farm.pool(pid);
    const position = pool.positions.get(user);
    return position === undefined ? 0n : this.#farm.weightAt(pool, position, x);
  }

  #totalAt(pid: number, partner: PartnerPool, x: bigint): bigint {
    let total = 0n;
    for (const user of partner.members.keys()) total += this.#weightAt(pid, user, x);
    return total;
  }

  /** The block a member's boost ends at, if it has one (a lock weighing more than its LP). */
  #boostEnd(pid: number, user: string): bigint | undefined {
    const pool = this.#farm.pool(pid);
    const lock = pool.positions.get(user)?.lock;
    if (lock === undefined) return undefined;
    const end = this.#farm.endOf(pool, lock);
    return this.#weightAt(pid, user, end) !== this.#weightAt(pid, user, end + 1n) ? end : undefined;
  }

  /*//////////////////////////////////////////////////////////////
                              CATCHING UP
  //////////////////////////////////////////////////////////////*/

  /**
   * Where the pool's streams stand at block `to`, without changing anything: every run of constant
   * total weight since the last catch-up shares its release by that weight, or, with nothing
   * weighing, sets it aside for the sponsor. Returns acc at each run's end.
   */
  #catchUp(pid: number, partner: PartnerPool, to: bigint) {
    const acc = partner.streams.map((s) => s.acc);
    const unclaimed = partner.streams.map(() => 0n);
    const toStakers = partner.streams.map(() => 0n);
    const runs = new Map<bigint, bigint[]>();
    const from = partner.caughtUp;
    if (to <= from) return { acc, unclaimed, toStakers, runs };
    const cuts = new Set<bigint>();
    for (const user of partner.members.keys()) {
      const end = this.#boostEnd(pid, user);
      if (end !== undefined && end > from && end < to) cuts.add(end);
    }
    let start = from;
    for (const through of [...[...cuts].sort((a, b) => (a < b ? -1 : 1)), to]) {
      const total = this.#totalAt(pid, partner, through);
      for (const [i, stream] of partner.streams.entries()) {
        const released = PartnerModel.streamedBy(stream, through) - PartnerModel.streamedBy(stream, start);
        if (released === 0n) continue;
        if (total === 0n) unclaimed[i] += released;
        else {
          acc[i] += (released * ACC_SCALE) / total;
          toStakers[i] += released;
        }
      }
      runs.set(through, [...acc]);
      start = through;
    }
    return { acc, unclaimed, toStakers, runs };
  }

  /** Catches the pool up to the current block (a call to the rewarder naming it). */
  #touch(pid: number): PartnerPool {
    const partner = this.#pools.get(pid)!;
    const now = this.#farm.block;
    const { acc, unclaimed, toStakers, runs } = this.#catchUp(pid, partner, now);
    for (const [i, stream] of partner.streams.entries()) {
      stream.acc = acc[i];
      stream.unclaimed += unclaimed[i];
      stream.releasedToStakers += toStakers[i];
    }
    for (const [block, at] of runs) partner.accAt.set(block, at);
    partner.caughtUp = now;
    if (!partner.accAt.has(now)) partner.accAt.set(now, [...acc]);
    return partner;
  }

  /**
   * What `user` earned in each stream since it last settled, with `acc` where the pool stands
   * now and `accAt` where it stood at the end of each run: one run of its own constant weight, or
   * two split at its boost's end, each rounded down.
   */
  #earned(pid: number, partner: PartnerPool, user: string, acc: bigint[], accAt: (block: bigint) => bigint[] | undefined): bigint[] {
    const member = partner.members.get(user);
    if (member === undefined) return acc.map(() => 0n);
    const now = this.#farm.block;
    const end = this.#boostEnd(pid, user);
    const paid = (i: number) => member.accPaid[i] ?? 0n;
    if (end !== undefined && end > member.settledAt && end <= now) {
      const atEnd = accAt(end);
      if (atEnd === undefined) throw new Error(`partner model: no acc recorded at block ${end} in pool ${pid}`);
      const boosted = this.#weightAt(pid, user, end);
      const after = this.#weightAt(pid, user, end + 1n);
      return acc.map((a, i) => {
        const e = atEnd[i] ?? 0n; // a stream funded after the end stood at 0 there
        return (boosted * (e - paid(i))) / ACC_SCALE + (after * (a - e)) / ACC_SCALE;
      });
    }
    const weight = this.#weightAt(pid, user, now);
    return acc.map((a, i) => (weight * (a - paid(i))) / ACC_SCALE);
  }

  /*//////////////////////////////////////////////////////////////
                                ACTIONS
  //////////////////////////////////////////////////////////////*/

  /** Why `sponsor` may not fund `token` on pool `pid` to `end` now (the pool exists; amount > 0). */
  fundRefusal(pid: number, token: string, sponsor: string, end: bigint): FundRefusal | undefined {
    const now = this.#farm.block;
    const streams = this.streams(pid);
    const stream = streams.find((s) => s.token === token);
    if (stream === undefined && streams.length === MAX_STREAMS) return { name: "TooManyStreams" };
    let earliest = now + 1n;
    if (stream !== undefined) {
      if (stream.sponsor !== sponsor && (stream.end > now || this.unclaimedOf(pid, stream) !== 0n)) {
        return { name: "StreamSponsoredByOther", sponsor: stream.sponsor };
      }
      if (stream.end > earliest) earliest = stream.end;
    }
    return end < earliest ? { name: "EndBlockTooEarly", earliest } : undefined;
  }

  /**
   * `sponsor` funds `token` on pool `pid` with `amount` to `end` (fundRefusal said yes). Returns
   * what the new stretch streams.
   */
  fund(pid: number, token: string, sponsor: string, amount: bigint, end: bigint): bigint {
    if (!this.#pools.has(pid)) this.#pools.set(pid, { streams: [], caughtUp: this.#farm.block, accAt: new Map(), members: new Map() });
    const partner = this.#touch(pid);
    const now = this.#farm.block;
    let stream = partner.streams.find((s) => s.token === token);
    if (stream === undefined) {
      stream = { token, sponsor, start: now, end: now, amount: 0n, acc: 0n, unclaimed: 0n, releasedToStakers: 0n, funded: 0n, paid: 0n, reclaimed: 0n };
      partner.streams.push(stream);
    }
    const streaming = stream.amount - PartnerModel.streamedBy(stream, now) + amount;
    Object.assign(stream, { sponsor, start: now, end, amount: streaming, funded: stream.funded + amount });
    return streaming;
  }

  /** What the stream's sponsor could reclaim now (after a catch-up). */
  unclaimedOf(pid: number, stream: PartnerStream): bigint {
    const partner = this.#pools.get(pid)!;
    const i = partner.streams.indexOf(stream);
    return stream.unclaimed + this.#catchUp(pid, partner, this.#farm.block).unclaimed[i];
  }

  /** The sponsor takes back what no stake earned (the stream has ended; the amount is not 0). */
  reclaim(pid: number, token: string): bigint {
    const partner = this.#touch(pid);
    const stream = partner.streams.find((s) => s.token === token)!;
    const amount = stream.unclaimed;
    stream.unclaimed = 0n;
    stream.reclaimed += amount;
    return amount;
  }

  /**
   * A call to the rewarder settling `user` in pool `pid`: the farm reporting its action (before
   * the farm's own books change: the action's weights count from the next block), or its claim.
   * Pays everything it earned and is owed where `pay` and the token's transfer succeeds
   * (`transfers(token)`), else keeps it owed. `enrol`: the action makes it an earner from now on.
   */
  settle(pid: number, user: string, pay: boolean, transfers: (token: string) => boolean, enrol: boolean): PartnerPayout[] {
    if (!this.#pools.has(pid)) return []; // no stream yet: the farm reports nothing
    const partner = this.#touch(pid);
    const now = this.#farm.block;
    const earned = this.#earned(pid, partner, user, partner.streams.map((s) => s.acc), (block) => partner.accAt.get(block));
    let member = partner.members.get(user);
    if (member === undefined) {
      if (!enrol) return [];
      member = { accPaid: [], owed: [], settledAt: now };
      partner.members.set(user, member);
    }
    const payouts: PartnerPayout[] = [];
    for (const [i, stream] of partner.streams.entries()) {
      const wasOwed = member.owed[i] ?? 0n;
      const amount = earned[i] + wasOwed;
      member.accPaid[i] = stream.acc;
      if (amount === 0n) continue;
      if (pay && transfers(stream.token)) {
        member.owed[i] = 0n;
        stream.paid += amount;
        payouts.push({ kind: "paid", token: stream.token, amount });
      } else if (amount !== wasOwed) {
        member.owed[i] = amount;
        payouts.push({ kind: "owed", token: stream.token, amount });
      }
    }
    member.settledAt = now;
    return payouts;
  }

  /** The farm's emergency unlock of a pool with partner rewards: the rewarder catches it up here. */
  emergencyUnlock(pid: number): void {
    if (this.#pools.has(pid)) this.#touch(pid);
  }

  /*//////////////////////////////////////////////////////////////
                                 VIEWS
  //////////////////////////////////////////////////////////////*/

  /** What `user` could be paid in each stream of pool `pid` now (earned and owed), streams' order. */
  pending(pid: number, user: string): bigint[] {
    const partner = this.#pools.get(pid);
    if (partner === undefined) return [];
    const now = this.#farm.block;
    const { acc, runs } = this.#catchUp(pid, partner, now);
    const earned = this.#earned(pid, partner, user, acc, (block) => runs.get(block) ?? partner.accAt.get(block));
    const owed = partner.members.get(user)?.owed ?? [];
    return earned.map((e, i) => e + (owed[i] ?? 0n));
  }

  /** Every stream's unclaimed-by-sponsor figure as of now (after a catch-up), streams' order. */
  unclaimedNow(pid: number): bigint[] {
    const partner = this.#pools.get(pid);
    if (partner === undefined) return [];
    const { unclaimed } = this.#catchUp(pid, partner, this.#farm.block);
    return partner.streams.map((s, i) => s.unclaimed + unclaimed[i]);
  }

  /** What every stream has released while someone weighed something, as of now (after a catch-up). */
  releasedToStakersNow(pid: number): bigint[] {
    const partner = this.#pools.get(pid);
    if (partner === undefined) return [];
    const { toStakers } = this.#catchUp(pid, partner, this.#farm.block);
    return partner.streams.map((s, i) => s.releasedToStakers + toStakers[i]);
  }

  /** Every member of the pool. */
  members(pid: number): string[] {
    return [...(this.#pools.get(pid)?.members.keys() ?? [])];
  }
}
