/**
 * Every write, the same way: simulate first (a revert is told before the wallet opens), send,
 * show a pending / confirmed / failed notice, then refresh the farm so balances, allowances,
 * pending rewards and pool figures change without a reload. A rejected signature is not an error;
 * a wallet on another chain than the farm's is refused before it is asked anything.
 */
import { simulateContract, waitForTransactionReceipt, writeContract } from "@wagmi/core";
import { defineStore } from "pinia";
import type { Abi, Address, Hash } from "viem";
import { ref } from "vue";

import { errorSentence, WRONG_NETWORK } from "../lib/errors";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";

export type NoticeStatus = "pending" | "confirmed" | "failed" | "cancelled";

export interface Notice {
  id: number;
  title: string;
  status: NoticeStatus;
  hash?: Hash;
  message?: string;
}

export interface WriteRequest {
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
}

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

  /**
   * True, with a notice saying so, when the wallet is on another chain than the farm shown: then
   * nothing is asked of the wallet, which would sign or send for the wrong chain.
   */
  function refuseOffChain(title: string): boolean {
    if (!farm.wrongNetwork) return false;
    notices.value = [...notices.value, { id: nextId++, title, status: "failed", message: WRONG_NETWORK }];
    return true;
  }

  /** Simulates, sends and waits for one contract call; true when it was mined successfully. */
  async function send(title: string, request: WriteRequest, context?: { decimals?: number; symbol?: string }): Promise<boolean> {
    if (refuseOffChain(title)) return false;
    const config = connection.config!;
    const id = nextId++;
    notices.value = [...notices.value, { id, title, status: "pending", message: "Confirm in your wallet…" }];
    try {
      const { request: simulated } = await simulateContract(config, {
        ...request,
        account: connection.address,
        chainId: farm.chainId,
      } as never);
      const hash = await writeContract(config, simulated as never);
      update(id, { hash, message: "Waiting for the block…" });
      const receipt = await waitForTransactionReceipt(config, { hash, chainId: farm.chainId as never });
      if (receipt.status !== "success") throw new Error("The transaction was reverted.");
      update(id, { status: "confirmed", message: `Confirmed in block ${receipt.blockNumber}.` });
      setTimeout(() => dismiss(id), 8_000);
      return true;
    } catch (error) {
      const sentence = errorSentence(error, context);
      if (sentence === null) {
        update(id, { status: "cancelled", message: "You cancelled it in your wallet; nothing was sent." });
        setTimeout(() => dismiss(id), 5_000);
      } else update(id, { status: "failed", message: sentence });
      return false;
    } finally {
      await farm.refresh();
    }
  }

  /** A failure that happened before any transaction (a refused signature, a check). */
  function report(title: string, error: unknown): void {
    const sentence = errorSentence(error);
    const id = nextId++;
    notices.value = [...notices.value, { id, title, status: sentence === null ? "cancelled" : "failed", message: sentence ?? "You cancelled it in your wallet; nothing was sent." }];
  }

  return { notices, send, report, refuseOffChain, dismiss };
});
