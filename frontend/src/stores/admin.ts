/**
 * The owner's actions, and the checks the admin page makes before sending any: an LP address
 * must be a contract, should be a Uniswap V2 pair (its tokens are shown), and must not already
 * have a pool.
 */
import { defineStore } from "pinia";
import { type Address, getAddress, isAddress, isAddressEqual } from "viem";

import { farmAbi } from "../chain/abis.generated";
import { describePairs } from "../chain/pairs";
import { readClient } from "../chain/wagmi";
import type { PairMeta } from "../lib/farm-snapshot";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useTransactionsStore } from "./transactions";

export type LpInspection =
  | { ok: true; address: Address; pair?: PairMeta }
  | { ok: false; reason: string };

export const useAdminStore = defineStore("admin", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const tx = useTransactionsStore();

  const farmContract = () => ({ address: farm.deployment!.farm, abi: farmAbi }) as const;
  const client = () => readClient(connection.config!, farm.chainId!);

  /** What the page says about a pasted LP address before anything is sent. */
  async function inspectLp(input: string): Promise<LpInspection> {
    const text = input.trim();
    if (!isAddress(text, { strict: false })) return { ok: false, reason: "Enter an address: 0x followed by 40 hexadecimal digits." };
    const address = getAddress(text);
    const existing = farm.pairs.findIndex((p) => isAddressEqual(p.address, address));
    if (existing >= 0) return { ok: false, reason: `The farm already has a pool for this LP token (pool ${existing}).` };
    if (farm.deployment && isAddressEqual(address, farm.deployment.rewardToken)) {
      return { ok: false, reason: "That is the reward token: it cannot be staked in its own farm." };
    }
    const code = await client().getCode({ address });
    if (!code || code === "0x") return { ok: false, reason: "There is no contract at this address on this network." };
    const [pair] = await describePairs(client(), [address]);
    return { ok: true, address, pair };
  }

  function addPool(lpToken: Address, allocPoint: bigint): Promise<boolean> {
    return tx.send(`Add a pool for ${lpToken.slice(0, 10)}…`, { ...farmContract(), functionName: "add", args: [allocPoint, lpToken] });
  }

  function setAllocation(pid: number, allocPoint: bigint): Promise<boolean> {
    return tx.send(`Set pool ${pid} to ${allocPoint} allocation points`, { ...farmContract(), functionName: "set", args: [BigInt(pid), allocPoint] });
  }

  function setRewardPerBlock(rewardPerBlock: bigint, label: string): Promise<boolean> {
    return tx.send(`Set the emission to ${label} per block`, { ...farmContract(), functionName: "setRewardPerBlock", args: [rewardPerBlock] });
  }

  function setPaused(paused: boolean): Promise<boolean> {
    return tx.send(paused ? "Pause the farm" : "Unpause the farm", { ...farmContract(), functionName: paused ? "pause" : "unpause", args: [] });
  }

  return { inspectLp, addPool, setAllocation, setRewardPerBlock, setPaused };
});
