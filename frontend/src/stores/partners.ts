/**
 * A staker's side of partner rewards: harvest pays every token (a stake made before the pool's
 * first stream is enrolled by a deposit of 0 instead, which the farm reports and `harvest` does
 * not), harvest all pays every pool and enrols those not yet counted, `claim` pays what a failed
 * payment left owed. Which payments failed is read from the rewarder's events when the account
 * changes and after each of the user's transactions, and kept here (`owed`): cards mark those
 * tokens with lib/partner-view.ts `owedTokens`.
 */
import { defineStore } from "pinia";
import { shallowRef, watch } from "vue";

import { farmAbi, partnerRewarderAbi } from "../chain/abis.generated";
import { readOwedPayments } from "../chain/partners";
import { readClient } from "../chain/wagmi";
import type { PoolView } from "../lib/pool-view";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useStakingStore } from "./staking";
import { useTransactionsStore } from "./transactions";

/** The partner tokens of a pool, named for a button: "PTN", "PTN and USDC". */
export function partnerSymbols(pool: PoolView): string {
  const symbols = [...new Set(pool.partners?.rows.map((r) => r.symbol) ?? [])];
  return symbols.length <= 1 ? (symbols[0] ?? "") : `${symbols.slice(0, -1).join(", ")} and ${symbols.at(-1)}`;
}

export const usePartnersStore = defineStore("partners", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const staking = useStakingStore();
  const tx = useTransactionsStore();
  /** Failed partner payments still owed to the user, by lib/partner-view.ts `owedKey`: the farm's chain and the connected account's. */
  const owed = shallowRef<ReadonlySet<string>>(new Set());

  const farmAddress = () => farm.deployment!.farm;
  const poolOf = (pid: number) => farm.pools.find((p) => p.pid === pid);

  /** Harvests pool `pid`: every token, or, for a stake not yet counted for partner rewards, a deposit of 0 that starts it. */
  function harvest(pid: number): Promise<boolean> {
    const pool = poolOf(pid);
    if (!pool?.partners?.needsEnrol) return staking.harvest(pid);
    return tx.send(`Harvest ${pool.name} and start earning ${partnerSymbols(pool)}`, { address: farmAddress(), abi: farmAbi, functionName: "deposit", args: [BigInt(pid), 0n] });
  }

  /**
   * Harvests every pool with something to pay in one transaction, then enrols each stake that
   * earns no partner token yet with a deposit of 0 (one transaction each: `harvestAll` does not
   * count them). True when every transaction went through.
   */
  async function harvestAll(): Promise<boolean> {
    const enrol = new Set(farm.totals.enrolPids);
    const pids = farm.totals.harvestPids.filter((pid) => !enrol.has(pid));
    let ok = pids.length === 0 || (await staking.harvestAll(pids));
    for (const pid of enrol) {
      if (ok && poolOf(pid)) ok = await harvest(pid);
    }
    return ok;
  }

  /** Pays what the user is owed in pool `pid`'s partner tokens, without touching the stake. */
  function claim(pid: number): Promise<boolean> {
    const rewarder = farm.snapshot!.partnerRewarder!;
    const pool = poolOf(pid);
    const what = pool ? `${partnerSymbols(pool)} from ${pool.name}` : `partner rewards from pool #${pid}`;
    return tx.send(`Claim ${what}`, { address: rewarder, abi: partnerRewarderAbi, functionName: "claim", args: [BigInt(pid)] });
  }

  /** Reads which payments to the user failed and stay owed. */
  async function refreshOwed(): Promise<void> {
    const rewarder = farm.snapshot?.partnerRewarder;
    const user = connection.address;
    if (!rewarder || !user || farm.chainId === undefined || connection.chainId !== farm.chainId) {
      owed.value = new Set();
      return;
    }
    try {
      owed.value = await readOwedPayments(readClient(connection.config!, farm.chainId), rewarder, user, 0n);
    } catch {
      // The node did not answer: the banner says so; the owed marks wait for the next refresh.
    }
  }

  // Sources apart, not one array: an array getter is new at every block's snapshot and would fire each time.
  // Another account, chain or rewarder: its marks are not this one's, so none show until read.
  watch([() => connection.address, () => farm.chainId, () => farm.snapshot?.partnerRewarder], () => {
    owed.value = new Set();
    void refreshOwed();
  }, { immediate: true });
  // Each of the user's transactions may have paid or left owed a partner token.
  watch(() => tx.notices.filter((n) => n.status === "confirmed").length, () => void refreshOwed());

  return { owed, harvest, harvestAll, claim, refreshOwed };
});
