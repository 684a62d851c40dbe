/**
 * The testers' toolbar: on a local Hardhat chain only (lib/tester-gate.ts), mine blocks, skip
 * time, get a pool's LP through the router, snapshot and revert. Each action runs alone, says
 * what it is doing while it runs and what it did (or why not) in a sentence after, and has the
 * farm read again at once, so the page shows the new block (or the old one, after a revert).
 */
import { defineStore } from "pinia";
import type { Hex } from "viem";
import { computed, ref, watch } from "vue";

import { identifyNode } from "../chain/node-identity";
import { fundWithLp, mineBlocks, revertToSnapshot, skipTime, takeSnapshot } from "../chain/tester";
import { readClient } from "../chain/wagmi";
import { formatChainTime } from "../lib/chain-time";
import { LP_DECIMALS } from "../lib/conventions";
import { errorSentence } from "../lib/errors";
import { formatNumber, formatSignificant, formatTokenAmount, formatUsd } from "../lib/format";
import { LOCAL_CHAIN_ID, type NodeIdentity, testerToolsAllowed } from "../lib/tester-gate";
import { checkBlockCount, checkFundEth, checkSkip, describeSkip, type TimeUnit } from "../lib/tester-inputs";
import { afterRevert, decodeSnapshots, encodeSnapshots, nextSnapshotName, type SnapshotEntry } from "../lib/tester-snapshots";
import { toDecimalNumber } from "../lib/units";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useTransactionsStore } from "./transactions";

export type TesterAction = "mine" | "skip" | "fund" | "snapshot" | "revert";

export interface TesterOutcome {
  ok: boolean;
  text: string;
}

