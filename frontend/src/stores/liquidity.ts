/**
 * Adding and removing liquidity through the deployment's Uniswap V2 router, for the pool whose
 * liquidity dialog is open. While open it reads the pair and the user's side of it at every block
 * the farm store reads (chain/liquidity-reads.ts), so the quote follows the reserves. Where a side
 * is WETH the user pays and is paid in ETH (addLiquidityETH / removeLiquidityETH wrap and unwrap).
 *
 * Adding approves each token for exactly the amount offered when the router may not take it yet:
 * the V2 router has no entry that takes a token permit, so a signed permit would still need a
 * transaction of its own. Removing signs the pair's own EIP-2612 permit into the removal
 * (removeLiquidity[ETH]WithPermit: one transaction), and approves exactly the LP where the pair's
 * permit cannot be used on this chain.
 */
import { defineStore } from "pinia";
import { type Address, erc20Abi, isAddressEqual, parseEventLogs, type TransactionReceipt, type TypedDataDomain, zeroAddress } from "viem";
import { computed, ref, shallowRef, watch } from "vue";

import { uniswapV2PairAbi, uniswapV2RouterAbi } from "../chain/abis.generated";
import { type LiquidityState, type LiquidityTarget, readLiquidity, readPermitDomain } from "../chain/liquidity-reads";
import { signPermit } from "../chain/permit";
import { readClient } from "../chain/wagmi";
import { LP_DECIMALS } from "../lib/conventions";
import { errorSentence } from "../lib/errors";
import type { AddQuote, Pair, RemoveQuote, Side, SideIndex } from "../lib/liquidity-plan";
import { routerSideA } from "../lib/liquidity-plan";
import { deadlineAfter } from "../lib/liquidity-settings";
import { approvalTitle, type LiquidityContext, summarizeAdd, summarizeApproval, summarizeRemove, type TokenShown } from "../lib/liquidity-summary";
import { priceOf } from "../lib/prices";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useSettingsStore } from "./settings";
import { useTransactionsStore } from "./transactions";

const other = (side: SideIndex): SideIndex => (side === 0 ? 1 : 0);

