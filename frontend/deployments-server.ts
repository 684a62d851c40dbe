/**
 * Serves `deployments/<chainId>.json` at `/deployments/<chainId>.json` from DEPLOYMENTS_DIR (or the
 * repository's deployments/), for the dev server and the preview server alike: the launcher
 * writes the file just before it serves the app, so it is read at request time, never bundled.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import type { Connect, Plugin } from "vite";

function deploymentsDir(): string {
  return process.env.DEPLOYMENTS_DIR ?? path.resolve(import.meta.dirname, "..", "deployments");
}

const serve: Connect.NextHandleFunction = (request, response, next) => {
  const match = /^\/deployments\/(\d+)\.json$/.exec(request.url?.split("?")[0] ?? "");
  if (!match) return next();
  readFile(path.join(deploymentsDir(), `${match[1]}.json`), "utf8").then(
    (text) => {
      response.setHeader("content-type", "application/json");
      response.setHeader("cache-control", "no-store");
      response.end(text);
    },
    () => {
      response.statusCode = 404;
      response.end(`{"error":"no deployment for chain ${match[1]}"}`);
    },
  );
};

export function deploymentsServer(): Plugin {
  return {
    name: "farm-deployments",
    configureServer: (server) => void server.middlewares.use(serve),
    configurePreviewServer: (server) => void server.middlewares.use(serve),
  };
}
