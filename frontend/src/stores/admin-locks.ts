/**
 * The owner's lock settings: the tiers new locks choose from, the early-exit terms they get, and
 * the irreversible emergency unlock of a pool. As with every owner action (stores/admin.ts),
 * nothing is sent straight away: a change is proposed, reviewed against the settings read again
 * at that moment (old → new, what stays as it was), and sent only when the owner confirms.
 */
import { defineStore } from "pinia";
import { computed, ref, shallowRef, watch } from "vue";

import { farmAbi } from "../chain/abis.generated";
import { type LockSettings, readLockSettings } from "../chain/lock-settings";
import { readClient } from "../chain/wagmi";
import { reviewUnlock, type UnlockReview } from "../lib/emergency-unlock-review";
import { errorSentence } from "../lib/errors";
import { type PenaltyReview, type PenaltyTerms, reviewPenalty } from "../lib/lock-penalty-terms";
import type { LockTier } from "../lib/lock-tiers";
import { reviewLockTiers, type TiersReview } from "../lib/lock-tiers-review";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useTransactionsStore } from "./transactions";

export type LockAdminChange =
  | { kind: "tiers"; tiers: LockTier[] }
  | { kind: "penalty"; terms: PenaltyTerms }
  | { kind: "unlock"; pid: number };

/** A change's review, with the block its "now" was read at. */
export type LockAdminReview = { blockNumber: bigint } & (
  | { kind: "tiers"; change: Extract<LockAdminChange, { kind: "tiers" }>; review: TiersReview }
  | { kind: "penalty"; change: Extract<LockAdminChange, { kind: "penalty" }>; review: PenaltyReview }
  | { kind: "unlock"; change: Extract<LockAdminChange, { kind: "unlock" }>; review: UnlockReview; unlockedAt: bigint }
);

export type LockSettingsStatus = "loading" | "ready" | "no-locks" | "failed";

/** The settings are read again after this many blocks (and always before a review and after a change). */
const REREAD_BLOCKS = 10n;

export const useAdminLocksStore = defineStore("admin-locks", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const tx = useTransactionsStore();

  const settings = shallowRef<LockSettings>();
  const status = ref<LockSettingsStatus>("loading");
  const problem = ref<string>();
  let reading: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let readFor: string | undefined;

  /**
   * Reads the settings from the latest block. A read under way may have started before what the
   * caller waits for (a transaction just mined), so one more follows it; callers meanwhile share it.
   */
  function load(): Promise<void> {
    if (!reading) {
      reading = readNow().finally(() => (reading = undefined));
      return reading;
    }
    queued ??= reading.then(() => {
      queued = undefined;
      return load();
    });
    return queued;
  }

  async function readNow(): Promise<void> {
    const d = farm.deployment;
    if (!d || farm.chainId === undefined || !connection.config) return;
    const key = `${farm.chainId}:${d.farm}`;
    if (readFor !== key) settings.value = undefined; // another farm: nothing of the last one holds
    readFor = key;
    try {
      const read = await readLockSettings(readClient(connection.config, farm.chainId), d, farm.pools.length);
      if (readFor !== key) return;
      settings.value = read;
      status.value = read ? "ready" : "no-locks";
      problem.value = undefined;
    } catch (error) {
      status.value = settings.value ? "ready" : "failed";
      problem.value = errorSentence(error);
    }
  }

  /**
   * Reads the settings now and again every few blocks (another owner's tab or a script may change
   * them; a chain reverted to an earlier block is read at once), until the returned stop is called.
   */
  function follow(): () => void {
    void load();
    return watch(
      () => farm.snapshot?.blockNumber,
      (block) => {
        const last = settings.value?.blockNumber;
        if (block !== undefined && (last === undefined || block < last || block - last >= REREAD_BLOCKS)) void load();
      },
    );
  }

  const poolName = (pid: number) => farm.pools.find((p) => p.pid === pid)?.name ?? `pool ${pid}`;

  // ---- Review, then send ----------------------------------------------------------------------

  const proposal = shallowRef<{ change: LockAdminChange; settle: (sent: boolean) => void }>();

  /** The review of the proposed change against the settings as last read. */
  const review = computed<LockAdminReview | undefined>(() => {
    const s = settings.value;
    const current = proposal.value?.change;
    if (!s || !current) return undefined;
    const blockNumber = s.blockNumber;
    switch (current.kind) {
      case "tiers":
        return { kind: "tiers", blockNumber, change: current, review: reviewLockTiers({ before: s.tiers, after: current.tiers, epochBlocks: s.epochBlocks, blockSeconds: farm.blockSeconds }) };
      case "penalty":
        return { kind: "penalty", blockNumber, change: current, review: reviewPenalty(s.penalty, current.terms) };
      case "unlock": {
        const pool = s.pools[current.pid];
        const review = reviewUnlock({ pid: current.pid, name: poolName(current.pid), totalShares: pool?.totalShares ?? 0n, boostShares: pool?.boostShares ?? 0n });
        return { kind: "unlock", blockNumber, change: current, review, unlockedAt: pool?.emergencyUnlockBlock ?? 0n };
      }
    }
  });

  const titleOf = (change: LockAdminChange) =>
    change.kind === "unlock" ? `Emergency unlock ${poolName(change.pid)}` : change.kind === "tiers" ? "Set the lock tiers" : "Set the early-exit penalty";

  /**
   * Opens the review of `change`, once the settings are read again (so "now" is now). Resolves
   * true once the owner confirmed and the transaction was mined, false if they went back or it
   * failed (its notice says why). A wallet on another chain is told so at once.
   */
  async function propose(change: LockAdminChange): Promise<boolean> {
    if (tx.refuseOffChain(titleOf(change))) return false;
    await load();
    if (!settings.value) return false;
    proposal.value?.settle(false);
    return new Promise((settle) => (proposal.value = { change, settle }));
  }

  /** Back to editing: nothing is sent. */
  function back(): void {
    proposal.value?.settle(false);
    proposal.value = undefined;
  }

  /** Sends the change under review (the review closes; its notice follows the transaction). */
  async function confirm(): Promise<void> {
    const current = proposal.value;
    const shown = review.value;
    if (!current || !shown) return;
    proposal.value = undefined;
    const sent = await send(current.change, shown.review.title);
    await load();
    current.settle(sent);
  }

  function send(change: LockAdminChange, title: string): Promise<boolean> {
    const contract = { address: farm.deployment!.farm, abi: farmAbi } as const;
    switch (change.kind) {
      case "tiers":
        return tx.send(title, {
          ...contract,
          functionName: "setLockTiers",
          args: [change.tiers.map((t) => t.durationBlocks), change.tiers.map((t) => t.boostBps)],
        });
      case "penalty":
        return tx.send(title, { ...contract, functionName: "setEarlyExitPenalty", args: [change.terms.penaltyBps, change.terms.recipient] });
      case "unlock":
        return tx.send(title, { ...contract, functionName: "emergencyUnlock", args: [BigInt(change.pid)] });
    }
  }

  return { settings, status, problem, load, follow, review, propose, back, confirm };
});
