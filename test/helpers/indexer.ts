/**
 * Reading the indexer in tests: its HTTP API (typed by indexer/api-types.ts), waiting until it
 * has caught up, and a second Ponder process of our own (on Postgres) beside the one `npm start`
 * embeds (on PGlite).
 */
import path from "node:path";

import type { Action, Earnings, FarmTotals, HistoryPage, PoolSeries, Position } from "../../indexer/api-types.js";
import { freePort, Launched } from "../../fixtures/processes.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PONDER_BIN = path.join(ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");

export class IndexerApi {
  constructor(readonly url: string, readonly name: string) {}

  async get<T>(route: string): Promise<T> {
    const response = await fetch(`${this.url}${route}`);
    if (!response.ok) throw new Error(`${this.name} ${route}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** The block the indexer has processed up to. */
  async block(): Promise<number> {
    const status = await this.get<Record<string, { block: { number: number } | null }>>("/status");
    return Object.values(status)[0]?.block?.number ?? 0;
  }

  /** Every action of `user`, newest first, read page by page (`query` adds filters). */
  async history(user: string, query = "", limit = 2): Promise<Action[]> {
    const items: Action[] = [];
    let cursor = "";
    for (;;) {
      const page = await this.get<HistoryPage>(`/api/history/${user}?limit=${limit}${query}${cursor}`);
      items.push(...page.items);
      if (!page.next) return items;
      cursor = `&cursor=${page.next}`;
    }
  }

  earnings(user: string): Promise<Earnings> {
    return this.get(`/api/earnings/${user}`);
  }

  position(user: string, pid: number): Promise<Position> {
    return this.get(`/api/position/${user}/${pid}`);
  }

  series(pid: number, interval: "hour" | "day"): Promise<PoolSeries> {
    return this.get(`/api/pools/${pid}/series?interval=${interval}`);
  }

  farm(): Promise<FarmTotals> {
    return this.get("/api/farm");
  }
}

/** Polls `check` until it returns true; fails after `timeoutMs` with `what` and the last error. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `ponder start` of indexer/ for the farm in `deploymentFile` on `rpcUrl`, with `env` (DATABASE_URL...). */
export async function launchPonder(deploymentFile: string, rpcUrl: string, env: Record<string, string>): Promise<{ process: Launched; api: IndexerApi }> {
  const port = await freePort();
  const launched = new Launched(
    process.execPath,
    [PONDER_BIN, "start", "--hostname", "127.0.0.1", "--log-format", "json"],
    // Ponder serves on PORT when it is set, whatever --port says: give it its own.
    { INDEXER_DEPLOYMENT: deploymentFile, INDEXER_RPC_URL: rpcUrl, PONDER_TELEMETRY_DISABLED: "true", PORT: String(port), ...env },
    path.join(ROOT, "indexer"),
  );
  const api = new IndexerApi(`http://127.0.0.1:${port}`, env.DATABASE_URL ? "Postgres indexer" : "indexer");
  await until(`${api.name} to serve`, async () => (await fetch(`${api.url}/health`)).ok, 90_000).catch((error) => {
    launched.kill();
    throw new Error(`${(error as Error).message}\n${launched.output.slice(-3000)}`);
  });
  return { process: launched, api };
}
