/**
 * The wagmi config: browser wallets (EIP-6963 discovery finds each installed one; the generic
 * `injected()` connector stands for a `window.ethereum` that announces nothing), any extra
 * connectors (WalletConnect, see walletconnect.ts), and on the local chain a dev wallet per
 * unlocked node account, added once the node has named them (`devWallet`). Its type is registered
 * with wagmi, so every action knows the app's chains and checks chain ids and contract calls at
 * compile time.
 */
import { type Connector, type CreateConnectorFn, createConfig, createConnector, http, injected, mock } from "@wagmi/core";
import { type Address, type Chain, type Client, type EstimateContractGasParameters, isAddress, type PublicActions, type Transport } from "viem";
import {
  call,
  estimateContractGas,
  getBlock,
  getBlockNumber,
  getChainId,
  getCode,
  getContractEvents,
  getGasPrice,
  multicall,
  readContract,
} from "viem/actions";

import { localChain, mainnet } from "./chains";

export const DEV_WALLET_TYPE = "mock";
/** The generic injected connector's id: `window.ethereum`, whatever wallet put it there. */
export const WINDOW_ETHEREUM_ID = "injected";

/**
 * How long a request may go unanswered, and one retry: a frozen node (the connection open, no
 * answer) is told to the user in about 16 s instead of viem's default of 3 retries of 10 s.
 */
const NODE_PATIENCE = { timeout: 8_000, retryCount: 1 };

export interface WalletSettings {
  /** Offered between the browser wallets and the dev accounts. */
  extraConnectors: CreateConnectorFn[];
}

export function createWagmiConfig({ extraConnectors }: WalletSettings) {
  const local = localChain();
  return createConfig({
    chains: [local, mainnet],
    connectors: [injected(), ...extraConnectors],
    multiInjectedProviderDiscovery: true,
    transports: { [local.id]: http(local.rpcUrls.default.http[0], NODE_PATIENCE), [mainnet.id]: http(undefined, NODE_PATIENCE) },
  });
}

/** The dev account connected and not disconnected since, kept in wagmi's storage (localStorage). */
type DevWalletMemory = { devAccount: Address };

/**
 * Dev account #`index`: wagmi's mock connector for one unlocked node account (it answers accounts
 * and chain itself and sends everything else, signing included, to the node), with an id and a
 * name of its own, remembering in wagmi's storage that it is connected. The mock forgets that on
 * every page load and shares one id with every other account, so a reload, or the dev server
 * reloading the page when `npm start` restarts the node, would drop the account.
 */
export function devWallet(account: Address, index: number) {
  return createConnector<unknown, Record<string, unknown>, DevWalletMemory>((config) => {
    const base = mock({ accounts: [account], features: { reconnect: true } })(config);
    return {
      ...base,
      id: `dev-${account.toLowerCase()}`,
      name: `Dev account #${index}`,
      async connect<withCapabilities extends boolean = false>(parameters?: Parameters<typeof base.connect<withCapabilities>>[0]) {
        const connected = await base.connect.bind(this)<withCapabilities>(parameters);
        await config.storage?.setItem("devAccount", account);
        return connected;
      },
      async disconnect() {
        await base.disconnect.call(this);
        if ((await config.storage?.getItem("devAccount")) === account) await config.storage?.removeItem("devAccount");
      },
      async isAuthorized() {
        return (await config.storage?.getItem("devAccount")) === account;
      },
    };
  });
}

/** The dev account connected when the page was last left, and not disconnected since. */
export async function rememberedDevAccount(config: WagmiConfig): Promise<Address | undefined> {
  const remembered = await config.storage?.getItem("devAccount");
  // Storage is the browser's: whatever it holds is checked before it names an account.
  return typeof remembered === "string" && isAddress(remembered) ? remembered : undefined;
}

/** The remembered dev account will not reconnect by itself: the person chose otherwise while the node was away. */
export async function forgetDevWallet(config: WagmiConfig): Promise<void> {
  await config.storage?.removeItem("devAccount");
}

/**
 * Adds connectors to a created config (the dev wallets, once the node has named its accounts),
 * skipping any already there. wagmi adds the wallets EIP-6963 announces late the same way.
 */
export function addConnectors(config: WagmiConfig, connectorFns: CreateConnectorFn[]): Connector[] {
  const present = new Set(config.connectors.map((connector) => connector.id));
  const added = connectorFns.map((fn) => config._internal.connectors.setup(fn)).filter((connector) => !present.has(connector.id));
  config._internal.connectors.setState((connectors) => [...connectors, ...added]);
  return added;
}

/**
 * True when the page has a `window.ethereum` that no EIP-6963 wallet announced: only then does
 * the generic injected connector reach a wallet the list does not already name. (Wallets that
 * announce themselves announce the very object they put on `window.ethereum`.)
 */
export function windowEthereumUnnamed(config: WagmiConfig): boolean {
  const ethereum = (window as { ethereum?: unknown }).ethereum;
  if (!ethereum) return false;
  return !(config._internal.mipd?.getProviders() ?? []).some((detail) => detail.provider === ethereum);
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

/**
 * The reads the dapp makes, as the methods of viem's public client. Bound one by one: viem's
 * `publicActions` (what wagmi's getPublicClient adds) would bundle every public action, ENS and
 * all, whether the dapp calls it or not.
 */
type ReadActions = Pick<
  PublicActions<Transport, Chain | undefined>,
  | "call"
  | "estimateContractGas"
  | "getBlock"
  | "getBlockNumber"
  | "getChainId"
  | "getCode"
  | "getContractEvents"
  | "getGasPrice"
  | "multicall"
  | "readContract"
>;

/** A client with the dapp's reads: what every chain/ read takes (a viem PublicClient is one). */
export type ReadClient = Client<Transport, Chain | undefined> & ReadActions;

function readActions(client: Client<Transport, Chain | undefined>): ReadActions {
  return {
    call: (args) => call(client, args),
    // PublicActions lets a caller name another chain than the client's in `args`; the dapp never
    // does, so they are the client's (viem's own binding casts them to `any`).
    estimateContractGas: (args) => estimateContractGas(client, args as EstimateContractGasParameters),
    getBlock: (args) => getBlock(client, args),
    getBlockNumber: (args) => getBlockNumber(client, args),
    getChainId: () => getChainId(client),
    getCode: (args) => getCode(client, args),
    getContractEvents: (args) => getContractEvents(client, args),
    getGasPrice: () => getGasPrice(client),
    multicall: (args) => multicall(client, args),
    readContract: (args) => readContract(client, args),
  };
}

/** The client that reads `chainId`. */
export function readClient(config: WagmiConfig, chainId: AppChainId): ReadClient {
  return (config.getClient({ chainId }) as Client<Transport, Chain | undefined>).extend(readActions);
}
