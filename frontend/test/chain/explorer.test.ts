/**
 * Links to a block explorer, built from the chain's own entry in the wagmi config: the local
 * world's chain has none (so its notices carry no link), mainnet's is Etherscan.
 */
import { hardhat, mainnet, sepolia } from "@wagmi/core/chains";
import { describe, expect, it } from "vitest";

import { explorerUrl } from "../../src/chain/explorer";
import type { WagmiConfig } from "../../src/chain/wagmi";

/** Only the chain list is read: a config of these chains. */
const configOf = (...chains: readonly { id: number; blockExplorers?: { default: { url: string } } }[]) => ({ chains }) as unknown as WagmiConfig;
const TX = "0x8c1b0e4a5f2d3c6b7a8e9f0d1c2b3a4958675a4b3c2d1e0f9a8b7c6d5e4f3a2b" as const;
const ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const;

describe("explorerUrl", () => {
  it("links a transaction and an address on a chain with an explorer", () => {
    const config = configOf(hardhat, mainnet);
    expect(explorerUrl(config, mainnet.id as never, { tx: TX })).toBe(`https://etherscan.io/tx/${TX}`);
    expect(explorerUrl(config, mainnet.id as never, { address: ADDRESS })).toBe(`https://etherscan.io/address/${ADDRESS}`);
  });

  it("uses the explorer of the chain asked for, not the first one listed", () => {
    const config = configOf(mainnet, sepolia);
    expect(explorerUrl(config, sepolia.id as never, { tx: TX })).toBe(`https://sepolia.etherscan.io/tx/${TX}`);
  });

  it("gives no link on a chain without an explorer (the local world), or one not in the config", () => {
    const config = configOf(hardhat, mainnet);
    expect(hardhat.blockExplorers).toBeUndefined();
    expect(explorerUrl(config, hardhat.id as never, { tx: TX })).toBeUndefined();
    expect(explorerUrl(configOf(hardhat), mainnet.id as never, { address: ADDRESS })).toBeUndefined();
  });

  it("joins a base URL given with no trailing slash as is", () => {
    const custom = { id: 4242, blockExplorers: { default: { url: "https://scan.example" } } };
    expect(explorerUrl(configOf(custom), 4242 as never, { tx: TX })).toBe(`https://scan.example/tx/${TX}`);
  });
});
