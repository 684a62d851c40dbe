/**
 * The local node's unlocked accounts: the dev wallet signs with them through the node, so a
 * newcomer farms with no browser extension. Asked of the node itself; none on a real network.
 */
export async function fetchDevAccounts(rpcUrl: string, count = 10): Promise<`0x${string}`[]> {
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_accounts", params: [] }),
    });
    const body = (await response.json()) as { result?: `0x${string}`[] };
    return (body.result ?? []).slice(0, count);
  } catch {
    return []; // no local node: no dev wallet, injected wallets still work
  }
}
