import { getAddress } from "viem";

/**
 * The local node's unlocked accounts: the dev wallet signs with them through the node, so a
 * newcomer farms with no browser extension. Asked of the node itself; none on a real network.
 */

/** Hardhat's node unlocks 20 accounts; each is offered. */
const DEV_ACCOUNTS = 20;
/** A node that has not answered `eth_accounts` by then is taken as away, and asked again later. */
const ANSWER_MS = 5_000;

/**
 * The node's unlocked accounts (at most `count`), `[]` where no node serves `rpcUrl` (a static
 * host answers 404 or a page: a real network, no dev wallet), or `undefined` while a node should
 * be there but does not answer (refused, timed out, or a proxy's 502 for a node restarting):
 * ask again later.
 */
export async function fetchDevAccounts(rpcUrl: string, count = DEV_ACCOUNTS): Promise<`0x${string}`[] | undefined> {
  let response: Response;
  try {
    response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_accounts", params: [] }),
      signal: AbortSignal.timeout(ANSWER_MS),
    });
  } catch {
    return undefined; // refused or timed out: the node is away
  }
  if (response.status >= 500) return undefined; // the proxy is there, its node is not
  try {
    const body = (await response.json()) as { result?: `0x${string}`[] };
    return (body.result ?? []).slice(0, count).map((account) => getAddress(account)); // as wallets show them
  } catch {
    return []; // not a node: no dev wallet, injected wallets still work
  }
}
