/**
 * Compounding from the farm summary: the reward pending in every pool, harvested, swapped along
 * the best path of the factory's pairs to a token of the chosen pool's pair, zapped into it and
 * staked, in one zap.compound. While the dialog is open it reads the target pair and the pairs of
 * every candidate path at every block the farm store reads, and quotes each path (lib/compound.ts).
 */
import { defineStore } from "pinia";
import { type Address, isAddressEqual } from "viem";
import { computed, ref, shallowRef, watch } from "vue";

import { type LiquidityState, readLiquidity } from "../chain/liquidity-reads";
import { readClient } from "../chain/wagmi";
import { zapCallAbi } from "../chain/zap-calls";
import { readTradingPairs } from "../chain/zap-reads";
import { bestCompound, candidatePaths, type CompoundQuote, hopsOf, quoteCompound, type TradingPair } from "../lib/compound";
import { LP_DECIMALS } from "../lib/conventions";
import { errorSentence } from "../lib/errors";
import { formatTokenAmount } from "../lib/format";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useSettingsStore } from "./settings";
import { useTransactionsStore } from "./transactions";
import { useZapStore } from "./zap";

/**
 * The gas of a compound before the node can estimate it (the zap not yet allowed), said as "about":
 * measured in frontend/e2e/zap-compound.test.ts, 2 or 3 pools harvested, 322,000 to 345,000 gas
 * into RWD/WETH and 359,000 to 403,000 through WETH into DAI/WETH.
 */
export const COMPOUND_GAS_ASSUMED = 350_000n;

/** A path's pairs as read: one per hop, undefined where the factory has none. */
type PathPairs = { path: Address[]; pairs: (TradingPair | undefined)[] };

export const useCompoundStore = defineStore("compound", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const tx = useTransactionsStore();
  const settings = useSettingsStore();
  const zap = useZapStore();

  const open = ref(false);
  /** The pool the rewards go into. */
  const target = ref<number>();
  const targetState = shallowRef<LiquidityState>();
  const paths = shallowRef<PathPairs[]>([]);
  const problem = ref<string>();
  /** The node's gas price when the dialog opened, for the cost of a compound. */
  const gasPrice = ref<bigint>();
  /** The gas one compound takes: the node's estimate for this one once the zap may act, else COMPOUND_GAS_ASSUMED. */
  const gasUnits = ref<{ units: bigint; estimated: boolean }>({ units: COMPOUND_GAS_ASSUMED, estimated: false });
  let requested = 0;

  const client = () => readClient(connection.config!, farm.chainId!);

  /** The pool holding the reward token in its pair (RWD/WETH), where rewards compound with the fewest swaps. */
  const rewardPool = computed(() => {
    const reward = farm.deployment?.rewardToken;
    return reward === undefined ? undefined : farm.pools.find((p) => isAddressEqual(p.meta.token0, reward) || isAddressEqual(p.meta.token1, reward))?.pid;
  });

  /** Pools with reward pending, harvested by the compound. */
  const pids = computed(() => farm.totals.pendingPids);
  const reward = computed(() => farm.totals.pending);

  async function read(): Promise<void> {
    const d = farm.deployment;
    const pid = target.value;
    if (!open.value || pid === undefined || !d || !connection.config) return;
    const ticket = ++requested;
    try {
      const meta = farm.pairs[pid];
      const block = farm.snapshot?.blockNumber ?? (await client().getBlockNumber({ cacheTime: 0 }));
      const candidates = candidatePaths(d.rewardToken, meta, d.weth);
      const hops = candidates.flatMap(hopsOf);
      const [state, pairs] = await Promise.all([
        readLiquidity(client(), { pair: meta, router: d.uniswapV2Router, factory: d.uniswapV2Factory, multicall3: d.multicall3 }, block),
        hops.length === 0 ? Promise.resolve([]) : readTradingPairs(client(), { factory: d.uniswapV2Factory, multicall3: d.multicall3 }, hops, block),
      ]);
      if (ticket !== requested) return; // a newer read (another target) is under way
      let next = 0;
      paths.value = candidates.map((path) => ({ path, pairs: hopsOf(path).map(() => pairs[next++]) }));
      targetState.value = state;
      problem.value = undefined;
    } catch (error) {
      if (ticket === requested) problem.value = errorSentence(error);
    }
  }

  /** The best path's quote for the reward pending now, at the slippage setting. */
  const quote = computed<CompoundQuote | undefined>(() => {
    const pid = target.value;
    const state = targetState.value;
    if (pid === undefined || !state || reward.value === 0n) return undefined;
    const meta = farm.pairs[pid];
    const targetPair: TradingPair = { ...state.pair, address: meta.address, token0: meta.token0, token1: meta.token1 };
    const quotes = paths.value.map(({ path, pairs }) =>
      pairs.every((p) => p !== undefined) ? quoteCompound({ reward: reward.value, path, pairs: pairs as TradingPair[], target: targetPair, slippageBps: settings.slippageBps }) : undefined,
    );
    return bestCompound(quotes);
  });

  async function show(pid?: number): Promise<void> {
    open.value = true;
    target.value = pid ?? rewardPool.value ?? pids.value[0] ?? farm.pools[0]?.pid;
    targetState.value = undefined;
    paths.value = [];
    gasUnits.value = { units: COMPOUND_GAS_ASSUMED, estimated: false };
    await Promise.all([read(), zap.readOperator(), client().getGasPrice().then((p) => (gasPrice.value = p)).catch(() => undefined)]);
    await estimateGas();
  }

  function choose(pid: number): void {
    target.value = pid;
    targetState.value = undefined;
    paths.value = [];
    void read().then(estimateGas);
  }

  /** The node's estimate for the compound the dialog shows, where it can run (the zap allowed); kept as assumed otherwise. */
  async function estimateGas(): Promise<void> {
    const q = quote.value;
    if (!q || !zap.operator || !zap.address || !connection.address || target.value === undefined) return;
    try {
      const until = await zap.deadline();
      const units = await client().estimateContractGas({
        address: zap.address,
        abi: zapCallAbi,
        functionName: "compound",
        args: [pids.value.map(BigInt), BigInt(target.value), q.path, 0n, until],
        account: connection.address,
      });
      gasUnits.value = { units, estimated: true };
    } catch {
      // A reverting estimate (paused, nothing pending) keeps the assumed figure; the send says why.
    }
  }

  watch(() => zap.operator, (allowed) => allowed && open.value && void estimateGas());

  function hide(): void {
    open.value = false;
  }

  watch(() => farm.snapshot?.blockNumber, () => void read());

  /** Harvests `pids` and stakes the reward as the quote's LP in the target pool: one transaction. */
  async function compound(q: CompoundQuote): Promise<boolean> {
    const pid = target.value!;
    const name = farm.pools.find((p) => p.pid === pid)?.name ?? `pool ${pid}`;
    const title = `Compound ${formatTokenAmount(q.reward, farm.reward.decimals)} ${farm.reward.symbol} into ${name}`;
    let until: bigint;
    try {
      until = await zap.deadline();
    } catch (error) {
      tx.report(title, error);
      return false;
    }
    const args = [pids.value.map(BigInt), BigInt(pid), q.path, q.zap.minLiquidity, until] as const;
    return tx.send(title, { address: zap.address!, abi: zapCallAbi, functionName: "compound", args }, { decimals: LP_DECIMALS, symbol: `${name} LP` }, zap.summarize);
  }

  return { open, target, targetState, paths, problem, gasPrice, gasUnits, rewardPool, pids, reward, quote, show, choose, hide, read, compound };
});
