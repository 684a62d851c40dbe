/**
 * The wagmi config: injected wallets (EIP-6963 discovery finds each installed one), any extra
 * connectors (WalletConnect, see walletconnect.ts), and on the local chain a dev wallet per
 * unlocked node account (wagmi's mock connector: it answers accounts and chain itself and sends
 * everything else, signing included, to the node). Its type is registered with wagmi, so every
 * action knows the app's chains and checks chain ids and contract calls at compile time.
 */
import { type CreateConnectorFn, createConfig, getPublicClient, http, injected, mock } from "@wagmi/core";
import type { PublicClient } from "viem";

import { localChain, mainnet } from "./chains";

export const DEV_WALLET_TYPE = "mock";

/**
 * How long a request may go unanswered, and one retry: a frozen node (the connection open, no
 * answer) is told to the user in about 16 s instead of viem's default of 3 retries of 10 s.
 */
const NODE_PATIENCE = { timeout: 8_000, retryCount: 1 };

export interface WalletSettings {
  /** Unlocked node accounts, offered as dev wallets (empty off the local chain). */
  devAccounts: `0x${string}`[];
  /** Offered between the injected wallets and the dev accounts. */
  extraConnectors: CreateConnectorFn[];
}

export function createWagmiConfig({ devAccounts, extraConnectors }: WalletSettings) {
  const local = localChain();
  const dev = devAccounts.map((account) => mock({ accounts: [account], features: { reconnect: true } }));
  return createConfig({
    chains: [local, mainnet],
    connectors: [injected(), ...extraConnectors, ...dev],
    multiInjectedProviderDiscovery: true,
    transports: { [local.id]: http(local.rpcUrls.default.http[0], NODE_PATIENCE), [mainnet.id]: http(undefined, NODE_PATIENCE) },
  });
}

export type WagmiConfig = ReturnType<typeof createWagmiConfig>;

/** The chains the app can show a farm on. */
export type AppChainId = WagmiConfig["chains"][number]["id"];

declare module "@wagmi/core" {
  interface Register {
    config: WagmiConfig;
  }
}

/** True when `id` is one of the config's chains. */
export function isAppChain(config: WagmiConfig, id: number | undefined): id is AppChainId {
  return config.chains.some((chain) => chain.id === id);
}

/** The client that reads `chainId`, typed as the chain-agnostic viem client the chain/ reads take. */
export function readClient(config: WagmiConfig, chainId: AppChainId): PublicClient {
  return getPublicClient(config, { chainId });
}
