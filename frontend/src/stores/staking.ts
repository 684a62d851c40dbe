/**
 * A staker's actions, each by pool id. Staking signs the LP token's EIP-2612 permit and deposits
 * in one transaction (depositWithPermit); when the token has no usable permit it falls back to
 * approve + deposit, and with an allowance already in place it simply deposits. Locking takes LP
 * the same way (lockWithPermit or lock); extending a lock and leaving it early take none.
 */
import { watchAsset } from "@wagmi/core";
import { defineStore } from "pinia";
import { type Address, isAddressEqual, maxUint256, type MulticallResults, type TypedDataDomain } from "viem";

import { farmAbi, uniswapV2PairAbi } from "../chain/abis.generated";
import { signPermit as signInWallet, usablePermitDomain } from "../chain/permit";
import { readClient } from "../chain/wagmi";
import { LP_DECIMALS } from "../lib/conventions";
import { isUserRejection } from "../lib/errors";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useTransactionsStore } from "./transactions";

/** Permits expire 20 minutes (of chain time) after signing. */
const PERMIT_LIFETIME = 1_200n;

type Permit = { deadline: bigint; v: number; r: `0x${string}`; s: `0x${string}` };

/** The two ways a call takes LP from the wallet: with the allowance in place, or with a permit. */
interface LpCalls {
  plain: (title: string) => Promise<boolean>;
  withPermit: (title: string, permit: Permit) => Promise<boolean>;
}

