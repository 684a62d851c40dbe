/**
 * The indexer's HTTP API (README, "Indexer" / "API"), one GET per page, typed by the indexer's own indexer/api-types.ts;
 * and its health: answering, caught up with the chain (`/ready`), the last block it indexed
 * (`/status`). Nothing here is needed by the farms page, which reads the chain alone.
 */
import type { ActionKind, Earnings, FarmTotals, HistoryPage, PoolSeries, Position } from "../../../indexer/api-types";

export type * from "../../../indexer/api-types";

/** A request the indexer does not answer within this long counts as not answering. */
const TIMEOUT_MS = 8_000;

/** The indexer did not answer (down, unreachable, timed out): history is unavailable for now. */
export class IndexerUnreachable extends Error {}

/** It answered with an error: its own sentence (a 400 says what to send) or the HTTP status. */
export class IndexerError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** How the indexer is doing: its last indexed block, and whether it has caught up with the chain. */
export interface IndexerHealth {
  ready: boolean;
  block?: number;
  blockTime?: number;
}

async function request(url: string): Promise<Response> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), cache: "no-store" });
  } catch (error) {
    throw new IndexerUnreachable(`The indexer at ${new URL(url).origin} is not answering (${(error as Error).message}).`);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await request(url);
  const body = (await response.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
  if (!response.ok) throw new IndexerError(body?.error ?? `The indexer answered HTTP ${response.status}.`, response.status);
  return body as T;
}

function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== "");
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : "";
}

/** The client of the indexer at `base` (the deployments file's `indexer`, no trailing slash). */
export function indexerClient(base: string) {
  return {
    base,
    history: (user: string, filter: { pid?: number; kinds?: ActionKind[]; limit?: number; cursor?: string } = {}) =>
      getJson<HistoryPage>(`${base}/api/history/${user}${query({ pid: filter.pid, kind: filter.kinds?.join(","), limit: filter.limit, cursor: filter.cursor })}`),
    earnings: (user: string) => getJson<Earnings>(`${base}/api/earnings/${user}`),
    position: (user: string, pid: number) => getJson<Position>(`${base}/api/position/${user}/${pid}`),
    series: (pid: number, interval: "hour" | "day") => getJson<PoolSeries>(`${base}/api/pools/${pid}/series${query({ interval })}`),
    farm: () => getJson<FarmTotals>(`${base}/api/farm`),
    /** `/ready` (200 once backfilled, 503 before) and `/status` (the last block indexed per chain). */
    async health(chainId: number): Promise<IndexerHealth> {
      const [ready, status] = await Promise.all([request(`${base}/ready`), getJson<Record<string, { id: number; block: { number: number; timestamp: number } }>>(`${base}/status`)]);
      const chain = Object.values(status).find((c) => c.id === chainId);
      return { ready: ready.ok, block: chain?.block.number, blockTime: chain?.block.timestamp };
    },
  };
}

export type IndexerClient = ReturnType<typeof indexerClient>;
