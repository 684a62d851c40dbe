/**
 * The wagmi config: injected wallets (EIP-6963 discovery finds each installed one), and on the
 * local chain a dev wallet per unlocked node account (wagmi's mock connector: it answers accounts
 * and chain itself and sends everything else, signing included, to the node).
 */
import { type Config, createConfig, http, injected, mock } from "@wagmi/core";

import { localChain, mainnet } from "./chains";

export const DEV_WALLET_TYPE = "mock";

export function createWagmiConfig(devAccounts: `0x${string}`[]): Config {
  const local = localChain();
  return createConfig({
    chains: [local, mainnet],
    connectors: [injected(), ...devAccounts.map((account) => mock({ accounts: [account], features: { reconnect: true } }))],
    multiInjectedProviderDiscovery: true,
    transports: { [local.id]: http(local.rpcUrls.default.http[0]), [mainnet.id]: http() },
  });
}
