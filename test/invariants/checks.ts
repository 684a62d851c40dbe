/**
 * The properties that must hold after every step, comparing what the chain says (one ChainState)
 * with what the model and the ledger say it should be. Each returns the broken properties as
 * sentences; an empty list means all hold.
 */
import { MaxUint256, ZeroAddress } from "ethers";

import type { Ledger } from "./ledger.js";
import type { FarmModel, Settlement } from "./model.js";
import type { PartnerModel } from "./partners.js";
import { Ratio } from "./ratio.js";
import type { ChainState } from "./reader.js";
import type { CampaignStats } from "./stats.js";
import type { InvariantWorld } from "./world.js";

/** INVARIANT_TRACE_PENDING=pid:user prints that position's pending figure at every check (to study a failure). */
const TRACE_PENDING = process.env.INVARIANT_TRACE_PENDING;

/**
 * A payment, a deferral or a pending figure (`what` the farm did with `s.amount`) lies within the
 * bound around what the model says is owed (model.ts, boundOf).
 */
export function checkSettlement(s: Settlement, stats: CampaignStats, what = "paid"): string[] {
  const gap = s.due.minus(s.amount);
  // The README's bound in its plain form: stretches begun by a payment, compared within them.
  stats.gap(gap, s.deferral || s.bound.stretch !== "paid" ? undefined : s.bound.start);
  // The same measure for a staker with a lock (two accounts, a lock's end), against its own window.
  if (!s.deferral && s.bound.stretch === "locked") stats.lockedGap(gap.minus(s.bound.start), s.bound.crossed);
  const said = `pool ${s.pid} ${what} ${s.amount} for ${s.user}`;
  if (gap.lessThan(s.bound.least)) return [`${said}, more than the ${s.due} owed allows (short by ${gap}, at least ${s.bound.least})`];
  if (!gap.lessThan(s.bound.most)) return [`${said}, short of the ${s.due} owed by ${gap} (bound ${s.bound.most})`];
  return [];
}

