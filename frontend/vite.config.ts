/**
 * The dapp's build. The app reads `deployments/<chainId>.json` and talks to the local node at
 * run time, both through this server (`/deployments/*`, `/rpc`), so one build works whichever
 * port or deployment the launcher chose: FARM_RPC_URL and DEPLOYMENTS_DIR tell the server where.
 */
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

import { deploymentsServer } from "./deployments-server.js";

const rpcTarget = process.env.FARM_RPC_URL ?? "http://127.0.0.1:8545";
const rpcProxy = { "/rpc": { target: rpcTarget, changeOrigin: true, rewrite: () => "/" } };

export default defineConfig({
  root: import.meta.dirname,
  plugins: [vue(), deploymentsServer()],
  server: { host: "127.0.0.1", proxy: rpcProxy, warmup: { clientFiles: ["./src/main.ts"] } },
  // Pre-bundled when the dev server starts, so a newcomer's first page load does not stop to
  // discover them and reload.
  optimizeDeps: { include: ["vue", "pinia", "viem", "@wagmi/core", "@wagmi/core/chains"] },
  preview: { host: "127.0.0.1", proxy: rpcProxy },
  build: { outDir: "dist", emptyOutDir: true },
  test: {
    projects: [
      // Pure src/lib, and what src/chain does without a chain: no node, no browser.
      { extends: true, test: { name: "unit", include: ["test/lib/**/*.test.ts", "test/chain/**/*.test.ts"], environment: "node" } },
      // The stores and the browser tests, against the real local world (test/setup/world.ts).
      {
        extends: true,
        test: {
          name: "world",
          include: ["test/stores/**/*.test.ts", "e2e/**/*.test.ts"],
          globalSetup: ["test/setup/world.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
