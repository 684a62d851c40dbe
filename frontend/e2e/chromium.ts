/**
 * Real headless Chromium, for the browser tests and the web benchmark alike. No test tool may
 * download a browser on this machine, so the Chromium shipped inside @sparticuz/chromium is used.
 * Free of vitest, so a plain script can import it.
 */
import chromium from "@sparticuz/chromium";
import { type Browser, chromium as playwright } from "playwright-core";

/** Flags that keep Chromium from calling home on a closed network (see shared/TOOLCHAIN.md). */
const QUIET_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** `launch()` gives each browser a fresh temporary profile: no wallet or storage leaks between runs. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  return playwright.launch({ executablePath, headless: true, args: QUIET_FLAGS });
}
