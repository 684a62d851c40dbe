/**
 * JSON-RPC requests per block on the farms page: every call the page sends to its node through
 * `/rpc` (each member of a batch counts) and the bytes of their request bodies, over a run of
 * blocks once the page has settled, with a dev account connected, as a farmer watching pending
 * rewards grow has it.
 */
import type { Browser, Request } from "playwright-core";

import { figuresShown } from "./web-figures.js";
import type { BenchWorld } from "./web-world.js";

export interface RequestCount {
  blocks: number;
  calls: number;
  perBlock: number;
  /** Bytes of the request bodies sent to /rpc, and per block. */
  bytes: number;
  bytesPerBlock: number;
  /** Calls by JSON-RPC method, e.g. { eth_call: 17 }. */
  methods: Record<string, number>;
}

/** Blocks that pass before counting: polls settle into their per-block rhythm. */
const SETTLE_BLOCKS = 2;

/** The JSON-RPC methods in a request to the page's node, none for anything else. */
function rpcMethods(request: Request): string[] {
  if (request.method() !== "POST" || new URL(request.url()).pathname !== "/rpc") return [];
  const body = request.postDataJSON() as { method: string } | { method: string }[];
  return [body].flat().map((call) => call.method);
}

export async function requestsPerBlock(browser: Browser, world: BenchWorld, blocks: number): Promise<RequestCount> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    let counting = false;
    let bytes = 0;
    const methods: Record<string, number> = {};
    page.on("request", (request) => {
      if (!counting) return;
      const called = rpcMethods(request);
      for (const method of called) methods[method] = (methods[method] ?? 0) + 1;
      if (called.length > 0) bytes += Buffer.byteLength(request.postData() ?? "");
    });
    await page.goto(`${world.appUrl}#farms`);
    await page.waitForFunction(figuresShown(world.pools));
    // Dev account #1, as frontend/e2e/browser.ts connects it: its positions join the same read.
    await page.locator("[data-test=connect-button]").click();
    await page.locator("[data-test=dev-account]").nth(1).click();
    await page.locator("[data-test=staked-lp]").first().waitFor();

    for (let i = 0; i < SETTLE_BLOCKS; i++) await world.nextBlock();
    // From just after one block to just after the `blocks`-th next: `blocks` whole block times.
    counting = true;
    for (let i = 0; i < blocks; i++) await world.nextBlock();
    counting = false;
    const calls = Object.values(methods).reduce((sum, n) => sum + n, 0);
    return { blocks, calls, perBlock: calls / blocks, bytes, bytesPerBlock: bytes / blocks, methods };
  } finally {
    await context.close();
  }
}
