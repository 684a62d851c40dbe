/**
 * The indexer's hand-written event signatures (indexer/abis.ts) against the compiled contracts and
 * the official Uniswap V2 artifacts, and its CREATE2 pair addresses against a real factory: a
 * renamed or re-typed event, or another pair bytecode, fails here rather than matching nothing.
 */
import { expect } from "chai";
import { type AbiEvent, toEventSelector } from "viem";
import hre from "hardhat";

import { uniswapArtifacts } from "../../deploy/uniswap.js";
import { farmEventsAbi, pairEventsAbi, partnerEventsAbi, transferAbi, zapEventsAbi } from "../../indexer/abis.js";
import { pairAddress } from "../../indexer/lib/pair-address.js";
import { buildWorld } from "../../fixtures/world.js";

function selectors(abi: readonly unknown[]): Map<string, string> {
  const events = (abi as AbiEvent[]).filter((item) => item.type === "event");
  return new Map(events.map((event) => [event.name, toEventSelector(event)]));
}

function expectSubset(indexed: readonly unknown[], compiled: readonly unknown[], where: string): void {
  const known = selectors(compiled);
  for (const [name, selector] of selectors(indexed)) expect(known.get(name), `${where}.${name}`).to.equal(selector);
}

describe("indexer: event signatures and pair addresses", function () {
  it("reads the farm's, the zap's, the partner rewarder's, the reward token's and the pairs' events as compiled", async function () {
    expect(partnerEventsAbi).to.have.length(4);
    expectSubset(partnerEventsAbi, (await hre.artifacts.readArtifact("PartnerRewarder")).abi, "PartnerRewarder");
    expectSubset(farmEventsAbi, (await hre.artifacts.readArtifact("Farm")).abi, "Farm");
    expectSubset(zapEventsAbi, (await hre.artifacts.readArtifact("IFarmZap")).abi, "IFarmZap");
    expectSubset(transferAbi, (await hre.artifacts.readArtifact("RewardToken")).abi, "RewardToken");
    expectSubset([...pairEventsAbi, ...transferAbi], uniswapArtifacts.pair.abi as unknown[], "UniswapV2Pair");
  });

  it("computes a pair's address as the official factory creates it", async function () {
    const { ethers } = await hre.network.create();
    const world = await buildWorld(ethers);
    const factory = (await world.uniswap.factory.getAddress()) as `0x${string}`;
    const [usdc, weth] = [(await world.usdc.getAddress()) as `0x${string}`, (await world.uniswap.weth.getAddress()) as `0x${string}`];
    expect(pairAddress(factory, usdc, weth)).to.equal(world.usdcWeth.target);
    expect(pairAddress(factory, weth, usdc)).to.equal(world.usdcWeth.target);
    expect(await world.uniswap.factory.getPair(usdc, weth)).to.equal(world.usdcWeth.target);
  });
});
