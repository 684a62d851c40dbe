/**
 * Whether the testers' toolbar may show: only on a local Hardhat chain (the `npm start` world or
 * an `npm run fork`), never on a real network. Two independent signs must agree, so neither a
 * real chain that happens to use id 31337 nor a Hardhat node serving another id passes:
 * - the farm shown, and the node behind the app's `/rpc`, are both on chain 31337 (Hardhat's own);
 * - that node names itself Hardhat in `web3_clientVersion` ("HardhatNetwork/3.18.0/@nomicfoundation/edr/0.3.8"),
 *   which only Hardhat's node (EDR) answers, and only it takes the `hardhat_*` methods the toolbar sends.
 */

/** Hardhat's default chain id: the local world's and a fork's. */
export const LOCAL_CHAIN_ID = 31337;

/** What the node behind the app's `/rpc` says of itself. */
export interface NodeIdentity {
  chainId: number;
  clientVersion: string;
}

/** True when `clientVersion` is Hardhat's node (Hardhat 2 and 3 both start it so). */
export function isHardhatNode(clientVersion: string): boolean {
  return /^HardhatNetwork\//.test(clientVersion);
}

/** True when the toolbar may show for the farm on `farmChainId`, read from the node `node` (unknown: not asked, or no answer). */
export function testerToolsAllowed(farmChainId: number | undefined, node: NodeIdentity | undefined): boolean {
  if (farmChainId !== LOCAL_CHAIN_ID || node === undefined) return false;
  return node.chainId === LOCAL_CHAIN_ID && isHardhatNode(node.clientVersion);
}
