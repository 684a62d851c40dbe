/**
 * The farm the pages show: which chain's farm (the wallet's, else a home chain), reading it every
 * block (one lens call, chain/farm-reads.ts; whole or only some pools of a big farm,
 * chain/farm-reader.ts) and recovering when the node stops answering. What it reads becomes
 * figures in lib/pool-view.ts; what it learns once is read by chain/discovery.ts and, for partner
 * tokens, chain/partners.ts.
 */
import { defineStore } from "pinia";
import { type Address, isAddressEqual } from "viem";
import { computed, ref, shallowRef, watch } from "vue";

import { type Deployment, fetchDeployment } from "../chain/deployment";
import { describeNewPools, findPricePairs, readRewardToken, type RewardTokenMeta } from "../chain/discovery";
import { FarmReader, readWholeEveryBlock } from "../chain/farm-reader";
import type { ReadPlan } from "../chain/farm-reads";
import { readBlockTime } from "../chain/block-time";
import { learnPartnerTokens } from "../chain/partners";
import { SwapWindow, type SwapsByPair } from "../chain/swaps";
import { type AppChainId, isAppChain, readClient, type ReadClient } from "../chain/wagmi";
import { type BlockTimeSource, blocksPerDay } from "../lib/block-time";
import type { FarmSnapshot, PairMeta } from "../lib/farm-snapshot";
import type { PartnerTokenMeta } from "../lib/partner-view";
import { emissionFinished, farmTotals, poolViews } from "../lib/pool-view";
import { nextPollMs } from "../lib/poll-pace";
import { priceOf, tokenPricesUsd } from "../lib/prices";
import { useConnectionStore } from "./connection";

export type { PoolView } from "../lib/pool-view";

/** The chains the app looks for a deployment on, in order, when no wallet says otherwise. */
export const HOME_CHAINS: AppChainId[] = [31337, 1];
/** The fee window's swaps are read again every this many blocks. */
const SWAP_REFRESH_BLOCKS = 20n;
const OFFLINE_RETRY_MS = 2_000;
/**
 * A read that has not answered in this many blocks (and at least FROZEN_MIN_MS) means a frozen
 * node: one that keeps the connection open and never answers. The page says so then, instead of
 * showing figures that silently stopped moving until the transport gives up (2 × 8 s); the read
 * itself goes on, and a late answer puts the page back to ready.
 */
const FROZEN_BLOCKS = 3;
const FROZEN_MIN_MS = 5_000;
/** Before the block time is known, and where nothing can tell it. */
const DEFAULT_BLOCK_SECONDS = 12;

export type FarmStatus = "loading" | "ready" | "not-deployed" | "offline";