export const useLiquidityStore = defineStore("liquidity", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const tx = useTransactionsStore();
  const settings = useSettingsStore();

  /** The pool whose dialog is open. */
  const pid = ref<number>();
  const state = shallowRef<LiquidityState>();
  /** Why the last read failed, as a sentence; cleared by the next good read. */
  const problem = ref<string>();
  /** The LP the last add gave, for the dialog's "Stake n LP" step. */
  const lastAdded = ref<{ pid: number; lp: bigint }>();
  /** The pair's permit domain, when its permit can be signed on this chain. */
  const permitDomain = shallowRef<TypedDataDomain>();
  /** Reads are numbered so an older answer arriving late never replaces a newer one. */
  let requested = 0;
  let shown = 0;

  const meta = computed(() => (pid.value === undefined ? undefined : farm.pairs[pid.value]));
  const pool = computed(() => farm.pools.find((p) => p.pid === pid.value));
  const client = () => readClient(connection.config!, farm.chainId!);
  /** Whose wallet to read: the connected one, unless it is on another chain than the farm. */
  const user = () => (connection.connected && !farm.wrongNetwork ? connection.address : undefined);

  function target(): LiquidityTarget {
    const d = farm.deployment!;
    return { pair: meta.value!, router: d.uniswapV2Router, factory: d.uniswapV2Factory, multicall3: d.multicall3, user: user() };
  }

  /** The side that is WETH (paid in ETH), if any. */
  const ethSide = computed<SideIndex | undefined>(() => {
    const m = meta.value;
    const weth = farm.deployment?.weth;
    if (!m || !weth) return undefined;
    if (isAddressEqual(m.token0, weth)) return 0;
    return isAddressEqual(m.token1, weth) ? 1 : undefined;
  });

  /** Both sides as the user holds them: balances of the tokens, or of ETH for the WETH side. */
  const sides = computed<Pair<Side> | undefined>(() => {
    const m = meta.value;
    if (!m) return undefined;
    const wallet = state.value?.wallet;
    const side = (i: SideIndex): Side => ({
      symbol: i === 0 ? m.symbol0 : m.symbol1,
      decimals: i === 0 ? m.decimals0 : m.decimals1,
      balance: (i === ethSide.value ? wallet?.eth : wallet?.tokens[i]) ?? 0n,
      eth: i === ethSide.value,
    });
    return [side(0), side(1)];
  });

  /** The sides in the order the pool's name gives them (base, then quote: "DAI/WETH"), for display. */
  const order = computed<SideIndex[]>(() => {
    const m = meta.value;
    const base = pool.value?.name.split("/")[0];
    return m && base === m.symbol1 && base !== m.symbol0 ? [1, 0] : [0, 1];
  });

  /** LP the user owns in this pool: in the wallet and staked in the farm. */
  const held = computed(() => (state.value?.wallet?.lp ?? 0n) + (pool.value?.user?.staked ?? 0n));

  async function read(blockNumber?: bigint): Promise<void> {
    if (pid.value === undefined || !farm.deployment || !connection.config) return;
    const ticket = ++requested;
    try {
      const block = blockNumber ?? farm.snapshot?.blockNumber ?? (await client().getBlockNumber({ cacheTime: 0 }));
      const fresh = await readLiquidity(client(), target(), block);
      if (ticket < shown || pid.value === undefined) return;
      shown = ticket;
      state.value = fresh;
      problem.value = undefined;
    } catch (error) {
      if (ticket >= shown) problem.value = errorSentence(error);
    }
  }

  /** Opens pool `target`'s liquidity: reads it now and at every block until `close`. */
  async function open(target: number): Promise<void> {
    pid.value = target;
    state.value = undefined;
    problem.value = undefined;
    lastAdded.value = undefined;
    permitDomain.value = undefined;
    await read();
    const pair = meta.value?.address;
    if (pair) permitDomain.value = await readPermitDomain(client(), pair, farm.chainId!).catch(() => undefined);
  }

  function close(): void {
    pid.value = undefined;
    state.value = undefined;
    lastAdded.value = undefined;
  }

  watch(() => [farm.snapshot?.blockNumber, connection.address, farm.wrongNetwork], () => void read());

  const poolName = () => pool.value?.name ?? `pool ${pid.value}`;
  const tokenOf = (side: SideIndex): Address => (side === 0 ? meta.value!.token0 : meta.value!.token1);
  const router = () => farm.deployment!.uniswapV2Router;

  /** The pool's sides as its notices name them, taken when a transaction is sent (the dialog may close before it is mined). */
  function summaryContext(): LiquidityContext {
    const s = sides.value!;
    const shown = (i: SideIndex): TokenShown => ({ symbol: s[i].eth ? "ETH" : s[i].symbol, decimals: s[i].decimals, priceUsd: priceOf(farm.prices, tokenOf(i)) });
    return { pool: poolName(), sides: [shown(0), shown(1)], order: order.value, lpPriceUsd: pool.value?.lpPrice };
  }

  /** The pair's own events in a receipt: what the pair took or paid (Mint, Burn) and its LP's transfers. */
  const pairEvents = (receipt: TransactionReceipt, pair: Address) =>
    parseEventLogs({ abi: uniswapV2PairAbi, logs: receipt.logs, eventName: ["Mint", "Burn", "Transfer"] }).filter((e) => isAddressEqual(e.address, pair));

  /** The notice of an add: the amounts the pair received, and the LP it minted to `to`. */
  function addSummary(pair: Address, to: Address, context: LiquidityContext) {
    return (receipt: TransactionReceipt): string | undefined => {
      const events = pairEvents(receipt, pair);
      const mint = events.find((e) => e.eventName === "Mint");
      if (mint?.eventName !== "Mint") return undefined;
      const minted = events.reduce((sum, e) => (e.eventName === "Transfer" && isAddressEqual(e.args.from, zeroAddress) && isAddressEqual(e.args.to, to) ? sum + e.args.value : sum), 0n);
      return summarizeAdd([mint.args.amount0, mint.args.amount1], minted, context);
    };
  }

  /** The notice of a removal: the LP the pair burnt, and the amounts it paid out. */
  function removeSummary(pair: Address, context: LiquidityContext) {
    return (receipt: TransactionReceipt): string | undefined => {
      const events = pairEvents(receipt, pair);
      const burn = events.find((e) => e.eventName === "Burn");
      if (burn?.eventName !== "Burn") return undefined;
      const burnt = events.reduce((sum, e) => (e.eventName === "Transfer" && isAddressEqual(e.args.from, pair) && isAddressEqual(e.args.to, zeroAddress) ? sum + e.args.value : sum), 0n);
      return summarizeRemove(burnt, [burn.args.amount0, burn.args.amount1], context);
    };
  }

  /** The notice of an approval: the allowance `token`'s Approval event gave the router. */
  function approvalSummary(token: Address, shown: TokenShown) {
    return (receipt: TransactionReceipt): string | undefined => {
      const approval = parseEventLogs({ abi: erc20Abi, logs: receipt.logs, eventName: "Approval" }).find((e) => isAddressEqual(e.address, token) && isAddressEqual(e.args.spender, router()));
      return approval && summarizeApproval(approval.args.value, shown);
    };
  }

  /**
   * The state at the latest block, for what a transaction must rely on (allowances, nonces): the
   * block number asked afresh, as viem otherwise reuses one for seconds, from before a permit the
   * user has just spent.
   */
  async function latest(): Promise<LiquidityState> {
    return readLiquidity(client(), target(), await client().getBlockNumber({ cacheTime: 0 }));
  }

  /** The deadline a transaction carries: the settings' minutes after the latest block's time. */
  async function deadline(): Promise<bigint> {
    const block = await client().getBlock({ blockTag: "latest" });
    return deadlineAfter(block.timestamp, settings.deadlineMinutes);
  }

  async function lpBalance(): Promise<bigint> {
    return client().readContract({ address: meta.value!.address, abi: uniswapV2PairAbi, functionName: "balanceOf", args: [connection.address!] });
  }

  /** Approves the router for exactly `amount` of `side`'s token, unless it may take that already. */
  async function approveExactly(side: SideIndex, amount: bigint, allowance: bigint): Promise<boolean> {
    if (allowance >= amount) return true;
    const s = sides.value![side];
    const shown = summaryContext().sides[side];
    const summary = approvalSummary(tokenOf(side), { ...shown, symbol: s.symbol });
    return tx.send(approvalTitle(amount, s), { address: tokenOf(side), abi: erc20Abi, functionName: "approve", args: [router(), amount] }, { decimals: s.decimals, symbol: s.symbol }, summary);
  }

  /**
   * Adds the quoted liquidity: approvals first where needed (each its own transaction), then
   * addLiquidity, or addLiquidityETH with the ETH side as the value. True once mined; the LP it
   * gave is kept in `lastAdded` for the next step, staking it.
   */
  async function add(quote: AddQuote): Promise<boolean> {
    const title = `Add liquidity to ${poolName()}`;
    if (tx.refuseOffChain(title)) return false;
    const addedTo = pid.value!;
    const s = sides.value!;
    let before: LiquidityState;
    try {
      before = await latest();
    } catch (error) {
      tx.report(title, error);
      return false;
    }
    for (const side of [0, 1] as const) {
      if (s[side].eth) continue;
      if (!(await approveExactly(side, quote.desired[side], before.wallet!.allowances[side]))) return false;
    }
    let lpBefore: bigint;
    let until: bigint;
    try {
      [lpBefore, until] = await Promise.all([lpBalance(), deadline()]);
    } catch (error) {
      tx.report(title, error);
      return false;
    }
    const to = connection.address!;
    const a = routerSideA(s);
    const b = other(a);
    const { desired, minimums } = quote;
    const summary = addSummary(meta.value!.address, to, summaryContext());
    const sent = ethSide.value === undefined
      ? await tx.send(title, { address: router(), abi: uniswapV2RouterAbi, functionName: "addLiquidity", args: [tokenOf(a), tokenOf(b), desired[a], desired[b], minimums[a], minimums[b], to, until] }, undefined, summary)
      : await tx.send(title, { address: router(), abi: uniswapV2RouterAbi, functionName: "addLiquidityETH", args: [tokenOf(a), desired[a], minimums[a], minimums[b], to, until], value: desired[b] }, undefined, summary);
    if (sent) {
      const lpAfter = await lpBalance().catch(() => lpBefore);
      lastAdded.value = { pid: addedTo, lp: lpAfter - lpBefore };
      await read();
    }
    return sent;
  }

  /** Signs the pair's permit for the router to take `liquidity` LP until `until`. */
  async function signLpPermit(domain: TypedDataDomain, liquidity: bigint, nonce: bigint, until: bigint) {
    return signPermit(connection.config!, domain, { owner: connection.address!, spender: router(), value: liquidity, nonce, deadline: until });
  }

  /**
   * Removes the quoted liquidity in one transaction: with the router's allowance when it has one,
   * else with the pair's permit signed into the call; where the permit cannot be used, approves
   * exactly the LP first. Paid out in ETH where a side is WETH.
   */
  async function remove(quote: RemoveQuote): Promise<boolean> {
    const title = `Remove liquidity from ${poolName()}`;
    if (tx.refuseOffChain(title)) return false;
    const s = sides.value!;
    const to = connection.address!;
    const a = routerSideA(s);
    const b = other(a);
    const { liquidity, minimums } = quote;
    const eth = ethSide.value !== undefined;
    const lpContext = { decimals: LP_DECIMALS, symbol: `${poolName()} LP` };
    let fresh: LiquidityState;
    let until: bigint;
    let permit: { r: `0x${string}`; s: `0x${string}`; v: number } | undefined;
    try {
      [fresh, until] = await Promise.all([latest(), deadline()]);
      const domain = permitDomain.value;
      if (fresh.wallet!.lpAllowance < liquidity && domain) permit = await signLpPermit(domain, liquidity, fresh.wallet!.lpNonce, until);
    } catch (error) {
      tx.report(title, error); // a refused signature, or a node that did not answer: nothing was sent
      return false;
    }
    const call = { address: router(), abi: uniswapV2RouterAbi } as const;
    const pair = meta.value!.address;
    const context = summaryContext();
    const summary = removeSummary(pair, context);
    if (permit) {
      const signed = [false, permit.v, permit.r, permit.s] as const;
      return eth
        ? tx.send(title, { ...call, functionName: "removeLiquidityETHWithPermit", args: [tokenOf(a), liquidity, minimums[a], minimums[b], to, until, ...signed] }, lpContext, summary)
        : tx.send(title, { ...call, functionName: "removeLiquidityWithPermit", args: [tokenOf(a), tokenOf(b), liquidity, minimums[a], minimums[b], to, until, ...signed] }, lpContext, summary);
    }
    if (fresh.wallet!.lpAllowance < liquidity) {
      const approve = { address: pair, abi: uniswapV2PairAbi, functionName: "approve", args: [router(), liquidity] } as const;
      const lpShown = { symbol: `${context.pool} LP`, decimals: LP_DECIMALS, priceUsd: context.lpPriceUsd };
      if (!(await tx.send(approvalTitle(liquidity, lpShown), approve, lpContext, approvalSummary(pair, lpShown)))) return false;
    }
    return eth
      ? tx.send(title, { ...call, functionName: "removeLiquidityETH", args: [tokenOf(a), liquidity, minimums[a], minimums[b], to, until] }, lpContext, summary)
      : tx.send(title, { ...call, functionName: "removeLiquidity", args: [tokenOf(a), tokenOf(b), liquidity, minimums[a], minimums[b], to, until] }, lpContext, summary);
  }

  /** Removing can sign the pair's permit instead of approving. */
  const canPermit = computed(() => permitDomain.value !== undefined);

  return { pid, state, problem, lastAdded, meta, pool, sides, ethSide, order, held, canPermit, open, close, read, add, remove };
});
