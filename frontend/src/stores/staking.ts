/**
 * A staker's actions. Staking signs the LP token's EIP-2612 permit and deposits in one
 * transaction (depositWithPermit); when the token has no usable permit it falls back to
 * approve + deposit, and with an allowance already in place it simply deposits.
 */
import { getPublicClient, signTypedData } from "@wagmi/core";
import { defineStore } from "pinia";
import { type Address, domainSeparator, maxUint256, parseSignature, type PublicClient } from "viem";

import { farmAbi, uniswapV2PairAbi } from "../chain/abis.generated";
import { errorSentence } from "../lib/errors";
import { useConnectionStore } from "./connection";
import { type PoolView, useFarmStore } from "./farm";
import { useTransactionsStore } from "./transactions";

/** Permits expire 20 minutes (of chain time) after signing. */
const PERMIT_LIFETIME = 1_200n;
const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

type Permit = { deadline: bigint; v: number; r: `0x${string}`; s: `0x${string}` };

export const useStakingStore = defineStore("staking", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const tx = useTransactionsStore();

  const farmContract = () => ({ address: farm.deployment!.farm as Address, abi: farmAbi });
  const lpContext = (pool: PoolView) => ({ decimals: 18, symbol: `${pool.name} LP` });

  /**
   * The permit's domain, if the token has one this chain can satisfy. A pair deployed on another
   * chain id (mainnet pairs seen from a fork) keeps that id in its domain: no usable permit then.
   */
  async function permitDomain(client: PublicClient, token: Address) {
    const [name, separator] = await client.multicall({
      contracts: [
        { address: token, abi: uniswapV2PairAbi, functionName: "name" },
        { address: token, abi: uniswapV2PairAbi, functionName: "DOMAIN_SEPARATOR" },
      ],
      batchSize: 0,
    });
    if (name.status !== "success" || separator.status !== "success") return undefined;
    const domain = { name: name.result, version: "1", chainId: farm.chainId!, verifyingContract: token };
    return domainSeparator({ domain }) === separator.result ? domain : undefined;
  }

  /** Signs a permit for `amount`; undefined when the token has none, "cancelled" when refused. */
  async function signPermit(token: Address, amount: bigint): Promise<Permit | undefined | "cancelled"> {
    const client = getPublicClient(connection.config!, { chainId: farm.chainId as never }) as PublicClient;
    const domain = await permitDomain(client, token);
    if (!domain) return undefined;
    const owner = connection.address!;
    const nonce = await client.readContract({ address: token, abi: uniswapV2PairAbi, functionName: "nonces", args: [owner] });
    const deadline = (farm.snapshot?.timestamp ?? BigInt(Math.floor(Date.now() / 1000))) + PERMIT_LIFETIME;
    try {
      const signature = await signTypedData(connection.config!, {
        account: owner,
        domain,
        types: PERMIT_TYPES,
        primaryType: "Permit",
        message: { owner, spender: farm.deployment!.farm as Address, value: amount, nonce, deadline },
      });
      const { r, s, v, yParity } = parseSignature(signature);
      return { deadline, r, s, v: Number(v ?? BigInt(yParity + 27)) };
    } catch (error) {
      if (errorSentence(error) === null) return "cancelled";
      throw error;
    }
  }

  /**
   * The farm's allowance and whether it is paused, now: the last block's figures may be stale by
   * the time the user confirms.
   */
  async function freshState(token: Address): Promise<{ allowance: bigint; paused: boolean }> {
    const client = getPublicClient(connection.config!, { chainId: farm.chainId as never }) as PublicClient;
    const [allowance, paused] = await client.multicall({
      contracts: [
        { address: token, abi: uniswapV2PairAbi, functionName: "allowance", args: [connection.address!, farm.deployment!.farm as Address] },
        { ...farmContract(), functionName: "paused" },
      ],
      allowFailure: false,
      batchSize: 0,
    });
    return { allowance, paused };
  }

  async function stake(pool: PoolView, amount: bigint): Promise<boolean> {
    const title = `Stake ${pool.name} LP`;
    if (tx.refuseOffChain(title)) return false;
    const deposit = () => tx.send(title, { ...farmContract(), functionName: "deposit", args: [BigInt(pool.pid), amount] }, lpContext(pool));
    let permit: Awaited<ReturnType<typeof signPermit>>;
    try {
      const { allowance, paused } = await freshState(pool.meta.address);
      // A paused farm refuses any deposit: the plain deposit's simulation says so in words, and
      // the wallet is not asked to sign a permit that could not be used.
      if (allowance >= amount || paused) return deposit();
      permit = await signPermit(pool.meta.address, amount);
    } catch (error) {
      tx.report(title, error); // the node did not answer, say: nothing was sent, and the notice says why
      return false;
    }
    if (permit === "cancelled") {
      tx.report(title, { code: 4001 });
      return false;
    }
    if (permit) {
      const args = [BigInt(pool.pid), amount, permit.deadline, permit.v, permit.r, permit.s] as const;
      return tx.send(title, { ...farmContract(), functionName: "depositWithPermit", args }, lpContext(pool));
    }
    const approve = { address: pool.meta.address, abi: uniswapV2PairAbi, functionName: "approve", args: [farm.deployment!.farm, maxUint256] };
    if (!(await tx.send(`Approve ${pool.name} LP for the farm`, approve))) return false;
    return deposit();
  }

  function unstake(pool: PoolView, amount: bigint): Promise<boolean> {
    return tx.send(`Unstake ${pool.name} LP`, { ...farmContract(), functionName: "withdraw", args: [BigInt(pool.pid), amount] }, lpContext(pool));
  }

  function harvest(pool: PoolView): Promise<boolean> {
    return tx.send(`Harvest ${pool.name}`, { ...farmContract(), functionName: "harvest", args: [BigInt(pool.pid)] });
  }

  function harvestAll(pids: number[]): Promise<boolean> {
    return tx.send(`Harvest all (${pids.length} pools)`, { ...farmContract(), functionName: "harvestAll", args: [pids.map(BigInt)] });
  }

  function emergencyWithdraw(pool: PoolView): Promise<boolean> {
    return tx.send(`Emergency withdraw ${pool.name} LP`, { ...farmContract(), functionName: "emergencyWithdraw", args: [BigInt(pool.pid)] }, lpContext(pool));
  }

  return { stake, unstake, harvest, harvestAll, emergencyWithdraw };
});
