/**
 * The wallet: which connectors exist (browser wallets found by EIP-6963, a `window.ethereum` that
 * announces nothing, WalletConnect when configured, the dev wallet's accounts on the local chain),
 * who is connected, on which chain. Mirrors wagmi's connection state; components read it here and
 * never talk to wagmi themselves.
 *
 * A connection outlives the node: wagmi keeps it in localStorage and each connector says whether it
 * may reconnect (browser wallets ask themselves; dev wallets remember, chain/wagmi.ts). When the
 * node is away as the page loads (a reload, or the dev server reloading it as `npm start` restarts),
 * its dev accounts are asked for again until it answers, and the account is then reconnected.
 */
import {
  type Connector,
  connect,
  disconnect,
  getConnection,
  reconnect,
  switchChain,
  watchConnection,
  watchConnectors,
} from "@wagmi/core";
import { defineStore } from "pinia";
import type { Address } from "viem";
import { computed, ref, shallowRef } from "vue";

import { localRpcUrl } from "../chain/chains";
import { fetchDevAccounts } from "../chain/dev-accounts";
import {
  addConnectors,
  type AppChainId,
  createWagmiConfig,
  DEV_WALLET_TYPE,
  devWallet,
  forgetDevWallet,
  rememberedDevAccount,
  type WagmiConfig,
  WINDOW_ETHEREUM_ID,
  windowEthereumUnnamed,
} from "../chain/wagmi";
import { WALLETCONNECT_TYPE, walletConnectConnectors } from "../chain/walletconnect";
import { shortHex } from "../lib/format";
import { walletIcon } from "../lib/wallet-icon";

export interface WalletOption {
  connector: Connector;
  /** The wallet's name: "Rabby Wallet", "Browser wallet", "Dev account #3". */
  name: string;
  /** Its line in the wallet menu: the name, and a dev account's address. */
  label: string;
  kind: "injected" | "walletConnect" | "dev";
  /** The wallet's own icon (an image data URI, lib/wallet-icon.ts), for an <img src>. */
  icon?: string;
}

/**
 * Whether the node behind /rpc named its dev accounts: "asking" until it first answers, "away"
 * while it does not (asked again every few seconds), "none" where no node is there at all.
 */
export type DevNodeState = "asking" | "answered" | "away" | "none";

/** How often an absent node is asked again for its dev accounts. */
const DEV_NODE_RETRY_MS = 2_000;


