/**
 * The wagmi config: injected wallets (EIP-6963 discovery finds each installed one), any extra
 * connectors (WalletConnect, see walletconnect.ts), and on the local chain a dev wallet per
 * unlocked node account (wagmi's mock connector: it answers accounts and chain itself and sends
 * everything else, signing included, to the node).
 */
import { type Config, type CreateConnectorFn, createConfig, http, injected, mock } from "@wagmi/core";

import { localChain, mainnet } from "./chains";

export const DEV_WALLET_TYPE = "mock";

export interface WalletSettings {
  /** Unlocked node accounts, offered as dev wallets (empty off the local chain). */
  devAccounts: `0x${string}`[];
  /** Offered between the injected wallets and the dev accounts. */
  extraConnectors: CreateConnectorFn[];
}

export function createWagmiConfig({ devAccounts, extraConnectors }: WalletSettings): Config {
  const local = localChain();
  const dev = devAccounts.map((account) => mock({ accounts: [account], features: { reconnect: true } }));
  return createConfig({
    chains: [local, mainnet],
    connectors: [injected(), ...extraConnectors, ...dev],
    multiInjectedProviderDiscovery: true,
    transports: { [local.id]: http(local.rpcUrls.default.http[0]), [mainnet.id]: http() },
  });
}
