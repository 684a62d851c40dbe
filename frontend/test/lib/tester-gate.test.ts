import { describe, expect, it } from "vitest";

import { isHardhatNode, LOCAL_CHAIN_ID, testerToolsAllowed } from "../../src/lib/tester-gate";

// What nodes really answer to web3_clientVersion (Hardhat 3's read from this project's node).
const HARDHAT_3 = "HardhatNetwork/3.18.0/@nomicfoundation/edr/0.3.8";
const HARDHAT_2 = "HardhatNetwork/2.22.0/@nomicfoundation/edr/0.3.5";
const GETH = "Geth/v1.14.11-stable-f3c696fa/linux-amd64/go1.23.2";
const ANVIL = "anvil/v0.2.0";
const local = { chainId: 31337, clientVersion: HARDHAT_3 };

describe("testerToolsAllowed: the toolbar only on a local Hardhat chain", () => {
  it("shows on the local world and a fork: chain 31337 served by Hardhat's node", () => {
    expect(LOCAL_CHAIN_ID).toBe(31337);
    expect(testerToolsAllowed(31337, local)).toBe(true);
    expect(testerToolsAllowed(31337, { chainId: 31337, clientVersion: HARDHAT_2 })).toBe(true);
  });

  it("never shows for a farm on mainnet or any other real network, whatever the node behind /rpc is", () => {
    for (const chainId of [1, 11155111, 8453, 42161, 10, 137]) expect(testerToolsAllowed(chainId, local), `chain ${chainId}`).toBe(false);
  });

  it("never shows before the node has been asked, or when it did not answer", () => {
    expect(testerToolsAllowed(31337, undefined)).toBe(false);
    expect(testerToolsAllowed(undefined, undefined)).toBe(false);
  });

  it("needs the node itself to be Hardhat's on chain 31337: another client, or a Hardhat node on another id, is not the local world", () => {
    expect(testerToolsAllowed(31337, { chainId: 31337, clientVersion: GETH })).toBe(false);
    expect(testerToolsAllowed(31337, { chainId: 31337, clientVersion: ANVIL })).toBe(false);
    expect(testerToolsAllowed(31337, { chainId: 1, clientVersion: HARDHAT_3 })).toBe(false);
    expect(testerToolsAllowed(31337, { chainId: 31337, clientVersion: "" })).toBe(false);
  });

  it("reads the client version by its start only", () => {
    expect(isHardhatNode(HARDHAT_3)).toBe(true);
    expect(isHardhatNode(`Geth/${HARDHAT_3}`)).toBe(false);
    expect(isHardhatNode("hardhatnetwork/3.0.0")).toBe(false);
  });
});
