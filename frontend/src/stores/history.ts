/**
 * Whether history can be shown: the indexer the deployments file names (chain/deployment.ts),
 * asked for its health now and then, more rarely the longer it stays away (lib/backoff.ts). The
 * history pages load through `client()` and report a request that went unanswered here; when the
 * indexer answers again `ready` comes back and they reload by themselves. The farms page never
 * waits on any of this.
 */
import { defineStore } from "pinia";
import { computed, ref, watch } from "vue";

import { type IndexerClient, indexerClient, IndexerUnreachable } from "../chain/indexer";
import { backoffMs } from "../lib/backoff";
import { type HistoryAvailability, historyStatusSentence } from "../lib/history-status";
import { useFarmStore } from "./farm";

/** How often a healthy indexer is asked for its last block (the pages refresh on a new one). */
const HEALTHY_POLL_MS = 6_000;
/** Backoff limits while it is away or catching up. */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 15_000;

export const useHistoryStore = defineStore("history", () => {
  const farm = useFarmStore();
  const availability = ref<HistoryAvailability>("checking");
  const indexedBlock = ref<number>();
  const retryMs = ref<number>();
  const url = computed(() => farm.deployment?.indexer);
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  let generation = 0;

  const api = computed<IndexerClient | undefined>(() => (url.value ? indexerClient(url.value) : undefined));

  async function check(run = generation): Promise<void> {
    clearTimeout(timer);
    const client = api.value;
    if (!farm.deployment) return void (availability.value = "checking");
    if (!client) return void (availability.value = "none");
    try {
      const health = await client.health(farm.chainId!);
      if (run !== generation) return;
      indexedBlock.value = health.block;
      availability.value = health.ready ? "ready" : "catching-up";
      failures = health.ready ? 0 : failures + 1;
      schedule(run, health.ready ? HEALTHY_POLL_MS : backoffMs(failures, FIRST_RETRY_MS, MAX_RETRY_MS));
    } catch {
      if (run !== generation) return;
      failures++;
      availability.value = "unreachable";
      schedule(run, backoffMs(failures, FIRST_RETRY_MS, MAX_RETRY_MS));
    }
  }

  function schedule(run: number, ms: number): void {
    clearTimeout(timer);
    retryMs.value = availability.value === "ready" ? undefined : ms;
    timer = setTimeout(() => void check(run), ms);
  }

  /** Asks a new deployment's indexer (or learns there is none) from scratch. */
  function restart(): void {
    failures = 0;
    void check(++generation);
  }

  /** Starts following the indexer (the history pages call it; idempotent): the farms page alone never does. */
  function start(): void {
    if (started) return;
    started = true;
    restart();
  }

  // Here, in the store's own scope, not in start(): a watcher made there would belong to the page
  // that called it first, and stop when that page closes.
  watch(() => [farm.deployment, farm.chainId], () => started && restart());

  /**
   * The client, for a page's request; undefined while history is unavailable. Wrap the request in
   * `guard` so a request the indexer leaves unanswered marks it unreachable at once.
   */
  function client(): IndexerClient | undefined {
    return availability.value === "ready" ? api.value : undefined;
  }

  async function guard<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof IndexerUnreachable && availability.value === "ready") {
        availability.value = "unreachable";
        failures = 1;
        schedule(generation, backoffMs(failures, FIRST_RETRY_MS, MAX_RETRY_MS));
      }
      throw error;
    }
  }

  const ready = computed(() => availability.value === "ready");
  const sentence = computed(() =>
    historyStatusSentence({ availability: availability.value, url: url.value, indexedBlock: indexedBlock.value, headBlock: farm.snapshot ? Number(farm.snapshot.blockNumber) : undefined, retryMs: retryMs.value }),
  );

  return { availability, indexedBlock, ready, sentence, url, start, client, guard, check };
});
