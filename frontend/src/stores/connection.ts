/**
 * The wallet: which connectors exist (injected wallets found by EIP-6963, WalletConnect when
 * configured, the dev wallet's accounts on the local chain), who is connected, on which chain.
 * Mirrors wagmi's connection state; components read it here and never talk to wagmi themselves.
 */
import {
  type Connector,
  connect,
  disconnect,
  getConnection,
  reconnect,
  switchChain,
  watchConnection,
} from "@wagmi/core";
import { defineStore } from "pinia";
import type { Address } from "viem";
import { computed, ref, shallowRef } from "vue";

import { localRpcUrl } from "../chain/chains";
import { fetchDevAccounts } from "../chain/dev-accounts";
import { type AppChainId, createWagmiConfig, DEV_WALLET_TYPE, type WagmiConfig } from "../chain/wagmi";
import { WALLETCONNECT_TYPE, walletConnectConnectors } from "../chain/walletconnect";

export interface WalletOption {
  connector: Connector;
  label: string;
  kind: "injected" | "walletConnect" | "dev";
}

export const useConnectionStore = defineStore("connection", () => {
  const config = shallowRef<WagmiConfig>();
  const address = ref<Address>();
  const chainId = ref<number>();
  const connectorUid = ref<string>();
  const devAccounts = ref<Address[]>([]);
  const connectors = shallowRef<readonly Connector[]>([]);

  function sync(): void {
    if (!config.value) return;
    const state = getConnection(config.value);
    address.value = state.address;
    chainId.value = state.chainId;
    connectorUid.value = state.connector?.uid;
    connectors.value = config.value.connectors;
  }

  async function init(): Promise<void> {
    devAccounts.value = await fetchDevAccounts(localRpcUrl());
    config.value = createWagmiConfig({ devAccounts: devAccounts.value, extraConnectors: await walletConnectConnectors() });
    watchConnection(config.value, { onChange: sync });
    config.value.subscribe((state) => state.connections, sync); // new EIP-6963 wallets appear later
    await reconnect(config.value).catch(() => undefined);
    sync();
  }

  /** Every way to connect: installed wallets, WalletConnect, then "Dev account #i" per node account. */
  const options = computed<WalletOption[]>(() => {
    let dev = 0;
    return connectors.value.map((connector) => {
      if (connector.type === WALLETCONNECT_TYPE) return { connector, label: "WalletConnect (QR code)", kind: "walletConnect" };
      if (connector.type !== DEV_WALLET_TYPE) return { connector, label: connector.name, kind: "injected" };
      const account = devAccounts.value[dev];
      return { connector, label: `Dev account #${dev++} (${account.slice(0, 6)}…${account.slice(-4)})`, kind: "dev" };
    });
  });

  async function connectWith(connector: Connector): Promise<void> {
    if (!config.value) return;
    if (connectorUid.value) await disconnect(config.value);
    await connect(config.value, { connector });
    sync();
  }

  async function disconnectWallet(): Promise<void> {
    if (config.value) await disconnect(config.value);
    sync();
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

  return { config, address, chainId, connected, options, activeOption, devAccounts, init, connectWith, disconnectWallet, switchTo, chainName };
});
