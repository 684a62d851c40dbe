/**
 * Vitest global setup for the store tests and the browser tests: the real local world, brought up
 * by the real launcher (`npm start`) on free ports, plus the BUILT app (`vite preview` of
 * frontend/dist) pointed at the same node. Torn down with Ctrl-C (SIGINT to the process groups).
 */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { freePort, Launched, npm } from "../../../fixtures/processes";

declare module "vitest" {
  export interface ProvidedContext {
    /** The dev server `npm start` serves (source app). */
    devAppUrl: string;
    /** The production build, served by `vite preview`. */
    appUrl: string;
    rpcUrl: string;
    deploymentsDir: string;
  }
}

const READY_MS = 120_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [rpcPort, devPort, appPort] = [await freePort(), await freePort(), await freePort()];
  const deploymentsDir = await mkdtemp(path.join(os.tmpdir(), "farm-web-"));
  const env = { DEPLOYMENTS_DIR: deploymentsDir, BLOCK_SECONDS: "2" };
  const world = npm(["start"], { ...env, PORT: String(rpcPort), UI_PORT: String(devPort) });
  const preview = new Launched(
    "npx",
    ["vite", "preview", "--config", "frontend/vite.config.ts", "--port", String(appPort), "--strictPort"],
    { ...env, FARM_RPC_URL: `http://127.0.0.1:${rpcPort}` },
  );
  try {
    await Promise.all([world.waitFor(/Press Ctrl-C to stop/, READY_MS), preview.waitFor(/127\.0\.0\.1:\d+/, READY_MS)]);
  } catch (error) {
    await Promise.all([preview.stop(), world.stop()]);
    throw error;
  }
  project.provide("devAppUrl", `http://127.0.0.1:${devPort}/`);
  project.provide("appUrl", `http://127.0.0.1:${appPort}/`);
  project.provide("rpcUrl", `http://127.0.0.1:${rpcPort}`);
  project.provide("deploymentsDir", deploymentsDir);
  return async () => {
    await preview.stop();
    await world.stop();
  };
}
