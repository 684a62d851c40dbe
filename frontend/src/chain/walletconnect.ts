/**
 * WalletConnect, offered only when the build has a Reown (WalletConnect) Cloud project id. The
 * check and the import sit together so that a build without one drops the connector, its provider
 * and its QR modal entirely (about 480 KB gzipped); with one, they are lazy chunks.
 */
import type { CreateConnectorFn } from "@wagmi/core";

export const WALLETCONNECT_TYPE = "walletConnect";

export async function walletConnectConnectors(): Promise<CreateConnectorFn[]> {
  const projectId = import.meta.env.VITE_WALLETCONNECT_PROJECT_ID;
  if (!projectId) return [];
  const { walletConnect } = await import("@wagmi/connectors/walletConnect");
  return [
    walletConnect({
      projectId,
      showQrModal: true,
      metadata: {
        name: "LP Farm",
        description: "Stake Uniswap V2 LP tokens and earn rewards",
        url: window.location.origin,
        icons: [],
      },
    }),
  ];
}