/** A lock's terms as the dialog showed them (lib/locks-choices.ts `LockChoice`). */
export interface LockTermsShown {
  durationBlocks: bigint;
  boostBps: bigint;
  penaltyBps: bigint;
  penaltyRecipient: Address;
}

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

  const client = () => readClient(connection.config!, farm.chainId!);

  /** The calls of a stake state read (`stakeStateOf`), to join a multicall. */
  function stakeStateCalls(token: Address) {
    const owner = connection.address!;
    const pair = { address: token, abi: uniswapV2PairAbi } as const;
    return [
      { ...pair, functionName: "allowance", args: [owner, farmAddress()] },
      { address: farmAddress(), abi: farmAbi, functionName: "paused" },
      { ...pair, functionName: "name" },
      { ...pair, functionName: "DOMAIN_SEPARATOR" },
      { ...pair, functionName: "nonces", args: [owner] },
    ] as const;
  }

  /** The farm's allowance, whether it is paused, and the token's permit domain and nonce, now. */
  async function stakeState(token: Address): Promise<StakeState> {
    return stakeStateOf(token, await client().multicall({ contracts: stakeStateCalls(token), batchSize: 0 }));
  }

  /**
   * A stake state from the answers to `stakeStateCalls` (read just before the wallet is asked: the
   * last block's figures may be stale by the time the user confirms). A pair deployed on another
   * chain id (mainnet pairs seen from a fork) keeps that id in its domain: no usable permit then.
   */
  function stakeStateOf(token: Address, answers: MulticallResults<ReturnType<typeof stakeStateCalls>>): StakeState {
    const [allowance, paused, name, separator, nonce] = answers;
    if (allowance.status !== "success" || paused.status !== "success") throw allowance.error ?? paused.error;
    const domain = nonce.status === "success" ? usablePermitDomain(token, farm.chainId!, name.result, separator.result) : undefined;
    return { allowance: allowance.result, paused: paused.result, domain, nonce: nonce.result ?? 0n };
  }

  /** Signs a permit for `amount` in `domain`; throws a rejection when the user refuses. */
  async function signPermit(domain: TypedDataDomain, nonce: bigint, amount: bigint): Promise<Permit> {
    const deadline = (farm.snapshot?.timestamp ?? BigInt(Math.floor(Date.now() / 1000))) + PERMIT_LIFETIME;
    const message = { owner: connection.address!, spender: farmAddress(), value: amount, nonce, deadline };
    return { deadline, ...(await signInWallet(connection.config!, domain, message)) };
  }

  async function stake(pid: number, amount: bigint): Promise<boolean> {
    const farmCall = { address: farmAddress(), abi: farmAbi } as const;
    return takeLp(pid, amount, `Stake ${poolName(pid)} LP`, {
      plain: (title) => tx.send(title, { ...farmCall, functionName: "deposit", args: [BigInt(pid), amount] }, lpContext(pid)),
      withPermit: (title, p) => tx.send(title, { ...farmCall, functionName: "depositWithPermit", args: [BigInt(pid), amount, p.deadline, p.v, p.r, p.s] }, lpContext(pid)),
    });
  }

  /**
   * Locks `amount` more LP from the wallet in pool `pid` for tier `tier` (0 extends the running
   * lock), restarting the whole lock (IFarmLocks). `expected` is what the dialog showed: the farm's
   * tier and early-exit terms are read again right before the wallet is asked, and a change since
   * (the owner set new tiers or a new penalty) stops it with a sentence instead of locking on
   * terms the user never saw.
   */
  async function lock(pid: number, amount: bigint, tier: number, expected: LockTermsShown): Promise<boolean> {
    const title = amount === 0n ? `Extend your ${poolName(pid)} lock` : `Lock ${poolName(pid)} LP`;
    if (tx.refuseOffChain(title)) return false;
    let current: Awaited<ReturnType<typeof lockState>>;
    try {
      current = await lockState(pid, tier, expected, amount > 0n);
      if (current.changed) {
        tx.report(title, { shortMessage: current.changed }); // said as it is: nothing was sent
        return false;
      }
    } catch (error) {
      tx.report(title, error);
      return false;
    }
    // The lock names the terms version checked just now: the farm refuses it if the owner changes
    // the terms before it is mined (LockTermsChanged), so the user never locks on unseen terms.
    const { version } = current;
    const farmCall = { address: farmAddress(), abi: farmAbi } as const;
    const plain = (sent: string) => tx.send(sent, { ...farmCall, functionName: "lock", args: [BigInt(pid), amount, BigInt(tier), version] }, lpContext(pid));
    // An extension takes no LP: nothing to approve or permit.
    if (amount === 0n) return plain(title);
    return takeLp(pid, amount, title, {
      plain,
      withPermit: (sent, p) => tx.send(sent, { ...farmCall, functionName: "lockWithPermit", args: [BigInt(pid), amount, BigInt(tier), version, p.deadline, p.v, p.r, p.s] }, lpContext(pid)),
    }, current.stake);
  }

  /** Leaves the running lock in pool `pid` now, paying the early-exit penalty in LP. */
  function exitLock(pid: number): Promise<boolean> {
    return tx.send(`Leave your ${poolName(pid)} lock early`, { address: farmAddress(), abi: farmAbi, functionName: "exitLock", args: [BigInt(pid)] }, lpContext(pid));
  }

  /**
   * Before a lock, in one read: the farm's lock terms version now, a sentence if its terms are not
   * those shown, and when the lock takes LP on those terms, what taking it needs (`stakeState`;
   * an extension's read asks for it too, in the same call, and leaves it).
   */
  async function lockState(pid: number, tier: number, expected: LockTermsShown, takesLp: boolean): Promise<{ version: bigint; changed?: string; stake?: StakeState }> {
    const farmCall = { address: farmAddress(), abi: farmAbi } as const;
    const token = lpToken(pid);
    const [tiers, penalty, version, ...stake] = await client().multicall({
      contracts: [
        { ...farmCall, functionName: "lockTiers" },
        { ...farmCall, functionName: "earlyExitPenalty" },
        { ...farmCall, functionName: "lockTermsVersion" },
        ...stakeStateCalls(token),
      ],
      batchSize: 0,
    });
    if (tiers.status !== "success") throw tiers.error;
    if (penalty.status !== "success") throw penalty.error;
    if (version.status !== "success") throw version.error;
    const [durations, boosts] = tiers.result;
    const [penaltyBps, recipient] = penalty.result;
    const same =
      durations[tier] === expected.durationBlocks && boosts[tier] === expected.boostBps &&
      penaltyBps === expected.penaltyBps && isAddressEqual(recipient, expected.penaltyRecipient);
    const changed = same ? undefined : "The farm's lock terms changed since this dialog showed them. Check the new terms and confirm again.";
    return { version: version.result, changed, stake: takesLp && same ? stakeStateOf(token, stake) : undefined };
  }

  /**
   * Takes `amount` LP from the wallet into the farm through `calls`: with the allowance in place
   * (or a paused farm, whose refusal the plain call's simulation puts in words) the plain call;
   * else a signed permit and the permit call in one transaction; a token without a usable permit
   * is approved first. `known` is the stake state when the caller read it already, in its own read.
   */
  async function takeLp(pid: number, amount: bigint, title: string, calls: LpCalls, known?: StakeState): Promise<boolean> {
    if (tx.refuseOffChain(title)) return false;
    let permit: Permit;
    try {
      const state = known ?? (await stakeState(lpToken(pid)));
      // The wallet is not asked to sign a permit that could not be used.
      if (state.allowance >= amount || state.paused) return calls.plain(title);
      if (!state.domain) return approveThen(pid, () => calls.plain(title));
      permit = await signPermit(state.domain, state.nonce, amount);
    } catch (error) {
      tx.report(title, error); // a refused signature, or a node that did not answer: nothing was sent
      return false;
    }
    return calls.withPermit(title, permit);
  }

  async function approveThen(pid: number, then: () => Promise<boolean>): Promise<boolean> {
    const approve = { address: lpToken(pid), abi: uniswapV2PairAbi, functionName: "approve", args: [farmAddress(), maxUint256] } as const;
    return (await tx.send(`Approve ${poolName(pid)} LP for the farm`, approve)) && then();
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

  return { stake, lock, exitLock, unstake, harvest, harvestAll, emergencyWithdraw, addRewardTokenToWallet };
});
