/**
 * The chains the dapp knows. The local chain (the `npm start` world or a fork, id 31337) is read
 * through the serving origin's `/rpc`, which proxies to the node, so the app works whatever port
 * the node uses; it has Multicall3 at the canonical address, like mainnet.
 */
import { hardhat, mainnet } from "@wagmi/core/chains";
import { defineChain } from "viem";

/** The node behind the app's origin. */
export function localRpcUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}rpc`, window.location.href).href;
}

export function localChain() {
  return defineChain({
    ...hardhat,
    name: "Local (Hardhat)",
    rpcUrls: { default: { http: [localRpcUrl()] } },
    contracts: { multicall3: mainnet.contracts.multicall3 },
  });
}

export { mainnet };
