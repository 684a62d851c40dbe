/**
 * Vitest global setup for the store tests and the browser tests: the real local world, brought up
 * by the real launcher (`npm start`) on free ports, plus the BUILT app (`vite preview` of
 * frontend/dist) pointed at the same node. Torn down with Ctrl-C (SIGINT to the process groups).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { freePort } from "../../../test/helpers/processes";

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

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

function launch(command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(command, args, { cwd: ROOT, detached: true, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(" ")} not ready in 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${command} ${args.join(" ")} exited (${code}):\n${output}`)));
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    process.kill(-child.pid!, "SIGINT");
    setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 10_000).unref();
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [rpcPort, devPort, appPort] = [await freePort(), await freePort(), await freePort()];
  const deploymentsDir = await mkdtemp(path.join(os.tmpdir(), "farm-web-"));
  const env = { DEPLOYMENTS_DIR: deploymentsDir, BLOCK_SECONDS: "2" };
  const world = await launch("npm", ["start"], { ...env, PORT: String(rpcPort), UI_PORT: String(devPort) }, /Press Ctrl-C to stop/);
  let preview: ChildProcess | undefined;
  try {
    preview = await launch(
      "npx",
      ["vite", "preview", "--config", "frontend/vite.config.ts", "--port", String(appPort), "--strictPort"],
      { ...env, FARM_RPC_URL: `http://127.0.0.1:${rpcPort}` },
      /127\.0\.0\.1:\d+/,
    );
  } catch (error) {
    await stop(world);
    throw error;
  }
  project.provide("devAppUrl", `http://127.0.0.1:${devPort}/`);
  project.provide("appUrl", `http://127.0.0.1:${appPort}/`);
  project.provide("rpcUrl", `http://127.0.0.1:${rpcPort}`);
  project.provide("deploymentsDir", deploymentsDir);
  return async () => {
    await stop(preview);
    await stop(world);
  };
}
