/**
 * Time to data: from navigating to the farms page to the first frame that paints every pool's
 * figures (web-figures.ts). Timed by the page's own clock, so the benchmark's round trips to the
 * browser do not count. Each load gets a fresh browser context: nothing cached, a first visit.
 */
import type { Browser } from "playwright-core";

import { stampFigures } from "./web-figures.js";

/** Milliseconds from navigation to the figures on screen; fails, saying what the page shows, after `timeoutMs`. */
export async function timeToFigures(browser: Browser, appUrl: string, pools: number, timeoutMs = 15_000): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.addInitScript(stampFigures(pools));
    await page.goto(`${appUrl}#farms`);
    try {
      const stamped = await page.waitForFunction("window.__figuresAt", undefined, { timeout: timeoutMs });
      return (await stamped.jsonValue()) as number;
    } catch {
      const shown = (await page.locator("main").innerText().catch(() => "")).replace(/\s+/g, " ").slice(0, 300);
      throw new Error(`the ${pools} pools' figures were not on screen after ${timeoutMs} ms; the page shows: "${shown}"${errors.length ? `; errors: ${errors.join("; ")}` : ""}`);
    }
  } finally {
    await context.close();
  }
}
