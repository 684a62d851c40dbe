/**
 * RewardToken: only its immutable minter mints, the cap is hard (initial supply included),
 * decimals are what the deployer chose, and EIP-2612 permit works.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { type Contract, parseEther, parseUnits, Signature, ZeroAddress } from "ethers";
import { network } from "hardhat";

import { PERMIT_TYPES } from "../fixtures/permit.js";
import { refusedAndMined } from "./helpers/farm-state.js";
import { buildWorld, REWARD_CAP } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

const CAP = parseEther("1000");
const INITIAL = parseEther("100");

interface Tokens {
  owner: HardhatEthersSigner;
  holder: HardhatEthersSigner;
  minter: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  /** 18 decimals, cap 1,000, minter `minter`, 100 minted to `holder`. */
  token: Contract;
  /** 6 decimals, cap 1,000,000 units, minter `minter`, nothing minted. */
  token6: Contract;
}

async function tokens(): Promise<Tokens> {
  const [owner, holder, minter, alice, bob] = await ethers.getSigners();
  const token = await ethers.deployContract(
    "RewardToken",
    ["Farm Reward", "RWD", 18, CAP, minter.address, holder.address, INITIAL],
    owner,
  );
  const token6 = await ethers.deployContract(
    "RewardToken",
    ["Six Reward", "SIX", 6, parseUnits("1000000", 6), minter.address, ZeroAddress, 0n],
    owner,
  );
  return { owner, holder, minter, alice, bob, token, token6 };
}

async function world() {
  return buildWorld(ethers);
}

async function supplyAndBalances(token: Contract, accounts: string[]): Promise<bigint[]> {
  return [await token.totalSupply(), ...(await Promise.all(accounts.map((a) => token.balanceOf(a))))];
}

/** What a permit could move: the allowance it grants, the owner's nonce, and the supply and balances. */
async function permitState(token: Contract, owner: string, spender: string): Promise<bigint[]> {
  return [await token.allowance(owner, spender), await token.nonces(owner), ...(await supplyAndBalances(token, [owner, spender]))];
}