const blockText = (n: bigint) => formatNumber(Number(n), 0);
const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n, 0)} ${n === 1 ? one : many}`;

export const useTesterStore = defineStore("tester", () => {
  const farm = useFarmStore();
  const connection = useConnectionStore();
  const tx = useTransactionsStore();
  const node = ref<NodeIdentity>();
  const available = computed(() => testerToolsAllowed(farm.chainId, node.value));
  const busy = ref<TesterAction>();
  const progress = ref<string>();
  const outcome = ref<TesterOutcome>();
  const snapshots = ref<SnapshotEntry[]>([]);

  /**
   * The node is asked what it is once per chain the farm is shown on, and only when that is the
   * local chain id and the farm has loaded from it: a real network is never sent a test method,
   * nor even asked.
   */
  let identifiedFor: number | undefined;
  async function identify(chainId: number | undefined, status: string): Promise<void> {
    if (chainId !== identifiedFor) [node.value, identifiedFor] = [undefined, undefined];
    if (chainId !== LOCAL_CHAIN_ID || status !== "ready" || identifiedFor === chainId) return;
    identifiedFor = chainId;
    const identity = await identifyNode(readClient(connection.config!, LOCAL_CHAIN_ID)).catch(() => undefined);
    if (identifiedFor !== chainId) return; // the farm moved to another chain meanwhile
    node.value = identity;
    if (!identity) identifiedFor = undefined; // no answer: ask again when the farm next loads
  }
  watch(() => [farm.chainId, farm.status] as const, ([chainId, status]) => void identify(chainId, status), { immediate: true });

  /** Snapshots are kept per farm (its address) in this tab's session storage. */
  const storageKey = computed(() => farm.deployment && `lp-farm:tester-snapshots:${farm.chainId}:${farm.deployment.farm}`);
  watch(storageKey, (key) => (snapshots.value = key ? decodeSnapshots(sessionStorage.getItem(key)) : []), { immediate: true });
  watch(snapshots, (list) => storageKey.value && sessionStorage.setItem(storageKey.value, encodeSnapshots(list)));

  /** Runs one action at a time: its progress while it runs, its sentence after, and a fresh read of the farm. */
  async function run(action: TesterAction, work: (say: (text: string) => void) => Promise<TesterOutcome | string>): Promise<boolean> {
    if (busy.value || !available.value) return false;
    busy.value = action;
    outcome.value = undefined;
    let result: TesterOutcome;
    try {
      const said = await work((text) => (progress.value = text));
      result = typeof said === "string" ? { ok: true, text: said } : said;
    } catch (error) {
      result = { ok: false, text: errorSentence(error) };
    }
    // The sentence comes with the page's figures of the new block, not before them.
    progress.value = "Reading the farm again…";
    await farm.refresh();
    [outcome.value, progress.value, busy.value] = [result, undefined, undefined];
    return result.ok;
  }

  /** Refuses bad input with its sentence, as the form does, in case the form was bypassed. */
  function refuse(reason: string): false {
    outcome.value = { ok: false, text: reason };
    return false;
  }

  async function mine(input: string): Promise<boolean> {
    const check = checkBlockCount(input);
    if (!check.ok) return refuse(check.reason);
    // Blocks as far apart as the chain's nominal pace, so time moves with them as it would.
    const interval = Math.max(1, Math.round(farm.blockSeconds));
    return run("mine", async (say) => {
      say(`Mining ${plural(check.value, "block")}…`);
      const now = await mineBlocks(check.value, interval);
      return `Mined ${plural(check.value, "block")} (${interval} s apart): now block ${blockText(now.blockNumber)}, ${formatChainTime(now.timestamp)}.`;
    });
  }

  async function skip(input: string, unit: TimeUnit): Promise<boolean> {
    const check = checkSkip(input, unit);
    if (!check.ok) return refuse(check.reason);
    return run("skip", async (say) => {
      say(`Moving the chain's clock ${describeSkip(check.value)} ahead…`);
      const now = await skipTime(check.value);
      return `Moved the clock ${describeSkip(check.value)} ahead and mined a block: block ${blockText(now.blockNumber)} is at ${formatChainTime(now.timestamp)}.`;
    });
  }

  async function fund(pid: number, input: string): Promise<boolean> {
    const check = checkFundEth(input);
    if (!check.ok) return refuse(check.reason);
    const account = connection.address;
    if (!account) return refuse("Connect a wallet first: the LP goes to the connected account.");
    const d = farm.deployment!;
    const pair = farm.pairs[pid];
    const pool = farm.pools.find((p) => p.pid === pid);
    const name = pool?.name ?? `${pair.symbol0}/${pair.symbol1}`;
    return run("fund", async (say) => {
      const result = await fundWithLp({
        account, pair, router: d.uniswapV2Router, factory: d.uniswapV2Factory, weth: d.weth, eth: check.value,
        onStep: (step, steps, what) => say(`Step ${step} of ${steps}: ${what}…`),
      });
      const lp = formatSignificant(result.lp, LP_DECIMALS);
      const usd = pool?.lpPrice ? ` (≈ ${formatUsd(toDecimalNumber(result.lp, LP_DECIMALS) * pool.lpPrice)})` : "";
      const topUp = result.toppedUpFrom === undefined ? "" : ` The node first topped up your ETH from ${formatTokenAmount(result.toppedUpFrom, 18)} (hardhat_setBalance).`;
      return `Added ${lp} ${name} LP to your wallet${usd} for ${formatTokenAmount(check.value, 18)} ETH.${topUp}`;
    });
  }

  async function snapshot(name: string): Promise<boolean> {
    return run("snapshot", async (say) => {
      say("Taking a snapshot…");
      const taken = await takeSnapshot();
      const entry = { ...taken, name: name.trim() || nextSnapshotName(snapshots.value) };
      snapshots.value = [...snapshots.value, entry];
      return `Took "${entry.name}" at block ${blockText(taken.blockNumber)}, ${formatChainTime(taken.timestamp)}.`;
    });
  }

  async function revert(id: Hex): Promise<boolean> {
    const entry = snapshots.value.find((s) => s.id === id);
    if (!entry) return refuse("That snapshot is not in the list any more.");
    return run("revert", async (say) => {
      say(`Reverting to "${entry.name}"…`);
      const later = snapshots.value.filter((s) => BigInt(s.id) > BigInt(id)).length;
      const result = await revertToSnapshot(id);
      snapshots.value = afterRevert(snapshots.value, id);
      if (!result.reverted) {
        return { ok: false, text: `The node no longer has "${entry.name}" (it restarted, or a revert to an earlier snapshot removed it): nothing changed. It is off the list.` };
      }
      // Settled notices ("Confirmed in block 298") may tell of transactions the revert undid.
      for (const notice of tx.notices) if (notice.status !== "pending") tx.dismiss(notice.id);
      const gone = later === 0 ? "" : ` The ${plural(later, "snapshot")} taken after it ${later === 1 ? "is" : "are"} gone too.`;
      return `Reverted to "${entry.name}": now block ${blockText(result.blockNumber)}, ${formatChainTime(result.timestamp)}. A revert uses its snapshot up: take another to come back here again.${gone}`;
    });
  }

  function dismiss(): void {
    outcome.value = undefined;
  }

  return { node, available, busy, progress, outcome, snapshots, mine, skip, fund, snapshot, revert, dismiss };
});
