/**
 * The zap (IFarmZap) from the stake and unstake dialogs: zap into a pool from ETH or either of its
 * pair's tokens, zap staked LP out to both tokens or one, and the farm operator approval zap out
 * and compound need (IFarmOperators.setOperator: once, revocable). While a zap form is open it
 * reads the pair and the user's side of it at every block the farm store reads, the zap as the
 * spender of the user's tokens (chain/liquidity-reads.ts), so the quote follows the reserves.
 *
 * Zapping in from a token signs the token's EIP-2612 permit into `zapInWithPermit` where the token
 * has a permit usable on this chain (one transaction), else approves exactly the amount first; ETH
 * is sent with the call. Every write goes through stores/transactions.ts `send`.
 */
import { defineStore } from "pinia";
import { type Address, erc20Abi, isAddressEqual, parseEventLogs, type TransactionReceipt, zeroAddress } from "viem";
import { computed, ref, shallowRef, watch } from "vue";

import { farmAbi } from "../chain/abis.generated";
import { farmEventsIn } from "../chain/farm-events";
import { type LiquidityState, readLiquidity } from "../chain/liquidity-reads";
import { signPermit } from "../chain/permit";
import { readClient } from "../chain/wagmi";
import { readIsOperator, readZapInState } from "../chain/zap-reads";
import { zapCallAbi } from "../chain/zap-calls";
import { zapEventsIn } from "../chain/zap-events";
import { LP_DECIMALS } from "../lib/conventions";
import { errorSentence } from "../lib/errors";
import { formatSignificant, formatTokenAmount, formatUsd } from "../lib/format";
import { deadlineAfter } from "../lib/liquidity-settings";
import { priceOf } from "../lib/prices";
import { summarizeFarmEvents } from "../lib/tx-summary";
import { toDecimalNumber } from "../lib/units";
import type { PairSide, ZapInQuote } from "../lib/zap-in";
import type { ZapOutQuote } from "../lib/zap-out";
import type { ZapOutTarget } from "../lib/zap-plan";
import { summarizeZapEvents, type TokenShown } from "../lib/zap-summary";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useSettingsStore } from "./settings";
import { useTransactionsStore } from "./transactions";