export const useConnectionStore = defineStore("connection", () => {
  const config = shallowRef<WagmiConfig>();
  const address = ref<Address>();
  const chainId = ref<number>();
  const connectorUid = ref<string>();
  const devAccounts = ref<Address[]>([]);
  const devNode = ref<DevNodeState>("asking");
  /**
   * A dev account connected before the page loaded, waiting for the node to reconnect it. Cleared
   * only once the node answered or the person chose: wagmi restores the old connection from
   * storage for a moment as it starts, before it knows whether it can reconnect.
   */
  const awaitingDevAccount = ref<Address>();
  const connectors = shallowRef<readonly Connector[]>([]);
  /** A `window.ethereum` no EIP-6963 wallet announced (an older wallet), offered as "Browser wallet". */
  const unnamedWindowEthereum = ref(false);

  function sync(): void {
    if (!config.value) return;
    const state = getConnection(config.value);
    address.value = state.address;
    chainId.value = state.chainId;
    connectorUid.value = state.connector?.uid;
    connectors.value = config.value.connectors;
    unnamedWindowEthereum.value = windowEthereumUnnamed(config.value);
  }

  async function init(): Promise<void> {
    config.value = createWagmiConfig({ extraConnectors: await walletConnectConnectors() });
    watchConnection(config.value, { onChange: sync });
    watchConnectors(config.value, { onChange: sync }); // EIP-6963 wallets may announce later
    awaitingDevAccount.value = await rememberedDevAccount(config.value);
    await askNodeForDevAccounts();
    await reconnect(config.value).catch(() => undefined);
    sync();
    if (devNode.value !== "away") awaitingDevAccount.value = undefined;
  }

  /** The node's dev accounts, as dev wallets; while it is away, asked again until it answers. */
  async function askNodeForDevAccounts(): Promise<void> {
    const accounts = await fetchDevAccounts(localRpcUrl());
    if (accounts === undefined) {
      devNode.value = "away";
      setTimeout(() => void devAccountsAfterOutage(), DEV_NODE_RETRY_MS);
      return;
    }
    devAccounts.value = accounts;
    devNode.value = accounts.length > 0 ? "answered" : "none";
    addConnectors(config.value!, accounts.map((account, index) => devWallet(account, index)));
  }

  /** The node is back: its dev wallets are offered again, and the one that was connected reconnects. */
  async function devAccountsAfterOutage(): Promise<void> {
    await askNodeForDevAccounts();
    if (devNode.value === "away") return;
    const dev = config.value!.connectors.filter((connector) => connector.type === DEV_WALLET_TYPE);
    if (!getConnection(config.value!).address && dev.length > 0) await reconnect(config.value!, { connectors: dev }).catch(() => undefined);
    awaitingDevAccount.value = undefined;
    sync();
  }

  /**
   * Every way to connect: browser wallets by their own names and icons (a `window.ethereum` that
   * announces nothing as "Browser wallet", only when there is one), WalletConnect, then
   * "Dev account #i" per node account.
   */
  const options = computed<WalletOption[]>(() => {
    const all = connectors.value;
    const named = all.filter((c) => c.type === "injected" && c.id !== WINDOW_ETHEREUM_ID);
    // The generic connector stays offered while it is the connection, whatever the page has now.
    const unnamed = all.filter((c) => c.id === WINDOW_ETHEREUM_ID && (unnamedWindowEthereum.value || c.uid === connectorUid.value));
    const dev = all.filter((c) => c.type === DEV_WALLET_TYPE);
    return [
      ...named.map((connector): WalletOption => ({ connector, name: connector.name, label: connector.name, kind: "injected", icon: walletIcon(connector.icon) })),
      ...unnamed.map((connector): WalletOption => ({ connector, name: "Browser wallet", label: "Browser wallet", kind: "injected" })),
      ...all
        .filter((c) => c.type === WALLETCONNECT_TYPE)
        .map((connector): WalletOption => ({ connector, name: "WalletConnect", label: "WalletConnect (QR code)", kind: "walletConnect" })),
      ...dev.map((connector, i): WalletOption => ({ connector, name: connector.name, label: `${connector.name} (${shortHex(devAccounts.value[i])})`, kind: "dev" })),
    ];
  });

  /** Asks installed wallets to announce themselves again (EIP-6963), e.g. as the wallet menu opens. */
  function lookForWallets(): void {
    window.dispatchEvent(new Event("eip6963:requestProvider"));
    sync();
  }

  async function connectWith(connector: Connector): Promise<void> {
    if (!config.value) return;
    await disconnectAll();
    await connect(config.value, { connector });
    sync();
  }

  async function disconnectWallet(): Promise<void> {
    if (!config.value) return;
    await disconnectAll();
    sync();
  }

  /**
   * Every connection ends (wagmi may hold several after a reconnect, and would fall back to the
   * next one), and a dev account waiting for its node is forgotten: the person chose otherwise.
   */
  async function disconnectAll(): Promise<void> {
    const wagmi = config.value!;
    if (awaitingDevAccount.value) await forgetDevWallet(wagmi);
    awaitingDevAccount.value = undefined;
    // One that fails (a connection wagmi restored from storage a moment before it reconnects has
    // no methods yet) must not keep the others.
    for (const { connector } of [...wagmi.state.connections.values()]) await disconnect(wagmi, { connector }).catch(() => undefined);
  }

  async function switchTo(target: AppChainId): Promise<void> {
    if (config.value) await switchChain(config.value, { chainId: target });
    sync();
  }

  const connected = computed(() => address.value !== undefined);
  const activeOption = computed(() => options.value.find((o) => o.connector.uid === connectorUid.value));

  /** A chain's name as the wagmi config knows it, or "chain <id>". */
  function chainName(id: number | undefined): string {
    return config.value?.chains.find((c) => c.id === id)?.name ?? `chain ${id}`;
  }

  return {
    config, address, chainId, connected, options, activeOption, devAccounts, devNode, awaitingDevAccount,
    init, lookForWallets, connectWith, disconnectWallet, switchTo, chainName,
  };
});