export const useFarmStore = defineStore("farm", () => {
  const connection = useConnectionStore();
  const chainId = ref<AppChainId>();
  const deployment = shallowRef<Deployment>();
  const snapshot = shallowRef<FarmSnapshot>();
  const status = ref<FarmStatus>("loading");
  const problem = ref<string>();
  /** The nominal block time (lib/block-time.ts): one figure for every APR, date and daily amount. */
  const blockSeconds = ref(DEFAULT_BLOCK_SECONDS);
  const blockTimeSource = ref<BlockTimeSource>("chain");
  const reward = ref<RewardTokenMeta>({ symbol: "", decimals: 18 });
  const pairs = shallowRef<PairMeta[]>([]); // per pid
  const pricePairs = shallowRef<PairMeta[]>([]);
  const swapsByPair = shallowRef<SwapsByPair>(new Map());
  /** Partner tokens' symbols and decimals, learnt once each (chain/partners.ts). */
  const partnerTokens = shallowRef<Map<Address, PartnerTokenMeta>>(new Map());
  let swapWindow = new SwapWindow(SWAP_REFRESH_BLOCKS);
  let reader = new FarmReader();
  /** The pools the page shows: read every block, whatever the farm's size. */
  const shownPids = ref<number[]>([]);
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Reads in a row that found no new block (lib/poll-pace.ts). */
  let staleReads = 0;

  const client = (): ReadClient => readClient(connection.config!, chainId.value!);

  function plan(): ReadPlan {
    const d = deployment.value!;
    return {
      farm: d.farm,
      rewardToken: d.rewardToken,
      pools: pairs.value.map((meta, pid) => ({ pid, meta })),
      pricePairs: pricePairs.value,
      user: connection.chainId === chainId.value ? connection.address : undefined,
    };
  }

  const read = (): Promise<FarmSnapshot> => reader.read(client(), plan(), snapshot.value, shownPids.value);

  /** `read()`, saying "offline" meanwhile if it takes longer than a few blocks. */
  async function readWatched(run: number): Promise<FarmSnapshot> {
    const limitMs = Math.max(FROZEN_MIN_MS, FROZEN_BLOCKS * blockSeconds.value * 1_000);
    const watchdog = setTimeout(() => {
      if (run !== generation) return;
      status.value = "offline";
      problem.value = `The node has not answered for ${limitMs / 1_000} s.`;
    }, limitMs);
    try {
      return await read();
    } finally {
      clearTimeout(watchdog);
    }
  }

  async function tick(run: number): Promise<void> {
    const sentAt = Date.now();
    try {
      let snap = await readWatched(run);
      if (run !== generation) return;
      if (snapshot.value && snap.blockNumber < snapshot.value.blockNumber) snap = await rewound(snap);
      if (snap.poolLength > pairs.value.length) {
        pairs.value = [...pairs.value, ...(await describeNewPools(client(), deployment.value!.farm, pairs.value.length, snap.poolLength))];
        reader.forget();
        snap = await read();
      }
      // A new partner token's price pairs join the read before its figures show: never a "no price" flash.
      const learnt = await learnPartnerTokens(client(), deployment.value!, snap, partnerTokens.value, [...pairs.value, ...pricePairs.value]);
      if (learnt) {
        partnerTokens.value = learnt.tokens;
        pricePairs.value = [...pricePairs.value, ...learnt.pricePairs];
        if (learnt.pricePairs.length > 0) snap = await read();
      }
      const fresh = !snapshot.value || snap.blockNumber !== snapshot.value.blockNumber;
      staleReads = fresh ? 0 : staleReads + 1;
      snapshot.value = snap;
      status.value = "ready";
      problem.value = undefined;
      if (fresh && swapWindow.due(snap.blockNumber)) {
        const window = blocksPerDay(blockSeconds.value);
        swapsByPair.value = await swapWindow.advance(client(), pairs.value.map((p) => p.address), snap.blockNumber, window);
      }
      schedule(run, nextPollMs({ blockSeconds: blockSeconds.value, fresh, misses: staleReads, sinceReadMs: Date.now() - sentAt }));
    } catch (error) {
      if (run !== generation) return;
      status.value = "offline";
      problem.value = (error as Error).message;
      schedule(run, OFFLINE_RETRY_MS);
    }
  }

  /**
   * The chain went back (a tester reverted to a snapshot): pools added since are gone, and a big
   * farm's read between whole reads kept other pools' figures from the later blocks, so it is read
   * whole again. The swap window resets itself (chain/swaps.ts).
   */
  async function rewound(snap: FarmSnapshot): Promise<FarmSnapshot> {
    // The snapshot and the pairs change together, before any await: the page never renders the
    // later chain's pools without their pairs.
    snapshot.value = snap;
    pairs.value = pairs.value.slice(0, snap.poolLength);
    reader.forget();
    return readWholeEveryBlock(pairs.value.length) ? snap : read();
  }

  function schedule(run: number, ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => void tick(run), ms);
  }

  /** Reads now (after a transaction), instead of waiting for the next poll. */
  async function refresh(): Promise<void> {
    if (deployment.value) await tick(generation);
  }

  /** Shows `target`'s farm from scratch; `known` is its deployment when the caller already has it. */
  async function open(target: AppChainId, known?: Deployment): Promise<void> {
    const run = ++generation;
    clearTimeout(timer);
    chainId.value = target;
    snapshot.value = undefined;
    swapsByPair.value = new Map();
    swapWindow = new SwapWindow(SWAP_REFRESH_BLOCKS);
    reader = new FarmReader();
    partnerTokens.value = new Map();
    status.value = "loading";
    try {
      const d = known ?? (await fetchDeployment(target));
      if (run !== generation) return;
      deployment.value = d;
      if (!d) {
        status.value = "not-deployed";
        return;
      }
      pairs.value = d.pools;
      reward.value = await readRewardToken(client(), d.rewardToken);
      pricePairs.value = await findPricePairs(client(), d, d.pools);
      const time = await readBlockTime(client(), target, d.blockSeconds, blockSeconds.value);
      if (run !== generation) return;
      blockSeconds.value = time.seconds;
      blockTimeSource.value = time.source;
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
    const wallet = connection.chainId;
    const walletChain = isAppChain(connection.config!, wallet) ? wallet : undefined;
    for (const candidate of walletChain === undefined ? HOME_CHAINS : [walletChain, ...HOME_CHAINS]) {
      if (candidate === chainId.value && deployment.value) return refresh();
      const found = await fetchDeployment(candidate).catch(() => undefined);
      if (found) return open(candidate, found);
    }
    return open(walletChain ?? HOME_CHAINS[0]);
  }

  watch(() => [connection.chainId, connection.address], () => void follow());

  const prices = computed(() => {
    const d = deployment.value;
    const snap = snapshot.value;
    if (!d || !snap) return new Map<Address, number>();
    return tokenPricesUsd([...snap.pools.map((p) => p.pair), ...snap.pricePairs], d.stablecoin, d.weth);
  });

  const rewardPrice = computed(() => (deployment.value && priceOf(prices.value, deployment.value.rewardToken)) ?? 0);
  const finished = computed(() => !!snapshot.value && emissionFinished(snapshot.value));

  const pools = computed(() => {
    const d = deployment.value;
    const snap = snapshot.value;
    if (!d || !snap) return [];
    return poolViews({
      snapshot: snap,
      pairs: pairs.value,
      prices: prices.value,
      swapsByPair: swapsByPair.value,
      rewardToken: { address: d.rewardToken, decimals: reward.value.decimals },
      blockSeconds: blockSeconds.value,
      quoteTokens: [d.weth, d.stablecoin],
      partnerTokens: partnerTokens.value,
    });
  });

  const totals = computed(() => farmTotals(pools.value, snapshot.value, blockSeconds.value));

  /** A wallet is connected to another chain than the farm's: nothing can be sent from it here. */
  const wrongNetwork = computed(() => connection.connected && chainId.value !== undefined && connection.chainId !== chainId.value);

  const isOwner = computed(() => !!snapshot.value && !!connection.address && isAddressEqual(snapshot.value.owner, connection.address));
  /** The owner, on the farm's network: who may send an owner action from this page. */
  const canAdmin = computed(() => isOwner.value && !wrongNetwork.value);

  return {
    chainId, deployment, snapshot, status, problem, blockSeconds, blockTimeSource, reward, shownPids, pairs, pricePairs, prices, rewardPrice, finished, pools, totals, isOwner, wrongNetwork, canAdmin,
    partnerTokens,
    open, follow, refresh,
  };
});