describe("RewardToken", function () {
  describe("deployment", function () {
    it("has the given name, symbol, decimals, cap and minter, and mints the initial supply to the holder", async function () {
      const { holder, minter, token } = await networkHelpers.loadFixture(tokens);
      expect(await token.name()).to.equal("Farm Reward");
      expect(await token.symbol()).to.equal("RWD");
      expect(await token.decimals()).to.equal(18n);
      expect(await token.cap()).to.equal(parseEther("1000"));
      expect(await token.minter()).to.equal(minter.address);
      expect(await token.totalSupply()).to.equal(parseEther("100"));
      expect(await token.balanceOf(holder.address)).to.equal(parseEther("100"));
      expect(await token.balanceOf(minter.address)).to.equal(0n);
    });

    it("keeps non-18 decimals as given (6) and mints nothing when the initial supply is zero", async function () {
      const { token6 } = await networkHelpers.loadFixture(tokens);
      expect(await token6.decimals()).to.equal(6n);
      expect(await token6.cap()).to.equal(1_000_000_000_000n);
      expect(await token6.totalSupply()).to.equal(0n);
      expect(await token6.balanceOf(ZeroAddress)).to.equal(0n);
    });

    it("emits the initial mint as a Transfer from the zero address", async function () {
      const { owner, holder, minter } = await networkHelpers.loadFixture(tokens);
      const token = await ethers.deployContract(
        "RewardToken",
        ["Farm Reward", "RWD", 18, CAP, minter.address, holder.address, INITIAL],
        owner,
      );
      await expect(token.deploymentTransaction())
        .to.emit(token, "Transfer")
        .withArgs(ZeroAddress, holder.address, parseEther("100"));
    });

    it("accepts an initial supply equal to the cap", async function () {
      const { owner, holder, minter } = await networkHelpers.loadFixture(tokens);
      const token = await ethers.deployContract(
        "RewardToken",
        ["Farm Reward", "RWD", 18, CAP, minter.address, holder.address, CAP],
        owner,
      );
      expect(await token.totalSupply()).to.equal(parseEther("1000"));
      expect(await token.balanceOf(holder.address)).to.equal(parseEther("1000"));
    });

    it("rejects an initial supply above the cap with ERC20ExceededCap(supply, cap)", async function () {
      const { owner, holder, minter, token } = await networkHelpers.loadFixture(tokens);
      const nonce = await owner.getNonce();
      await expect(
        ethers.deployContract(
          "RewardToken",
          ["Farm Reward", "RWD", 18, CAP, minter.address, holder.address, CAP + 1n],
          owner,
        ),
      )
        .to.be.revertedWithCustomError(token, "ERC20ExceededCap")
        .withArgs(parseEther("1000") + 1n, parseEther("1000"));
      expect(await owner.getNonce()).to.equal(nonce);
    });

    it("rejects a zero minter with RewardTokenZeroMinter", async function () {
      const { owner, holder, token } = await networkHelpers.loadFixture(tokens);
      await expect(
        ethers.deployContract("RewardToken", ["Farm Reward", "RWD", 18, CAP, ZeroAddress, holder.address, 0n], owner),
      ).to.be.revertedWithCustomError(token, "RewardTokenZeroMinter");
    });

    it("rejects a zero cap with ERC20InvalidCap(0)", async function () {
      const { owner, holder, minter, token } = await networkHelpers.loadFixture(tokens);
      await expect(
        ethers.deployContract("RewardToken", ["Farm Reward", "RWD", 18, 0n, minter.address, holder.address, 0n], owner),
      )
        .to.be.revertedWithCustomError(token, "ERC20InvalidCap")
        .withArgs(0n);
    });
  });

  describe("minting", function () {
    it("lets the minter mint to anyone", async function () {
      const { minter, alice, holder, token } = await networkHelpers.loadFixture(tokens);
      await expect((token.connect(minter) as Contract).mint(alice.address, parseEther("250")))
        .to.emit(token, "Transfer")
        .withArgs(ZeroAddress, alice.address, parseEther("250"));
      expect(await token.balanceOf(alice.address)).to.equal(parseEther("250"));
      expect(await token.balanceOf(holder.address)).to.equal(parseEther("100"));
      expect(await token.totalSupply()).to.equal(parseEther("350"));
    });

    for (const who of ["the deployer", "the initial holder", "any other account"] as const) {
      it(`rejects a mint by ${who} with RewardTokenUnauthorizedMinter(caller) and changes nothing`, async function () {
        const f = await networkHelpers.loadFixture(tokens);
        const caller = who === "the deployer" ? f.owner : who === "the initial holder" ? f.holder : f.alice;
        const watched = [f.alice.address, f.holder.address, caller.address];
        await refusedAndMined(ethers, () => supplyAndBalances(f.token, watched), [{
          send: (o) => (f.token.connect(caller) as Contract).mint(f.alice.address, 1n, o),
          by: f.token, error: "RewardTokenUnauthorizedMinter", args: [caller.address],
        }]);
      });
    }

    it("in the world, only the farm is the minter: the farm's owner cannot mint", async function () {
      const { rewardToken, farm, owner } = await networkHelpers.loadFixture(world);
      expect(await rewardToken.minter()).to.equal(await farm.getAddress());
      expect(await farm.rewardToken()).to.equal(await rewardToken.getAddress());
      expect(await rewardToken.cap()).to.equal(REWARD_CAP);
      await refusedAndMined(ethers, () => supplyAndBalances(rewardToken, [owner.address]), [{
        send: (o) => (rewardToken.connect(owner) as Contract).mint(owner.address, 1n, o),
        by: rewardToken, error: "RewardTokenUnauthorizedMinter", args: [owner.address],
      }]);
      expect(await rewardToken.totalSupply()).to.equal(0n);
    });

    it("mints up to exactly the cap, the initial supply counting against it", async function () {
      const { minter, alice, token } = await networkHelpers.loadFixture(tokens);
      await (await (token.connect(minter) as Contract).mint(alice.address, parseEther("900"))).wait();
      expect(await token.totalSupply()).to.equal(parseEther("1000"));
      expect(await token.balanceOf(alice.address)).to.equal(parseEther("900"));
    });

    it("rejects one wei above the cap with ERC20ExceededCap(increasedSupply, cap) and changes nothing", async function () {
      const { minter, alice, holder, token } = await networkHelpers.loadFixture(tokens);
      const watched = [alice.address, holder.address];
      await refusedAndMined(ethers, () => supplyAndBalances(token, watched), [{
        send: (o) => (token.connect(minter) as Contract).mint(alice.address, parseEther("900") + 1n, o),
        by: token, error: "ERC20ExceededCap", args: [parseEther("1000") + 1n, parseEther("1000")],
      }]);
    });

    it("rejects any mint once the cap is reached, even of one wei", async function () {
      const { minter, alice, token } = await networkHelpers.loadFixture(tokens);
      await (await (token.connect(minter) as Contract).mint(alice.address, parseEther("900"))).wait();
      await refusedAndMined(ethers, () => supplyAndBalances(token, [alice.address]), [{
        send: (o) => (token.connect(minter) as Contract).mint(alice.address, 1n, o),
        by: token, error: "ERC20ExceededCap", args: [parseEther("1000") + 1n, parseEther("1000")],
      }]);
      expect(await token.totalSupply()).to.equal(parseEther("1000"));
    });
  });

  describe("EIP-2612 permit", function () {
    const types = PERMIT_TYPES;

    async function domain(token: Contract) {
      return {
        name: "Farm Reward",
        version: "1",
        chainId: (await ethers.provider.getNetwork()).chainId,
        verifyingContract: await token.getAddress(),
      };
    }

    async function sign(signer: HardhatEthersSigner, token: Contract, message: Record<string, unknown>) {
      return Signature.from(await signer.signTypedData(await domain(token), types, message));
    }

    it("sets the allowance from the holder's signature, submitted by anyone, and bumps the nonce", async function () {
      const { holder, alice, bob, token } = await networkHelpers.loadFixture(tokens);
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const message = { owner: holder.address, spender: alice.address, value: parseEther("30"), nonce: 0n, deadline };
      const sig = await sign(holder, token, message);

      await expect(
        (token.connect(bob) as Contract).permit(holder.address, alice.address, parseEther("30"), deadline, sig.v, sig.r, sig.s),
      )
        .to.emit(token, "Approval")
        .withArgs(holder.address, alice.address, parseEther("30"));
      expect(await token.allowance(holder.address, alice.address)).to.equal(parseEther("30"));
      expect(await token.nonces(holder.address)).to.equal(1n);

      await (await (token.connect(alice) as Contract).transferFrom(holder.address, bob.address, parseEther("30"))).wait();
      expect(await token.balanceOf(bob.address)).to.equal(parseEther("30"));
      expect(await token.balanceOf(holder.address)).to.equal(parseEther("70"));
      expect(await token.allowance(holder.address, alice.address)).to.equal(0n);
    });

    it("uses the token name as the EIP-712 domain name", async function () {
      const { token } = await networkHelpers.loadFixture(tokens);
      const d = await domain(token);
      expect(await token.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(d));
      const [, name, version, chainId, verifyingContract] = await token.eip712Domain();
      expect([name, version, chainId, verifyingContract]).to.deep.equal(["Farm Reward", "1", d.chainId, d.verifyingContract]);
    });

    it("rejects an expired permit with ERC2612ExpiredSignature(deadline) and changes nothing", async function () {
      const { holder, alice, token } = await networkHelpers.loadFixture(tokens);
      const deadline = BigInt(await networkHelpers.time.latest()) + 100n;
      const sig = await sign(holder, token, {
        owner: holder.address, spender: alice.address, value: parseEther("30"), nonce: 0n, deadline,
      });
      await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
      await refusedAndMined(ethers, () => permitState(token, holder.address, alice.address), [{
        send: (o) => token.permit(holder.address, alice.address, parseEther("30"), deadline, sig.v, sig.r, sig.s, o),
        by: token, error: "ERC2612ExpiredSignature", args: [deadline],
      }]);
      expect(await token.allowance(holder.address, alice.address)).to.equal(0n);
      expect(await token.nonces(holder.address)).to.equal(0n);
    });

    it("rejects a permit signed by someone else with ERC2612InvalidSigner(signer, owner)", async function () {
      const { holder, alice, bob, token } = await networkHelpers.loadFixture(tokens);
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const sig = await sign(bob, token, {
        owner: holder.address, spender: alice.address, value: parseEther("30"), nonce: 0n, deadline,
      });
      await refusedAndMined(ethers, () => permitState(token, holder.address, alice.address), [{
        send: (o) => token.permit(holder.address, alice.address, parseEther("30"), deadline, sig.v, sig.r, sig.s, o),
        by: token, error: "ERC2612InvalidSigner", args: [bob.address, holder.address],
      }]);
      expect(await token.allowance(holder.address, alice.address)).to.equal(0n);
      expect(await token.nonces(holder.address)).to.equal(0n);
    });

    it("rejects a replayed permit (nonce already used)", async function () {
      const { holder, alice, token } = await networkHelpers.loadFixture(tokens);
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const message = { owner: holder.address, spender: alice.address, value: parseEther("30"), nonce: 0n, deadline };
      const sig = await sign(holder, token, message);
      await (await token.permit(holder.address, alice.address, parseEther("30"), deadline, sig.v, sig.r, sig.s)).wait();
      await (await (token.connect(alice) as Contract).transferFrom(holder.address, alice.address, parseEther("30"))).wait();

      // The contract now hashes nonce 1, so the signature recovers to an unrelated address.
      const recovered = ethers.verifyTypedData(await domain(token), types, { ...message, nonce: 1n }, sig);
      expect(recovered).to.not.equal(holder.address);
      await refusedAndMined(ethers, () => permitState(token, holder.address, alice.address), [{
        send: (o) => token.permit(holder.address, alice.address, parseEther("30"), deadline, sig.v, sig.r, sig.s, o),
        by: token, error: "ERC2612InvalidSigner", args: [recovered, holder.address],
      }]);
      expect(await token.allowance(holder.address, alice.address)).to.equal(0n);
      expect(await token.nonces(holder.address)).to.equal(1n);
    });
  });
});
