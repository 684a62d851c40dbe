/**
 * The farm as the pages see it: one batched read per block (chain/farm-reads.ts) turned into
 * figures people read (prices, TVL, APRs, the user's positions) with the pure math of src/lib.
 * Polls at a fraction of the measured block time so every block is seen with at most two reads;
 * says "offline" when the node stops answering and recovers by itself.
 */
import { getPublicClient } from "@wagmi/core";
import { defineStore } from "pinia";
import { type Address, erc20Abi, getAddress, type PublicClient, zeroAddress } from "viem";
import { computed, ref, shallowRef, watch } from "vue";

import { farmAbi, uniswapV2FactoryAbi } from "../chain/abis.generated";
import { type Deployment, fetchDeployment } from "../chain/deployment";
import { type FarmSnapshot, POOLS_PER_CALL, readFarm, type ReadPlan, readSomePools } from "../chain/farm-reads";
import { describePairs, type PairMeta } from "../chain/pairs";
import { readSwaps, type SwapRecord } from "../chain/swaps";
import { blocksPerYear, feeApr, type RewardApr, rewardApr, swapVolumeUsd, totalApr } from "../lib/apr";
import { type BlockTimeSource, blocksPerDay, LONG_WINDOW_BLOCKS, longWindowSeconds, nominalBlockTime } from "../lib/block-time";
import { lpAmountUsd, lpPriceUsd, reserveUsd, tokenPricesUsd } from "../lib/prices";
import { pairName } from "../lib/pair-name";
import { useConnectionStore } from "./connection";

/** The chains the app looks for a deployment on, in order, when no wallet says otherwise. */
export const HOME_CHAINS = [31337, 1];
const DAY_SECONDS = 86_400;
const SWAP_REFRESH_BLOCKS = 20n;
const OFFLINE_RETRY_MS = 2_000;
/**
 * A farm too big to read in one call (over 400 pools) is read whole every this many blocks, and
 * in between only its shown pools and the user's: the others' figures are at most this old.
 */
const WHOLE_READ_BLOCKS = 10n;
/** The most pools read between whole reads, to stay one call under a node's gas cap. */
const WATCHED_POOLS = 300;

export type FarmStatus = "loading" | "ready" | "not-deployed" | "offline";

export interface PoolView {
  pid: number;
  name: string;
  meta: PairMeta;
  allocPoint: bigint;
  /** Share of the emission, 0..1. */
  share: number;
  totalStaked: bigint;
  lpPrice?: number;
  stakedUsd?: number;
  reward: RewardApr;
  feeApr: number;
  totalApr: number;
  volumeUsd: number;
  reserveUsd?: number;
  live: boolean;
  user?: { wallet: bigint; staked: bigint; pending: bigint; allowance: bigint; walletUsd?: number; stakedUsd?: number };
}

