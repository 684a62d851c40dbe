/**
 * A staker's actions, each by pool id. Staking signs the LP token's EIP-2612 permit and deposits
 * in one transaction (depositWithPermit); when the token has no usable permit it falls back to
 * approve + deposit, and with an allowance already in place it simply deposits.
 */
import { watchAsset } from "@wagmi/core";
import { defineStore } from "pinia";
import { type Address, domainSeparator, maxUint256, type TypedDataDomain } from "viem";

import { farmAbi, uniswapV2PairAbi } from "../chain/abis.generated";
import { signPermit as signInWallet } from "../chain/permit";
import { readClient } from "../chain/wagmi";
import { LP_DECIMALS } from "../lib/conventions";
import { isUserRejection } from "../lib/errors";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useTransactionsStore } from "./transactions";

/** Permits expire 20 minutes (of chain time) after signing. */
const PERMIT_LIFETIME = 1_200n;

type Permit = { deadline: bigint; v: number; r: `0x${string}`; s: `0x${string}` };

/** What a stake needs to know at the moment it is made, in one read. */
interface StakeState {
  allowance: bigint;
  paused: boolean;
  /** The LP token's permit domain, when this chain can satisfy it. */
  domain?: TypedDataDomain;
  nonce: bigint;
}

export const useStakingStore = defineStore("staking", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const tx = useTransactionsStore();

  const farmAddress = () => farm.deployment!.farm;
  const lpToken = (pid: number) => farm.pairs[pid].address;
  const poolName = (pid: number) => farm.pools.find((p) => p.pid === pid)?.name ?? `pool ${pid}`;
  const lpContext = (pid: number) => ({ decimals: LP_DECIMALS, symbol: `${poolName(pid)} LP` });

  /**
   * The farm's allowance, whether it is paused, and the token's permit domain and nonce, now (the
   * last block's figures may be stale by the time the user confirms). A pair deployed on another
   * chain id (mainnet pairs seen from a fork) keeps that id in its domain: no usable permit then.
   */
  async function stakeState(token: Address): Promise<StakeState> {
    const owner = connection.address!;
    const pair = { address: token, abi: uniswapV2PairAbi } as const;
    const [allowance, paused, name, separator, nonce] = await readClient(connection.config!, farm.chainId!).multicall({
      contracts: [
        { ...pair, functionName: "allowance", args: [owner, farmAddress()] },
        { address: farmAddress(), abi: farmAbi, functionName: "paused" },
        { ...pair, functionName: "name" },
        { ...pair, functionName: "DOMAIN_SEPARATOR" },
        { ...pair, functionName: "nonces", args: [owner] },
      ],
      batchSize: 0,
    });
    if (allowance.status !== "success" || paused.status !== "success") throw allowance.error ?? paused.error;
    const domain = name.status === "success" ? { name: name.result, version: "1", chainId: farm.chainId!, verifyingContract: token } : undefined;
    const usable = domain && separator.status === "success" && nonce.status === "success" && domainSeparator({ domain }) === separator.result;
    return { allowance: allowance.result, paused: paused.result, domain: usable ? domain : undefined, nonce: nonce.result ?? 0n };
  }

  /** Signs a permit for `amount` in `domain`; throws a rejection when the user refuses. */
  async function signPermit(domain: TypedDataDomain, nonce: bigint, amount: bigint): Promise<Permit> {
    const deadline = (farm.snapshot?.timestamp ?? BigInt(Math.floor(Date.now() / 1000))) + PERMIT_LIFETIME;
    const message = { owner: connection.address!, spender: farmAddress(), value: amount, nonce, deadline };
    return { deadline, ...(await signInWallet(connection.config!, domain, message)) };
  }

  async function stake(pid: number, amount: bigint): Promise<boolean> {
    const title = `Stake ${poolName(pid)} LP`;
    if (tx.refuseOffChain(title)) return false;
    const farmCall = { address: farmAddress(), abi: farmAbi } as const;
    const deposit = () => tx.send(title, { ...farmCall, functionName: "deposit", args: [BigInt(pid), amount] }, lpContext(pid));
    let permit: Permit;
    try {
      const state = await stakeState(lpToken(pid));
      // A paused farm refuses any deposit: the plain deposit's simulation says so in words, and
      // the wallet is not asked to sign a permit that could not be used.
      if (state.allowance >= amount || state.paused) return deposit();
      if (!state.domain) return approveThenDeposit(pid, deposit);
      permit = await signPermit(state.domain, state.nonce, amount);
    } catch (error) {
      tx.report(title, error); // a refused signature, or a node that did not answer: nothing was sent
      return false;
    }
    const args = [BigInt(pid), amount, permit.deadline, permit.v, permit.r, permit.s] as const;
    return tx.send(title, { ...farmCall, functionName: "depositWithPermit", args }, lpContext(pid));
  }

  async function approveThenDeposit(pid: number, deposit: () => Promise<boolean>): Promise<boolean> {
    const approve = { address: lpToken(pid), abi: uniswapV2PairAbi, functionName: "approve", args: [farmAddress(), maxUint256] } as const;
    return (await tx.send(`Approve ${poolName(pid)} LP for the farm`, approve)) && deposit();
  }

  function unstake(pid: number, amount: bigint): Promise<boolean> {
    return tx.send(`Unstake ${poolName(pid)} LP`, { address: farmAddress(), abi: farmAbi, functionName: "withdraw", args: [BigInt(pid), amount] }, lpContext(pid));
  }

  function harvest(pid: number): Promise<boolean> {
    return tx.send(`Harvest ${poolName(pid)}`, { address: farmAddress(), abi: farmAbi, functionName: "harvest", args: [BigInt(pid)] });
  }

  function harvestAll(pids: number[]): Promise<boolean> {
    return tx.send(`Harvest all (${pids.length} pools)`, { address: farmAddress(), abi: farmAbi, functionName: "harvestAll", args: [pids.map(BigInt)] });
  }

  function emergencyWithdraw(pid: number): Promise<boolean> {
    return tx.send(`Emergency withdraw ${poolName(pid)} LP`, { address: farmAddress(), abi: farmAbi, functionName: "emergencyWithdraw", args: [BigInt(pid)] }, lpContext(pid));
  }

  /**
   * Asks the wallet to show the reward token (EIP-747 wallet_watchAsset), and says what came of
   * it: done, or the address to add by hand.
   */
  async function addRewardTokenToWallet(): Promise<string> {
    const { symbol, decimals } = farm.reward;
    const address = farm.deployment!.rewardToken;
    const byHand = `Add it in your wallet by hand: ${symbol} is at ${address}, with ${decimals} decimals.`;
    try {
      if (await watchAsset(connection.config!, { type: "ERC20", options: { address, symbol, decimals } })) return `Your wallet now shows ${symbol}.`;
      return `Your wallet did not add ${symbol}. ${byHand}`;
    } catch (error) {
      if (isUserRejection(error)) return `You declined in your wallet. ${byHand}`;
      return `Your wallet cannot add tokens this way. ${byHand}`;
    }
  }

  return { stake, unstake, harvest, harvestAll, emergencyWithdraw, addRewardTokenToWallet };
});
