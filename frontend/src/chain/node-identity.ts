/**
 * What the node behind a client says of itself, for lib/tester-gate.ts: its chain id and its
 * `web3_clientVersion` (viem has no action for that one; it is in viem's typed public schema).
 */

import type { NodeIdentity } from "../lib/tester-gate";
import type { ReadClient } from "./wagmi";

export async function identifyNode(client: ReadClient): Promise<NodeIdentity> {
  const [chainId, clientVersion] = await Promise.all([client.getChainId(), client.request({ method: "web3_clientVersion" })]);
  return { chainId, clientVersion };
}