export const useFarmStore = defineStore("farm", () => {
  const connection = useConnectionStore();
  const chainId = ref<number>();
  const deployment = shallowRef<Deployment>();
  const snapshot = shallowRef<FarmSnapshot>();
  const status = ref<FarmStatus>("loading");
  const problem = ref<string>();
  /** The nominal block time (lib/block-time.ts): one figure for every APR, date and daily amount. */
  const blockSeconds = ref(12);
  const blockTimeSource = ref<BlockTimeSource>("chain");
  const reward = ref({ symbol: "", decimals: 18 });
  const pairs = shallowRef<PairMeta[]>([]); // per pid
  const pricePairs = shallowRef<PairMeta[]>([]);
  const swaps = shallowRef<SwapRecord[]>([]);
  let scannedTo = 0n;
  /** The last whole read of a big farm: its block, and for whom. */
  let lastWhole: { block: bigint; user?: Address } | undefined;
  /** The pools the page shows: read every block, whatever the farm's size. */
  const shownPids = ref<number[]>([]);
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function client(): PublicClient {
    return getPublicClient(connection.config!, { chainId: chainId.value as never }) as PublicClient;
  }

  function plan(): ReadPlan {
    const d = deployment.value!;
    return {
      farm: d.farm as Address,
      rewardToken: d.rewardToken as Address,
      pools: pairs.value.map((meta, pid) => ({ pid, meta })),
      pricePairs: pricePairs.value,
      user: connection.chainId === chainId.value ? connection.address : undefined,
    };
  }

  /** Stablecoin/WETH and reward/WETH, when no pool already prices them. */
  async function findPricePairs(d: Deployment): Promise<PairMeta[]> {
    const factory = { address: d.uniswapV2Factory as Address, abi: uniswapV2FactoryAbi, functionName: "getPair" } as const;
    const found = await client().multicall({
      contracts: [
        { ...factory, args: [d.stablecoin as Address, d.weth as Address] },
        { ...factory, args: [d.rewardToken as Address, d.weth as Address] },
      ],
      batchSize: 0,
    });
    const known = new Set(pairs.value.map((p) => p.address.toLowerCase()));
    const wanted = found
      .map((r) => r.result as Address | undefined)
      .filter((a): a is Address => !!a && a !== zeroAddress && !known.has(a.toLowerCase()));
    return describePairs(client(), wanted);
  }

  async function readRewardToken(d: Deployment): Promise<void> {
    const token = { address: d.rewardToken as Address, abi: erc20Abi } as const;
    const [symbol, decimals] = await client().multicall({
      contracts: [{ ...token, functionName: "symbol" }, { ...token, functionName: "decimals" }],
      batchSize: 0,
    });
    reward.value = { symbol: String(symbol.result ?? "RWD"), decimals: Number(decimals.result ?? 18) };
  }

  /** Pools added since the deployments file was written (by the admin page, say). */
  async function discoverPools(count: number): Promise<void> {
    const farm = { address: deployment.value!.farm as Address, abi: farmAbi } as const;
    const infos = await client().multicall({
      contracts: Array.from({ length: count - pairs.value.length }, (_, i) => ({
        ...farm,
        functionName: "poolInfo",
        args: [BigInt(pairs.value.length + i)],
      }) as const),
      batchSize: 0,
    });
    const lpTokens = infos.map((r) => (r.result as readonly [Address] | undefined)?.[0] ?? zeroAddress);
    const described = await describePairs(client(), lpTokens);
    pairs.value = [...pairs.value, ...lpTokens.map((lp) => described.find((d) => d.address === getAddress(lp)) ?? unknownPair(lp))];
  }

  /** The fee window: the Swap events of the last day of blocks at the nominal block time. */
  async function refreshSwaps(latest: bigint): Promise<void> {
    const window = blocksPerDay(blockSeconds.value);
    const from = scannedTo === 0n ? (latest > window ? latest - window : 0n) : scannedTo + 1n;
    const fresh = await readSwaps(client(), pairs.value.map((p) => p.address), from, latest);
    scannedTo = latest;
    const oldest = latest > window ? latest - window : 0n;
    swaps.value = [...swaps.value, ...fresh].filter((s) => s.blockNumber >= oldest);
  }

  /** The pools a big farm reads between whole reads: those shown, and those the user holds or stakes. */
  function watchedPids(previous: FarmSnapshot): number[] {
    const held = previous.pools.filter((p) => p.user && (p.user.staked > 0n || p.user.wallet > 0n)).map((p) => p.pid);
    return [...new Set([...shownPids.value, ...held])].slice(0, WATCHED_POOLS);
  }

  /** Reads the farm whole, or for a big farm between whole reads, its watched pools only. */
  async function read(): Promise<FarmSnapshot> {
    const readPlan = plan();
    const previous = snapshot.value;
    const between = !!previous && !!lastWhole && lastWhole.user === readPlan.user && previous.blockNumber - lastWhole.block < WHOLE_READ_BLOCKS;
    if (readPlan.pools.length > POOLS_PER_CALL && between) return readSomePools(client(), readPlan, watchedPids(previous!), previous!);
    const snap = await readFarm(client(), readPlan);
    lastWhole = { block: snap.blockNumber, user: readPlan.user };
    return snap;
  }

  async function tick(run: number): Promise<void> {
    try {
      let snap = await read();
      if (run !== generation) return;
      if (snap.poolLength > pairs.value.length) {
        await discoverPools(snap.poolLength);
        lastWhole = undefined;
        snap = await read();
      }
      const fresh = !snapshot.value || snap.blockNumber !== snapshot.value.blockNumber;
      snapshot.value = snap;
      status.value = "ready";
      problem.value = undefined;
      if (fresh && (scannedTo === 0n || snap.blockNumber - scannedTo >= SWAP_REFRESH_BLOCKS)) await refreshSwaps(snap.blockNumber);
      schedule(run, Math.min(15_000, Math.max(1_000, blockSeconds.value * 600)));
    } catch (error) {
      if (run !== generation) return;
      status.value = "offline";
      problem.value = (error as Error).message;
      schedule(run, OFFLINE_RETRY_MS);
    }
  }

  function schedule(run: number, ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => void tick(run), ms);
  }

  /** The nominal block time, or where nothing states one, the average over a long window of blocks. */
  async function settleBlockTime(target: number, d: Deployment): Promise<void> {
    const nominal = nominalBlockTime(target, d.blockSeconds);
    if (nominal) {
      blockSeconds.value = nominal.seconds;
      blockTimeSource.value = nominal.source;
      return;
    }
    const latest = await client().getBlock();
    const earlier = await client().getBlock({ blockNumber: latest.number > LONG_WINDOW_BLOCKS ? latest.number - LONG_WINDOW_BLOCKS : 0n });
    blockSeconds.value = longWindowSeconds(latest, earlier) ?? blockSeconds.value;
    blockTimeSource.value = "measured";
  }

  /** Reads now (after a transaction), instead of waiting for the next poll. */
  async function refresh(): Promise<void> {
    if (deployment.value) await tick(generation);
  }

  /** Shows `target`'s farm from scratch; `known` is its deployment when the caller already has it. */
  async function open(target: number, known?: Deployment): Promise<void> {
    const run = ++generation;
    clearTimeout(timer);
    chainId.value = target;
    snapshot.value = undefined;
    swaps.value = [];
    scannedTo = 0n;
    lastWhole = undefined;
    status.value = "loading";
    try {
      const d = known ?? (await fetchDeployment(target));
      if (run !== generation) return;
      deployment.value = d;
      if (!d) {
        status.value = "not-deployed";
        return;
      }
      // Checksummed once here: swaps and prices are keyed by these addresses on every block.
      pairs.value = d.pools.map((p) => ({ ...p, address: getAddress(p.lpToken) }) as PairMeta);
      await readRewardToken(d);
      pricePairs.value = await findPricePairs(d);
      await settleBlockTime(target, d);
      if (run !== generation) return;
      await tick(run);
    } catch (error) {
      if (run !== generation) return;
      status.value = "offline";
      problem.value = (error as Error).message;
      setTimeout(() => run === generation && void open(target), OFFLINE_RETRY_MS);
    }
  }

  /**
   * The chain to show: the wallet's when the farm is there, else the first home chain that has it.
   * Another account on the same chain needs only a fresh read, not a new start.
   */
  async function follow(): Promise<void> {
    const wanted = connection.chainId;
    for (const candidate of wanted === undefined ? HOME_CHAINS : [wanted, ...HOME_CHAINS]) {
      if (candidate === chainId.value && deployment.value) return refresh();
      const found = await fetchDeployment(candidate).catch(() => undefined);
      if (found) return open(candidate, found);
    }
    return open(wanted ?? HOME_CHAINS[0]);
  }

  watch(() => [connection.chainId, connection.address], () => void follow());

  const prices = computed(() => {
    const d = deployment.value;
    const snap = snapshot.value;
    if (!d || !snap) return new Map<string, number>();
    return tokenPricesUsd([...snap.pools.map((p) => p.pair), ...snap.pricePairs], d.stablecoin, d.weth);
  });

  /** Tokens named last in a pair's name, as traders quote: "RWD/WETH", "WBTC/WETH", "DAI/USDC". */
  const quoteTokens = computed(() => [deployment.value?.weth ?? "", deployment.value?.stablecoin ?? ""]);

  /** The day's swaps grouped by pair once, not filtered again for every pool on every block. */
  const swapsByPair = computed(() => {
    const groups = new Map<Address, SwapRecord[]>(); // checksummed pair addresses
    for (const swap of swaps.value) {
      const group = groups.get(swap.pair);
      if (group) group.push(swap);
      else groups.set(swap.pair, [swap]);
    }
    return groups;
  });

  const rewardPrice = computed(() => prices.value.get(deployment.value?.rewardToken.toLowerCase() ?? "") ?? 0);
  const finished = computed(() => !!snapshot.value && (snapshot.value.rewardsRemaining === 0n || snapshot.value.rewardPerBlock === 0n));

  const pools = computed<PoolView[]>(() => {
    const snap = snapshot.value;
    if (!snap) return [];
    const perYear = blocksPerYear(blockSeconds.value);
    return snap.pools.map((pool) => {
      const meta = pairs.value[pool.pid];
      const lpPrice = lpPriceUsd(pool.pair, prices.value);
      const stakedUsd = lpPrice === undefined ? undefined : lpAmountUsd(pool.totalStaked, lpPrice);
      const reserves = reserveUsd(pool.pair, prices.value);
      const volumeUsd = swapVolumeUsd(swapsByPair.value.get(meta.address) ?? [], pool.pair, prices.value);
      const rewardFigure = rewardApr({
        rewardPerBlock: snap.rewardPerBlock,
        rewardDecimals: reward.value.decimals,
        blocksPerYear: perYear,
        allocPoint: pool.allocPoint,
        totalAllocPoint: snap.totalAllocPoint,
        rewardPriceUsd: rewardPrice.value,
        stakedUsd: stakedUsd ?? 0,
        finished: finished.value,
      });
      const fees = feeApr({ volumeUsd, periodSeconds: DAY_SECONDS, reserveUsd: reserves ?? 0 });
      const user = pool.user && {
        ...pool.user,
        walletUsd: lpPrice === undefined ? undefined : lpAmountUsd(pool.user.wallet, lpPrice),
        stakedUsd: lpPrice === undefined ? undefined : lpAmountUsd(pool.user.staked, lpPrice),
      };
      return {
        pid: pool.pid,
        name: pairName(meta, quoteTokens.value),
        meta,
        allocPoint: pool.allocPoint,
        share: snap.totalAllocPoint === 0n ? 0 : Number(pool.allocPoint) / Number(snap.totalAllocPoint),
        totalStaked: pool.totalStaked,
        lpPrice,
        stakedUsd,
        reward: rewardFigure,
        feeApr: fees,
        totalApr: totalApr(rewardFigure, fees),
        volumeUsd,
        reserveUsd: reserves,
        live: !finished.value && pool.allocPoint > 0n,
        user,
      };
    });
  });

  const totals = computed(() => {
    const list = pools.value;
    const sum = (f: (p: PoolView) => number | undefined) => list.reduce((acc, p) => acc + (f(p) ?? 0), 0);
    const pending = list.reduce((acc, p) => acc + (p.user?.pending ?? 0n), 0n);
    return {
      stakedUsd: sum((p) => p.stakedUsd),
      userStakedUsd: sum((p) => p.user?.stakedUsd),
      pending,
      pendingPids: list.filter((p) => (p.user?.pending ?? 0n) > 0n).map((p) => p.pid),
      emissionPerDay: snapshot.value ? snapshot.value.rewardPerBlock * blocksPerDay(blockSeconds.value) : 0n,
    };
  });

  /** A wallet is connected to another chain than the farm's: nothing can be sent from it here. */
  const wrongNetwork = computed(() => connection.connected && chainId.value !== undefined && connection.chainId !== chainId.value);

  const isOwner = computed(
    () => !!snapshot.value && !!connection.address && snapshot.value.owner.toLowerCase() === connection.address.toLowerCase(),
  );

  return {
    chainId, deployment, snapshot, status, problem, blockSeconds, blockTimeSource, reward, shownPids, pairs, prices, rewardPrice, finished, pools, totals, isOwner, wrongNetwork,
    open, follow, refresh,
  };
});

function unknownPair(address: Address): PairMeta {
  return { address: getAddress(address), token0: zeroAddress, token1: zeroAddress, symbol0: "?", symbol1: "?", decimals0: 18, decimals1: 18 };
}
