/**
 * Checks FORK_URL before Hardhat sees it: Hardhat alone retries an unreachable URL for about a
 * minute. One eth_chainId with a short timeout tells, within seconds and in a sentence, whether
 * the URL is missing, malformed, unreachable, not a JSON-RPC node, or not Ethereum mainnet.
 * Messages show the URL without its path: provider URLs carry the API key there.
 */
import { MAINNET_CHAIN_ID } from "./mainnet.js";

const TIMEOUT_MS = 5_000;

/** The URL as it may be printed: scheme, host and port, the path (an API key, often) elided. */
export function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.length > 1 || url.search ? "/…" : ""}`;
}

async function askChainId(url: URL): Promise<bigint> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string }; name?: string });
    const why = cause.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : (cause.cause?.code ?? (error as Error).message);
    throw new Error(`FORK_URL ${redact(url)} cannot be reached (${why}). Check the URL, and that the node behind it is running.`);
  }
  const body = (await response.json().catch(() => undefined)) as { result?: string } | undefined;
  if (!response.ok || typeof body?.result !== "string") {
    throw new Error(`FORK_URL ${redact(url)} answered (HTTP ${response.status}) but not as an Ethereum JSON-RPC node.`);
  }
  return BigInt(body.result);
}

/** Returns the checked URL, or throws a sentence saying what is wrong with it. */
export async function checkForkUrl(raw: string | undefined): Promise<string> {
  if (!raw) {
    throw new Error(
      "FORK_URL is not set. Give it an Ethereum mainnet JSON-RPC URL: FORK_URL=https://<your provider> npm run fork " +
        "(offline, start the mainnet-shaped node with `npm run upstream` and use the URL it prints).",
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`FORK_URL is not a URL; it should look like https://<host>/<path> or http://127.0.0.1:8546.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`FORK_URL must be an http:// or https:// URL, not ${url.protocol}//.`);
  }
  const chainId = await askChainId(url);
  if (chainId !== MAINNET_CHAIN_ID) {
    throw new Error(`FORK_URL ${redact(url)} is chain ${chainId}, not Ethereum mainnet (chain 1): the fork farms mainnet's Uniswap V2 pairs.`);
  }
  return raw;
}