export const useZapStore = defineStore("zap", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const tx = useTransactionsStore();
  const settings = useSettingsStore();

  /** The deployment's zap, if it has one. */
  const address = computed<Address | undefined>(() => farm.deployment?.zap);
  /** The pool whose zap form is open. */
  const pid = ref<number>();
  const state = shallowRef<LiquidityState>();
  const problem = ref<string>();
  /** Whether the user made the zap its farm operator: read on open and after each change, not every block. */
  const operator = ref<boolean>();
  let requested = 0;
  let shown = 0;

  const meta = computed(() => (pid.value === undefined ? undefined : farm.pairs[pid.value]));
  const pool = computed(() => farm.pools.find((p) => p.pid === pid.value));
  const client = () => readClient(connection.config!, farm.chainId!);
  const user = () => (connection.connected && !farm.wrongNetwork ? connection.address : undefined);
  const weth = () => farm.deployment!.weth;

  /** The pair's side that is WETH (zapped from, and out to, as ETH), if any. */
  const ethSide = computed<PairSide | undefined>(() => {
    const m = meta.value;
    if (!m || !farm.deployment) return undefined;
    if (isAddressEqual(m.token0, weth())) return 0;
    return isAddressEqual(m.token1, weth()) ? 1 : undefined;
  });

  async function read(): Promise<void> {
    const m = meta.value;
    const zap = address.value;
    if (!m || !zap || !farm.deployment || !connection.config) return;
    const ticket = ++requested;
    try {
      const block = farm.snapshot?.blockNumber ?? (await client().getBlockNumber({ cacheTime: 0 }));
      const d = farm.deployment;
      const fresh = await readLiquidity(client(), { pair: m, router: zap, factory: d.uniswapV2Factory, multicall3: d.multicall3, user: user() }, block);
      if (ticket < shown || pid.value === undefined) return;
      shown = ticket;
      state.value = fresh;
      problem.value = undefined;
    } catch (error) {
      if (ticket >= shown) problem.value = errorSentence(error);
    }
  }

  async function readOperator(): Promise<void> {
    const who = user();
    const zap = address.value;
    if (!who || !zap || !farm.deployment) {
      operator.value = undefined;
      return;
    }
    try {
      operator.value = await readIsOperator(client(), farm.deployment.farm, who, zap);
    } catch (error) {
      problem.value = errorSentence(error);
    }
  }

  /** Opens pool `target`'s zap form: reads it now and at every block until `close`. */
  async function open(target: number): Promise<void> {
    pid.value = target;
    state.value = undefined;
    problem.value = undefined;
    await Promise.all([read(), readOperator()]);
  }

  function close(): void {
    pid.value = undefined;
    state.value = undefined;
  }

  watch(() => farm.snapshot?.blockNumber, () => void read());
  watch(() => [connection.address, farm.wrongNetwork], () => void Promise.all([read(), readOperator()]));

  const poolName = (p: number) => farm.pools.find((x) => x.pid === p)?.name ?? `pool ${p}`;
  const lpContext = (p: number) => ({ decimals: LP_DECIMALS, symbol: `${poolName(p)} LP` });

  /** The deadline a transaction carries: the settings' minutes after the latest block's time. */
  async function deadline(): Promise<bigint> {
    const block = await client().getBlock({ blockTag: "latest" });
    return deadlineAfter(block.timestamp, settings.deadlineMinutes);
  }

  /** A pair's token as notices name it, with its USD price. */
  function tokenShown(p: number, side: PairSide): TokenShown {
    const m = farm.pairs[p];
    const token = side === 0 ? m.token0 : m.token1;
    return { address: token, symbol: side === 0 ? m.symbol0 : m.symbol1, decimals: side === 0 ? m.decimals0 : m.decimals1, priceUsd: priceOf(farm.prices, token) };
  }

  /** The notice's words for a receipt: the zap's events, and the reward the farm paid or kept on the way. */
  function summarize(receipt: TransactionReceipt): string | undefined {
    const zap = address.value;
    const me = connection.address;
    if (!zap || !me || !farm.deployment) return undefined;
    const zapped = summarizeZapEvents(zapEventsIn(receipt.logs, zap), {
      user: me,
      pool: (p) => ({ name: poolName(p), tokens: [tokenShown(p, 0), tokenShown(p, 1)], lpPriceUsd: farm.pools.find((x) => x.pid === p)?.lpPrice }),
      reward: { address: farm.deployment.rewardToken, ...farm.reward, priceUsd: farm.rewardPrice },
      eth: { address: zeroAddress, symbol: "ETH", decimals: 18, priceUsd: priceOf(farm.prices, weth()) },
      weth: weth(),
    });
    // The reward the farm paid the user on the way (a deposit or withdrawal pays what is pending):
    // minted to it, told by the reward token's Transfer from nowhere; or kept while paused.
    const minted = parseEventLogs({ abi: erc20Abi, logs: receipt.logs, eventName: "Transfer" })
      .filter((t) => isAddressEqual(t.address, farm.deployment!.rewardToken) && t.args.from === zeroAddress && isAddressEqual(t.args.to, me))
      .reduce((sum, t) => sum + t.args.value, 0n);
    const { symbol, decimals } = farm.reward;
    const paid = minted > 0n ? `Your reward of ${formatTokenAmount(minted, decimals)} ${symbol} (${formatUsd(toDecimalNumber(minted, decimals) * farm.rewardPrice)}) was paid too.` : undefined;
    const kept = farmEventsIn(receipt.logs, farm.deployment.farm).filter((e) => e.eventName === "RewardDeferred");
    const deferred = summarizeFarmEvents(kept, { user: me, reward: { ...farm.reward, priceUsd: farm.rewardPrice }, pool: (p) => ({ name: poolName(p) }) });
    return [zapped, paid, deferred].filter(Boolean).join(" ") || undefined;
  }

  /**
   * Zaps `quote.amountIn` of side `side` (ETH when `eth`) into pool `target` and stakes the LP,
   * refusing less than `quote.minLiquidity`. A token is permitted (signed into the call) or, where
   * it has no usable permit, approved for exactly the amount first.
   */
  async function zapIn(target: number, side: PairSide, eth: boolean, quote: ZapInQuote): Promise<boolean> {
    const token = tokenShown(target, side);
    const symbol = eth ? "ETH" : token.symbol;
    const title = `Zap ${formatSignificant(quote.amountIn, token.decimals)} ${symbol} into ${poolName(target)}`;
    if (tx.refuseOffChain(title)) return false;
    const zap = address.value!;
    const call = { address: zap, abi: zapCallAbi } as const;
    const { amountIn, minLiquidity } = quote;
    let until: bigint;
    let allowance = 0n;
    let permit: { v: number; r: `0x${string}`; s: `0x${string}` } | undefined;
    try {
      if (eth) {
        until = await deadline();
      } else {
        // The block's time, the allowance and the token's permit, in one read.
        const owner = connection.address!;
        const read = await readZapInState(client(), { multicall3: farm.deployment!.multicall3, chainId: farm.chainId!, zap, owner, token: token.address });
        until = deadlineAfter(read.timestamp, settings.deadlineMinutes);
        allowance = read.allowance;
        // The wallet is not asked to sign a permit that could not be used.
        if (allowance < amountIn && read.permit) {
          permit = await signPermit(connection.config!, read.permit.domain, { owner, spender: zap, value: amountIn, nonce: read.permit.nonce, deadline: until });
        }
      }
    } catch (error) {
      tx.report(title, error); // a refused signature, or a node that did not answer: nothing was sent
      return false;
    }
    const args = [BigInt(target), eth ? zeroAddress : token.address, amountIn, minLiquidity, until] as const;
    if (eth) return tx.send(title, { ...call, functionName: "zapIn", args, value: amountIn }, lpContext(target), summarize);
    if (permit) return tx.send(title, { ...call, functionName: "zapInWithPermit", args: [...args, permit.v, permit.r, permit.s] }, lpContext(target), summarize);
    if (allowance < amountIn) {
      const approve = { address: token.address, abi: erc20Abi, functionName: "approve", args: [zap, amountIn] } as const;
      if (!(await tx.send(`Approve ${formatSignificant(amountIn, token.decimals)} ${symbol} for the zap`, approve, { decimals: token.decimals, symbol }))) return false;
    }
    return tx.send(title, { ...call, functionName: "zapIn", args }, lpContext(target), summarize);
  }

  /**
   * Unstakes `quote.liquidity` from pool `target` and pays it out to `to`: both tokens, or one
   * side (ETH for the WETH side when `eth`), at least the quote's minimums. The zap must be the
   * user's farm operator (`setOperator`).
   */
  function zapOut(target: number, to: ZapOutTarget, eth: boolean, quote: ZapOutQuote): Promise<boolean> {
    const lp = `${formatSignificant(quote.liquidity, LP_DECIMALS)} ${poolName(target)} LP`;
    const call = { address: address.value!, abi: zapCallAbi } as const;
    return deadline().then(
      (until) => {
        if (to === "both") {
          const [min0, min1] = quote.both.minimums;
          return tx.send(`Zap ${lp} out`, { ...call, functionName: "zapOut", args: [BigInt(target), quote.liquidity, min0, min1, until] }, lpContext(target), summarize);
        }
        const token = tokenShown(target, to);
        const tokenOut = eth ? zeroAddress : token.address;
        const context = { decimals: token.decimals, symbol: eth ? "ETH" : token.symbol };
        return tx.send(`Zap ${lp} out to ${context.symbol}`, { ...call, functionName: "zapOutTo", args: [BigInt(target), quote.liquidity, tokenOut, quote.single[to].minimum, until] }, context, summarize);
      },
      (error: unknown) => {
        tx.report(`Zap ${lp} out`, error);
        return false;
      },
    );
  }

  /** Makes the zap the user's farm operator (`approved`), or revokes it; reads the result back. */
  async function setOperator(approved: boolean): Promise<boolean> {
    const title = approved ? "Allow the zap to unstake and harvest for you" : "Revoke the zap's permission to unstake and harvest for you";
    const said = approved ? "The zap may now unstake and harvest for you, until you revoke it." : "The zap may no longer unstake or harvest for you.";
    const sent = await tx.send(title, { address: farm.deployment!.farm, abi: farmAbi, functionName: "setOperator", args: [address.value!, approved] }, undefined, () => said);
    await readOperator();
    return sent;
  }

  return { address, pid, state, problem, operator, meta, pool, ethSide, open, close, read, readOperator, zapIn, zapOut, setOperator, summarize, deadline };
});