/** Also takes, for the positions waiting for one, their reference from the chain (see FarmModel.observeReference). */
export function checkState(chain: ChainState, model: FarmModel, ledger: Ledger, world: InvariantWorld, stats: CampaignStats): string[] {
  const broken: string[] = [];
  const expect = (what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected) broken.push(`${what}: chain ${actual}, expected ${expected}`);
  };
  const { users, stakeables } = world;

  // The farm's configuration follows the admin calls that succeeded, and nothing else.
  expect("poolLength", chain.poolLength, BigInt(model.poolCount));
  expect("totalAllocPoint", chain.totalAllocPoint, model.totalAllocPoint);
  expect("rewardPerBlock", chain.rewardPerBlock, model.rewardPerBlock);
  expect("paused", chain.paused, model.paused);
  if (chain.rewardTokenBroken !== undefined) expect("reward token broken", chain.rewardTokenBroken, ledger.rewardTokenBroken);

  // Lock terms for new locks follow the admin calls that succeeded.
  if (chain.terms !== undefined) {
    expect("lockTermsVersion", chain.terms.version, model.termsVersion);
    expect("lockTiers durations", chain.terms.durations.join(), model.tiers.map((t) => t.duration).join());
    expect("lockTiers boosts", chain.terms.boostsBps.join(), model.tiers.map((t) => t.boostBps).join());
    expect("earlyExitPenalty rate", chain.terms.penaltyBps, model.penaltyBps);
    expect("earlyExitPenalty recipient", chain.terms.penaltyRecipient.toLowerCase(), model.penaltyRecipient.toLowerCase());
  }
  if (chain.epochBlocks !== undefined) expect("epochBlocks", chain.epochBlocks, model.epochBlocks);
  for (const [tier, end] of (chain.lockEnds ?? []).entries()) expect(`lockEnd(${tier})`, end, model.lockEndFor(tier));

  // The schedule: what is left of the budget is exactly what the model has not emitted.
  expect("rewardsRemaining", chain.rewardsRemaining, model.remaining);
  if (model.rewardPerBlock === 0n) {
    expect("emissionEndBlock with a zero rate", chain.emissionEndBlock, MaxUint256);
  } else if (model.remaining > 0n && model.totalAllocPoint > 0n) {
    const from = chain.block > world.startBlock ? chain.block : world.startBlock;
    const blocksLeft = (model.remaining + model.rewardPerBlock - 1n) / model.rewardPerBlock;
    expect("emissionEndBlock", chain.emissionEndBlock, from + blocksLeft);
  }

  // LP conservation: per pool, the farm holds exactly what it credited (plus donations, which are
  // credited to no one), and the credits add up to the pool's total stake.
  let pendingOnChain = 0n;
  let pendingInModel = Ratio.ZERO;
  let least = Ratio.ZERO;
  let most = Ratio.ZERO;
  for (const [pid, pool] of chain.pools.entries()) {
    const expected = model.pool(pid);
    const token = stakeables.findIndex((s) => s.address.toLowerCase() === expected.lpToken.toLowerCase());
    expect(`pool ${pid} lpToken`, pool.lpToken.toLowerCase(), expected.lpToken.toLowerCase());
    expect(`pool ${pid} allocPoint`, pool.allocPoint, expected.allocPoint);
    expect(`pool ${pid} totalStaked`, pool.totalStaked, expected.totalStaked);
    expect(`pool ${pid} sum of userInfo amounts`, pool.stakes.reduce((a, b) => a + b, 0n), pool.totalStaked);
    expect(`pool ${pid} LP held by the farm`, pool.farmBalance, expected.totalStaked + ledger.donated[token]);
    // Weights as of this block (those the next block's emission is divided by: a lock that ended at
    // this block or before counts its LP only, whether or not anything brought the pool past its
    // end), and the owner's emergency unlock.
    const shares = model.sharesAt(pid, chain.block + 1n);
    expect(`pool ${pid} poolShares totalShares`, pool.totalShares, shares.total);
    expect(`pool ${pid} poolShares boostShares`, pool.boostShares, shares.boost);
    expect(`pool ${pid} emergencyUnlockBlock`, pool.emergencyUnlockBlock, expected.emergencyUnlockBlock ?? 0n);

    for (const [u, user] of users.entries()) {
      expect(`pool ${pid} userInfo(${u}).amount`, pool.stakes[u], model.stakeOf(pid, user.address));
      const lock = model.lockOf(pid, user.address);
      const chainLock = pool.locks[u];
      if (chainLock !== undefined) {
        expect(`pool ${pid} lockInfo(${u}).amount`, chainLock.amount, lock.amount);
        expect(`pool ${pid} lockInfo(${u}).boostBps`, chainLock.boostBps, lock.boostBps);
        expect(`pool ${pid} lockInfo(${u}).startBlock`, chainLock.startBlock, lock.startBlock);
        expect(`pool ${pid} lockInfo(${u}).endBlock`, chainLock.endBlock, lock.endBlock);
        expect(`pool ${pid} lockInfo(${u}).penaltyBps`, chainLock.penaltyBps, lock.penaltyBps);
        expect(`pool ${pid} lockInfo(${u}).penaltyRecipient`, chainLock.penaltyRecipient.toLowerCase(), (lock.penaltyRecipient ?? ZeroAddress).toLowerCase());
        expect(`pool ${pid} earlyExitPenaltyOf(${u})`, pool.penalties[u], model.penaltyOf(pid, user.address));
      }
      // Pending: within the bound of the exact share. Where the last action left one of a staker's
      // two accounts unseen, what the chain shows now must lie in a wider window and becomes the
      // reference the position is measured from (FarmModel.observeReference).
      const due = model.pendingOf(pid, user.address);
      const observed = model.observationBound(pid, user.address);
      const bound = observed ?? model.boundOf(pid, user.address);
      broken.push(...checkSettlement({ pid, user: `user ${u}`, due, amount: pool.pending[u], bound, deferral: observed !== undefined }, stats, "shows as pending"));
      if (observed !== undefined) model.observeReference(pid, user.address, pool.pending[u]);
      if (TRACE_PENDING === `${pid}:${u}`) console.log(`      block ${chain.block}: pool ${pid} acc ${pool.accRewardPerShare} unshared ${model.unsharedOf(pid)} shares chain ${pool.totalShares}/${pool.boostShares} model ${model.sharesAt(pid, chain.block + 1n).total}; locks ${[...model.pool(pid).positions.entries()].filter(([, p]) => p.lock).map(([a, p]) => `${a.slice(0, 6)}:${p.lock!.amount}@${p.lock!.boostBps}..${model.endOf(model.pool(pid), p.lock!)}`).join(" ")}; unlocked ${[...model.pool(pid).positions.entries()].map(([a, p]) => `${a.slice(0, 6)}:${p.unlocked}`).join(" ")}`);
      if (TRACE_PENDING === `${pid}:${u}`) console.log(`      block ${chain.block}: pool ${pid} user ${u} shows ${pool.pending[u]}, exact ${due}, gap ${due.minus(pool.pending[u])}, window [${bound.least}, ${bound.most})`);
      pendingOnChain += pool.pending[u];
      pendingInModel = pendingInModel.plus(due);
      least = least.plus(bound.least);
      most = most.plus(bound.most);
    }
  }
  for (const [key, balance] of chain.wallets) {
    const [t, u] = key.split(":").map(Number);
    expect(`${stakeables[t].name} in ${u === world.users.length ? "the treasury" : `user ${u}`}'s wallet`, balance, ledger.wallets[t][u]);
  }

  // Reward conservation: every minted wei was paid to a staker as the model recorded; paid plus
  // pending never exceeds what the schedule emitted, and falls short of the stakers' exact due
  // only by rounding dust within the sum of the bounds; the cap is never exceeded.
  let paid = 0n;
  for (const [u, user] of users.entries()) {
    const expected = model.paidTo.get(user.address) ?? 0n;
    if (chain.rewardBalances !== undefined) expect(`reward balance of user ${u}`, chain.rewardBalances[u], expected);
    paid += expected;
  }
  expect("reward token supply (all of it paid to stakers)", chain.rewardSupply, paid);
  if (chain.rewardSupply > world.cap) broken.push(`reward supply ${chain.rewardSupply} above the cap ${world.cap}`);
  if (model.emitted > world.cap) broken.push(`model emitted ${model.emitted} above the cap ${world.cap}`);
  const paidAndPending = chain.rewardSupply + pendingOnChain;
  if (paidAndPending > model.emitted) broken.push(`paid + pending ${paidAndPending} above the ${model.emitted} emitted`);
  const dust = pendingInModel.plus(paid).minus(paidAndPending);
  if (dust.lessThan(least)) broken.push(`paid + pending ${paidAndPending} above what the stakers' exact due ${pendingInModel.plus(paid)} allows (short by ${dust}, at least ${least})`);
  if (!dust.lessThan(most)) broken.push(`paid + pending ${paidAndPending} short of the stakers' exact due by ${dust} (bound ${most})`);

  // The model's own books balance: every emitted wei is paid, owed, forfeited, unowned or not yet shared.
  let unshared = Ratio.ZERO;
  for (let pid = 0; pid < model.poolCount; pid++) if (model.pool(pid).totalStaked === 0n) unshared = unshared.plus(model.unsharedOf(pid));
  const accounted = pendingInModel.plus(paid).plus(model.unowned).plus(model.forfeited).plus(unshared);
  if (accounted.compare(model.emitted) !== 0) broken.push(`model books: ${accounted} accounted for, ${model.emitted} emitted`);
  return broken;
}

