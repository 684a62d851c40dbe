/**
 * Every write, the same way: simulate first (a revert is told before the wallet opens), send,
 * show a pending / confirmed / failed notice, then refresh the farm so balances, allowances,
 * pending rewards and pool figures change without a reload. A rejected signature is not an error;
 * a wallet on another chain than the farm's is refused before it is asked anything.
 */
import { simulateContract, waitForTransactionReceipt, writeContract } from "@wagmi/core";
import { defineStore } from "pinia";
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt } from "viem";
import { ref } from "vue";

import { explorerUrl } from "../chain/explorer";
import { farmEventsIn } from "../chain/farm-events";
import { CANCELLED_IN_WALLET, errorSentence, isUserRejection, WRONG_NETWORK } from "../lib/errors";
import { summarizeFarmEvents } from "../lib/tx-summary";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";

export type NoticeStatus = "pending" | "confirmed" | "failed" | "cancelled";

export interface Notice {
  id: number;
  title: string;
  status: NoticeStatus;
  hash?: Hash;
  /** The transaction on the chain's block explorer, where it has one. */
  link?: string;
  message?: string;
}

type Mutability = "nonpayable" | "payable";

/**
 * A contract write, checked against its ABI where it is written (function name and arguments),
 * and still a plain request of any ABI for wagmi, which cannot follow generic ABIs through.
 */
export type WriteRequest<abi extends Abi, name extends ContractFunctionName<abi, Mutability>> = {
  address: Address;
  abi: abi;
  functionName: name;
  args: readonly unknown[] & ContractFunctionArgs<abi, Mutability, name>;
  /** Wei sent with a payable call (adding liquidity with ETH). */
  value?: bigint;
};

export const useTransactionsStore = defineStore("transactions", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const notices = ref<Notice[]>([]);
  let nextId = 1;

  function update(id: number, patch: Partial<Notice>): void {
    notices.value = notices.value.map((n) => (n.id === id ? { ...n, ...patch } : n));
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  function add(notice: Omit<Notice, "id">): number {
    const id = nextId++;
    notices.value = [...notices.value, { id, ...notice }];
    return id;
  }

  /**
   * True, with a notice saying so, when the wallet is on another chain than the farm shown: then
   * nothing is asked of the wallet, which would sign or send for the wrong chain.
   */
  function refuseOffChain(title: string): boolean {
    if (!farm.wrongNetwork) return false;
    add({ title, status: "failed", message: WRONG_NETWORK });
    return true;
  }

  /** Simulates, sends and waits for one contract call; true when it was mined successfully. */
  async function send<const abi extends Abi, name extends ContractFunctionName<abi, Mutability>>(
    title: string,
    request: WriteRequest<abi, name>,
    context?: { decimals?: number; symbol?: string },
    /** What the receipt says happened, in the notice's words, in place of the farm's events (a zap's own). */
    summarize?: (receipt: TransactionReceipt) => string | undefined): Promise<boolean> {
    if (refuseOffChain(title)) return false;
    const config = connection.config!;
    const chainId = farm.chainId!;
    const id = add({ title, status: "pending", message: "Checking it with the node…" });
    try {
      const { address, abi, functionName, args, value }: { address: Address; abi: Abi; functionName: string; args: readonly unknown[]; value?: bigint } = request;
      const { request: simulated } = await simulateContract(config, { address, abi, functionName, args, value, account: connection.address, chainId });
      update(id, { message: "Confirm in your wallet…" });
      const hash = await writeContract(config, simulated);
      update(id, { hash, link: explorerUrl(config, chainId, { tx: hash }), message: "Waiting for the block…" });
      const receipt = await waitForTransactionReceipt(config, { hash, chainId });
      if (receipt.status !== "success") throw new Error("The transaction was reverted.");
      update(id, { status: "confirmed", message: confirmation(receipt, summarize) });
      setTimeout(() => dismiss(id), 8_000);
      return true;
    } catch (error) {
      if (isUserRejection(error)) cancelled(id);
      else update(id, { status: "failed", message: errorSentence(error, context) });
      return false;
    } finally {
      await farm.refresh();
    }
  }

  /** What the farm says it did for the user ("Harvested 0.65 RWD ($0.98)."), and the block. */
  function confirmation(receipt: TransactionReceipt, summarize?: (receipt: TransactionReceipt) => string | undefined): string {
    const block = `Block ${receipt.blockNumber.toLocaleString("en-US")}.`;
    const own = summarize?.(receipt);
    if (own) return `${own} ${block}`;
    const farmAddress = farm.deployment?.farm;
    const user = connection.address;
    if (!farmAddress || !user) return `Confirmed. ${block}`;
    const summary = summarizeFarmEvents(farmEventsIn(receipt.logs, farmAddress), {
      user,
      reward: { ...farm.reward, priceUsd: farm.rewardPrice },
      pool: (pid) => {
        const pool = farm.pools.find((p) => p.pid === pid);
        return { name: pool?.name ?? `pool ${pid}`, lpPriceUsd: pool?.lpPrice };
      },
    });
    return `${summary ?? "Confirmed."} ${block}`;
  }

  function cancelled(id: number): void {
    update(id, { status: "cancelled", message: CANCELLED_IN_WALLET });
    setTimeout(() => dismiss(id), 5_000);
  }

  /** A failure, or a rejection in the wallet, that happened before any transaction (a signature, a read). */
  function report(title: string, error: unknown): void {
    const id = add({ title, status: "pending" });
    if (isUserRejection(error)) cancelled(id);
    else update(id, { status: "failed", message: errorSentence(error) });
  }

  return { notices, send, report, refuseOffChain, dismiss };
});
