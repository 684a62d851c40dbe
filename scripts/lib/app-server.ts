/**
 * Serves the dapp (frontend/, Vite) on 127.0.0.1 for the launchers, in this process, pointed at
 * the node they started: `/rpc` proxies to it and `/deployments/*` reads the file they wrote.
 */
import path from "node:path";

import { createServer, type ViteDevServer } from "vite";

import { writeAbis } from "./abis.js";
import { HOST } from "./node.js";

const FRONTEND = path.resolve(import.meta.dirname, "..", "..", "frontend");

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

export async function serveApp(port: number, rpcUrl: string): Promise<AppServer> {
  // The app imports the contracts' ABIs from a generated module that a fresh clone lacks.
  await writeAbis();
  // Read by frontend/vite.config.ts and its deployments plugin.
  process.env.FARM_RPC_URL = rpcUrl;
  const server: ViteDevServer = await createServer({
    configFile: path.join(FRONTEND, "vite.config.ts"),
    server: { host: HOST, port, strictPort: true },
    logLevel: "warn",
    clearScreen: false,
  });
  await server.listen();
  return { url: `http://${HOST}:${port}/`, close: () => server.close() };
}