/**
 * Partner rewards (IPartnerRewarder), against the partner model (partners.ts), exactly: every
 * stream as `streams` shows it, every staker's pending partner rewards, the rewarder's balance of
 * each token (funded − paid − reclaimed, from the receipts), and the rules' promises: never short
 * (it holds at least everything owed, earned, still to stream and set aside for sponsors) and
 * never paying more than was streamed to stakers.
 */
export function checkPartners(chain: ChainState, partners: PartnerModel, held: bigint[], world: InvariantWorld, stats: CampaignStats): string[] {
  const broken: string[] = [];
  const expect = (what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected) broken.push(`${what}: chain ${actual}, expected ${expected}`);
  };
  const tokenIndex = (address: string) => world.partnerTokens.findIndex((t) => t.address.toLowerCase() === address.toLowerCase());
  const read = new Map(chain.partnerPools.map((pool) => [pool.pid, pool]));
  /** Per partner token: what the rewarder must hold at least. */
  const owedInAll = world.partnerTokens.map(() => 0n);
  for (const pid of partners.pids) {
    const streams = partners.streams(pid);
    const unclaimed = partners.unclaimedNow(pid);
    const released = partners.releasedToStakersNow(pid);
    const shown = read.get(pid);
    if (shown !== undefined) expect(`pool ${pid} partner stream count`, shown.streams.length, streams.length);
    const pendingByStream = streams.map(() => 0n);
    for (const [u, user] of world.users.entries()) {
      const expected = partners.pending(pid, user.address);
      if (shown !== undefined) {
        expect(`pool ${pid} pendingRewards(user ${u})`, shown.pending[u].join(), expected.join());
        stats.partnerComparisons += 1;
      }
      for (const [i, amount] of expected.entries()) pendingByStream[i] += amount;
    }
    for (const [i, stream] of streams.entries()) {
      const what = `pool ${pid} stream ${i}`;
      const view = shown?.streams[i];
      if (view !== undefined) {
        expect(`${what} token`, view.token.toLowerCase(), stream.token.toLowerCase());
        expect(`${what} sponsor`, view.sponsor.toLowerCase(), stream.sponsor.toLowerCase());
        expect(`${what} startBlock`, view.startBlock, stream.start);
        expect(`${what} endBlock`, view.endBlock, stream.end);
        expect(`${what} amount`, view.amount, stream.amount);
        expect(`${what} remaining`, view.remaining, partners.remaining(stream));
        expect(`${what} unclaimedBySponsor`, view.unclaimedBySponsor, unclaimed[i]);
      }
      // Never more paid (and owed, and earned) than the stream released while someone was staked.
      if (stream.paid + pendingByStream[i] > released[i]) {
        broken.push(`${what}: paid ${stream.paid} + pending ${pendingByStream[i]} above the ${released[i]} streamed to stakers`);
      }
      // The stream's own books: funded = reclaimed + still to stream + set aside + released to stakers.
      if (stream.funded - stream.reclaimed !== partners.remaining(stream) + unclaimed[i] + released[i]) broken.push(`${what}: model books do not balance`);
      owedInAll[tokenIndex(stream.token)] += partners.remaining(stream) + unclaimed[i] + pendingByStream[i];
    }
  }
  if (chain.partnerBalances.length > 0) {
    for (const [t, token] of world.partnerTokens.entries()) {
      expect(`rewarder's ${token.name} balance (funded − paid − reclaimed)`, chain.partnerBalances[t], held[t]);
      // Never short: what the pending figures (equal to the chain's where read) and the streams promise.
      if (chain.partnerBalances[t] < owedInAll[t]) broken.push(`rewarder holds ${chain.partnerBalances[t]} ${token.name}, short of the ${owedInAll[t]} owed, earned, to stream or set aside`);
    }
  }
  return broken;
}
