/**
 * The wagmi config: injected wallets (EIP-6963 discovery finds each installed one), WalletConnect
 * when a project id is configured, and on the local chain a dev wallet per unlocked node account
 * (wagmi's mock connector: it answers accounts and chain itself and sends everything else, signing
 * included, to the node).
 */
import { walletConnect } from "@wagmi/connectors/walletConnect";
import { type Config, type CreateConnectorFn, createConfig, http, injected, mock } from "@wagmi/core";

import { localChain, mainnet } from "./chains";

export const DEV_WALLET_TYPE = "mock";
export const WALLETCONNECT_TYPE = "walletConnect";

export interface WalletSettings {
  /** Unlocked node accounts, offered as dev wallets (empty off the local chain). */
  devAccounts: `0x${string}`[];
  /** A Reown (WalletConnect) Cloud project id; without one, WalletConnect is not offered. */
  walletConnectProjectId?: string;
}

export function createWagmiConfig({ devAccounts, walletConnectProjectId }: WalletSettings): Config {
  const local = localChain();
  const connectors: CreateConnectorFn[] = [injected()];
  if (walletConnectProjectId) connectors.push(walletConnectConnector(walletConnectProjectId));
  connectors.push(...devAccounts.map((account) => mock({ accounts: [account], features: { reconnect: true } })));
  return createConfig({
    chains: [local, mainnet],
    connectors,
    multiInjectedProviderDiscovery: true,
    transports: { [local.id]: http(local.rpcUrls.default.http[0]), [mainnet.id]: http() },
  });
}

/**
 * WalletConnect's provider and its QR modal are large; the connector loads them only when it is
 * configured, so a build without a project id never downloads them.
 */
function walletConnectConnector(projectId: string): CreateConnectorFn {
  return walletConnect({
    projectId,
    showQrModal: true,
    metadata: {
      name: "LP Farm",
      description: "Stake Uniswap V2 LP tokens and earn rewards",
      url: window.location.origin,
      icons: [],
    },
  });
}
