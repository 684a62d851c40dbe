/** Links to a chain's block explorer, where the chain has one (the local chain has none). */
import type { Address, Hash } from "viem";

import type { AppChainId, WagmiConfig } from "./wagmi";

/** The explorer page of a transaction or an address, or undefined without an explorer. */
export function explorerUrl(config: WagmiConfig, chainId: AppChainId, target: { tx: Hash } | { address: Address }): string | undefined {
  const base = config.chains.find((chain) => chain.id === chainId)?.blockExplorers?.default.url;
  if (!base) return undefined;
  return "tx" in target ? `${base}/tx/${target.tx}` : `${base}/address/${target.address}`;
}
