/** Multicall3 at its canonical address on local chains (deploy/multicall.ts). */
import { expect } from "chai";
import { Contract } from "ethers";
import { network } from "hardhat";
import { multicall3Abi } from "viem";

import { ensureMulticall3, MULTICALL3_ADDRESS } from "../../deploy/multicall.js";

const { ethers } = await network.create();


describe("deploy/multicall: Multicall3 on a local chain", function () {
  it("places it at 0xcA11…CA11, where aggregate3 batches reads and tolerates a failing one", async function () {
    expect(await ethers.provider.getCode(MULTICALL3_ADDRESS)).to.equal("0x");
    expect(await ensureMulticall3(ethers)).to.equal(MULTICALL3_ADDRESS);

    const [alice] = await ethers.getSigners();
    const multicall = new Contract(MULTICALL3_ADDRESS, multicall3Abi, ethers.provider);
    const calls = [
      { target: MULTICALL3_ADDRESS, allowFailure: false, callData: multicall.interface.encodeFunctionData("getCurrentBlockTimestamp") },
      { target: MULTICALL3_ADDRESS, allowFailure: false, callData: multicall.interface.encodeFunctionData("getEthBalance", [alice.address]) },
      { target: MULTICALL3_ADDRESS, allowFailure: true, callData: "0xdeadbeef" },
    ];
    const [time, balance, bad] = (await multicall.aggregate3.staticCall(calls)) as [boolean, string][];
    expect(BigInt(time[1])).to.equal(BigInt((await ethers.provider.getBlock("latest"))!.timestamp));
    expect(BigInt(balance[1])).to.equal(await ethers.provider.getBalance(alice.address));
    expect(bad[0]).to.equal(false);
  });

  it("leaves code that is already there alone", async function () {
    await ethers.provider.send("hardhat_setCode", [MULTICALL3_ADDRESS, "0x6001"]);
    await ensureMulticall3(ethers);
    expect(await ethers.provider.getCode(MULTICALL3_ADDRESS)).to.equal("0x6001");
  });
});
