/**
 * The bug classes MasterChef forks are known for, one test each, showing this farm is immune.
 * SECURITY.md lists them and points here.
 *
 * Reward arithmetic as in rewards.test.ts: S is the farm's startBlock and emission is for blocks
 * b > S; a transaction in block b settles block b under the old values, new values apply from
 * b + 1. Every expected amount is worked out by hand in the comments, to the wei.
 */
import { expect } from "chai";
import { type Contract, type ContractTransactionResponse, type FunctionFragment, MaxUint256, parseEther as rwd, Wallet } from "ethers";
import { network } from "hardhat";

import { deployFarm } from "../deploy/farm.js";
import { deployTestToken } from "../worlds/tokens.js";
import { as, mined } from "../fixtures/chain.js";
import { signPairPermit } from "../fixtures/permit.js";
import { deployFarmFor, farmState, type Mined, refusedAndMined } from "./helpers/farm-state.js";
import { addReenteringLpPool } from "./helpers/reentering.js";
import { at, harvestsIn, inOneBlock, latestBlock, mintsIn, viewAt } from "./helpers/scenario.js";
import { buildWorld, type World } from "../fixtures/world.js";

const { ethers, networkHelpers } = await network.create();

const LP = 10n ** 15n; // usdcWeth / daiWeth LP wei: every world staker holds several times this

/** The world (Uniswap, pairs, the farm with no pools), built once and restored for each test. */
async function world(): Promise<World> {
  return buildWorld(ethers);
}

async function stillBefore(block: bigint): Promise<void> {
  expect(await latestBlock(ethers), "the set-up ran past the start block").to.be.lessThan(block);
}

/** Pool 0 = usdcWeth, pool 1 = daiWeth, 100 points each (5 RWD per block each). */
async function twoPools(w: World): Promise<void> {
  await mined(as(w.farm, w.owner).add(100, await w.usdcWeth.getAddress()));
  await mined(as(w.farm, w.owner).add(100, await w.daiWeth.getAddress()));
}

async function approve(token: Contract, owner: World["alice"], spender: Contract): Promise<void> {
  await mined(as(token, owner).approve(await spender.getAddress(), MaxUint256));
}

const FARM_CALLS = 8;

/** Every state-changing staker call but depositWithPermit (it needs a signature), by name, encoded. */
function farmCalls(farm: Contract, pid: bigint, amount: bigint, other: string): Array<[string, string]> {
  const encode = (name: string, args: unknown[]) => farm.interface.encodeFunctionData(name, args);
  return [
    ["deposit", encode("deposit", [pid, amount])],
    ["depositFor", encode("depositFor", [pid, amount, other])],
    ["withdraw", encode("withdraw", [pid, amount])],
    ["harvest", encode("harvest", [pid])],
    ["harvestAll", encode("harvestAll", [[pid]])],
    ["emergencyWithdraw", encode("emergencyWithdraw", [pid])],
    ["updatePool", encode("updatePool", [pid])],
    ["massUpdatePools", encode("massUpdatePools", [])],
  ];
}

describe("known MasterChef bug classes", function () {
  it("duplicate LP pools: a second pool for the same LP reverts with PoolAlreadyExists, and LP sent outside deposit earns nothing", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, bob, usdcWeth, daiWeth, rewardToken, startBlock: S } = w;
    const usdcWethAddress = await usdcWeth.getAddress();
    const daiWethAddress = await daiWeth.getAddress();
    await twoPools(w);

    // The classic chef accepts the same LP twice; both pools then read one lpToken.balanceOf(farm)
    // as their stake and pay each other's stakers. Here the second add is refused, naming the pool.
    // Both refusals are mined, so the state comparison sees whatever a reverted add could leave.
    const scope = { pids: [0, 1], accounts: [alice.address, bob.address], tokens: [usdcWeth, daiWeth], rewardToken };
    await refusedAndMined(ethers, () => farmState(farm, scope), [
      { send: (o) => as(farm, owner).add(100, usdcWethAddress, o), by: farm, error: "PoolAlreadyExists", args: [usdcWethAddress, 0n] },
      { send: (o) => as(farm, owner).add(1, daiWethAddress, o), by: farm, error: "PoolAlreadyExists", args: [daiWethAddress, 1n] },
    ]);
    expect(await farm.poolLength()).to.equal(2n);
    expect(await farm.totalAllocPoint()).to.equal(200n);

    // Stakes are kept in storage, not read from balanceOf: Bob's 3e15 LP sent straight to the farm
    // (what a duplicate pool's deposits look like to the first pool) neither dilutes Alice nor earns.
    await approve(usdcWeth, alice, farm);
    await mined(as(farm, alice).deposit(0, LP));
    await mined(as(usdcWeth, bob).transfer(await farm.getAddress(), 3n * LP));
    await stillBefore(S);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(LP);
    expect(await usdcWeth.balanceOf(await farm.getAddress())).to.equal(4n * LP);
    // S+10: Alice has pool 0's 5 RWD per block alone: 10 x 5 = 50 (a balanceOf chef: 12.5).
    await expect(at(ethers, S + 10n, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, rwd("50"));
    expect(await farm.pendingReward(0, bob.address)).to.equal(0n);
  });

  it("allocation change without updating pools: set and add settle first, so rewards before them keep the old allocation, to the wei", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, bob, usdcWeth, daiWeth, wbtcWeth, startBlock: S } = w;
    await twoPools(w);
    await approve(usdcWeth, alice, farm);
    await approve(daiWeth, bob, farm);
    await mined(as(farm, alice).deposit(0, LP));
    await mined(as(farm, bob).deposit(1, LP));
    await stillBefore(S);

    // Pool 1 is never touched between its deposit (before S) and S+20: the classic chef, without
    // massUpdatePools, would value all of its past blocks at whatever its share is when it is
    // next updated.
    // S+10: set(0, 300). Up to S+10 both pools had 100 of 200: 10 x 5 = 50 each.
    await at(ethers, S + 10n, () => as(farm, owner).set(0, 300));
    expect(await farm.pendingReward(0, alice.address)).to.equal(rwd("50"));
    expect(await farm.pendingReward(1, bob.address)).to.equal(rwd("50")); // a classic chef: 10 x 2.5 = 25
    // S+11..S+15: 300 / 100 of 400: alice 7.5, bob 2.5 per block. S+15: add(400, wbtcWeth).
    const wbtcWethAddress = await wbtcWeth.getAddress();
    await at(ethers, S + 15n, () => as(farm, owner).add(400, wbtcWethAddress));
    expect(await farm.pendingReward(0, alice.address)).to.equal(rwd("87.5")); // 50 + 5 x 7.5
    expect(await farm.pendingReward(1, bob.address)).to.equal(rwd("62.5")); // 50 + 5 x 2.5
    // S+16..S+20: 300 / 100 / 400 of 800: alice 3.75, bob 1.25 per block.
    const [aliceHarvest, bobHarvest] = await inOneBlock(ethers, S + 20n, [
      () => as(farm, alice).harvest(0),
      () => as(farm, bob).harvest(1),
    ]);
    expect(await harvestsIn(farm, aliceHarvest)).to.deep.equal([[alice.address, 0n, rwd("106.25")]]); // 87.5 + 5 x 3.75
    expect(await harvestsIn(farm, bobHarvest)).to.deep.equal([[bob.address, 1n, rwd("68.75")]]); // 62.5 + 5 x 1.25
    // 20 blocks x 10 = 200 emitted: 106.25 + 68.75 paid, 5 x 5 = 25 to pool 2, which nobody stakes.
    expect(await farm.rewardsRemaining()).to.equal(rwd("1000000") - rwd("200"));
  });

  it("migrator drain: no function moves a staker's LP except to that staker, and the owner with every admin function cannot move it", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, mallory, usdcWeth, wbtcWeth, rewardToken } = w;
    const farmAddress = await farm.getAddress();

    // Every function that can change state, from the ABI, sorted by what it does with LP. A new one
    // fails this test until it is read and placed here.
    const takesLpFromCaller = ["deposit", "depositFor", "depositWithPermit", "lock", "lockWithPermit"];
    const paysLpToCaller = ["withdraw", "emergencyWithdraw"];
    // The caller's own early exit: its LP to itself, less the penalty its lock named, to the
    // recipient that lock named.
    const paysLpToCallerAndItsPenaltyRecipient = ["exitLock"];
    // A staker's LP (and reward) to where the staker, or an operator it approved, says.
    const paysLpWhereTheStakerOrItsOperatorSays = ["withdrawFor", "harvestAllFor"];
    const movesNoLp = [
      "acceptOwnership", "add", "emergencyUnlock", "enablePartnerRewards", "harvest", "harvestAll", "massUpdatePools", "pause", "set",
      "setEarlyExitPenalty", "setLockTiers", "setOperator", "setRewardPerBlock", "transferOwnership", "unpause", "updatePool",
    ];
    const stateChanging = farm.interface.fragments
      .filter((f): f is FunctionFragment => f.type === "function")
      .filter((f) => f.stateMutability !== "view" && f.stateMutability !== "pure")
      .map((f) => f.name)
      .sort();
    expect(stateChanging).to.deep.equal(
      [...takesLpFromCaller, ...paysLpToCaller, ...paysLpToCallerAndItsPenaltyRecipient, ...paysLpWhereTheStakerOrItsOperatorSays, ...movesNoLp].sort(),
    );
    expect(stateChanging).to.not.include("migrate");
    expect(stateChanging).to.not.include("setMigrator");

    // Alice stakes 1e15, locks 1e15 more, and leaves the farm approved for all her LP.
    await twoPools(w);
    await approve(usdcWeth, alice, farm);
    await mined(as(farm, owner).setLockTiers([1_000_000n], [30_000n]));
    await mined(as(farm, alice).deposit(0, LP));
    await mined(as(farm, alice).lock(0, LP, 0, await farm.lockTermsVersion()));
    const aliceWallet = (await usdcWeth.balanceOf(alice.address)) as bigint;
    await networkHelpers.mine(10);

    // The owner uses every function it has, then hands the farm to Mallory, who does it again.
    const sent: ContractTransactionResponse[] = [];
    const send = async (tx: Promise<ContractTransactionResponse>) => {
      const response = await tx;
      await response.wait();
      sent.push(response);
    };
    const everything = async (admin: typeof owner) => {
      const farmAs = as(farm, admin);
      await send(farmAs.set(0, 1));
      await send(farmAs.setRewardPerBlock(rwd("1")));
      await send(farmAs.pause());
      await send(farmAs.unpause());
      await send(farmAs.updatePool(0));
      await send(farmAs.massUpdatePools());
      await send(farmAs.harvest(0));
      await send(farmAs.harvestAll([0, 1]));
      await send(farmAs.deposit(0, 0));
      await send(farmAs.depositFor(0, 0, alice.address)); // pays Alice her own pending, to Alice
      await send(farmAs.withdraw(0, 0));
      await send(farmAs.emergencyWithdraw(0)); // the admin's own (empty) position
      await send(farmAs.setOperator(admin.address, true)); // operators are the staker's to name, not the admin's
      await send(farmAs.withdrawFor(0, 0, admin.address, admin.address));
      // Lock settings, pointed at itself, and unlocking Alice's pool: none of it moves her LP.
      await send(farmAs.setLockTiers([1n], [30_000n]));
      await send(farmAs.setEarlyExitPenalty(5_000n, admin.address));
      if (admin === owner) await send(farmAs.emergencyUnlock(0));
      else await expect(farmAs.emergencyUnlock(0)).to.be.revertedWithCustomError(farm, "PoolEmergencyUnlocked");
      await expect(farmAs.exitLock(0)).to.be.revertedWithCustomError(farm, "NotLocked");
      await expect(farmAs.lock(0, LP, 0, await farm.lockTermsVersion())).to.be.revertedWithCustomError(farm, "PoolEmergencyUnlocked").withArgs(0n);
      // Taking Alice's stake or her approved wallet LP is refused, with the reason.
      await expect(farmAs.withdraw(0, LP))
        .to.be.revertedWithCustomError(farm, "WithdrawExceedsStake")
        .withArgs(0n, LP, 0n);
      await expect(farmAs.withdrawFor(0, LP, alice.address, admin.address))
        .to.be.revertedWithCustomError(farm, "NotOperator")
        .withArgs(alice.address, admin.address);
      await expect(farmAs.harvestAllFor([0], alice.address, admin.address))
        .to.be.revertedWithCustomError(farm, "NotOperator")
        .withArgs(alice.address, admin.address);
      const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
      const permit = await signPairPermit(ethers, alice, usdcWeth, { spender: farmAddress, value: LP, deadline });
      await expect(farmAs.depositWithPermit(0, LP, deadline, permit.v, permit.r, permit.s))
        .to.be.revertedWithCustomError(farm, "PermitInvalid")
        .withArgs(await usdcWeth.getAddress());
      await expect(farmAs.renounceOwnership()).to.be.revertedWithCustomError(farm, "OwnershipCannotBeRenounced");
      // Only the farm's own partner rewarder marks a pool for partner rewards (which move no LP).
      await expect(farmAs.enablePartnerRewards(0))
        .to.be.revertedWithCustomError(farm, "NotPartnerRewarder")
        .withArgs(admin.address);
    };
    await send(as(farm, owner).add(50, await wbtcWeth.getAddress()));
    await everything(owner);
    await send(as(farm, owner).transferOwnership(mallory.address));
    await send(as(farm, mallory).acceptOwnership());
    await everything(mallory);
    expect(sent).to.have.length(36);

    // Not one LP transfer in any of those transactions; Alice's stake and wallet are untouched.
    const usdcWethAddress = await usdcWeth.getAddress();
    for (const tx of sent) {
      const receipt = await tx.wait();
      expect(receipt!.logs.filter((log) => log.address === usdcWethAddress), `${tx.hash} moved LP`).to.deep.equal([]);
    }
    expect((await farm.userInfo(0, alice.address)).amount).to.equal(2n * LP);
    expect(await usdcWeth.balanceOf(alice.address)).to.equal(aliceWallet);
    expect(await usdcWeth.balanceOf(farmAddress)).to.equal(2n * LP);
    expect(await rewardToken.balanceOf(farmAddress)).to.equal(0n);

    // Mallory pauses; Alice still takes exactly her stake back, the lock the owner ended included, to herself.
    await mined(as(farm, mallory).pause());
    await expect(as(farm, alice).emergencyWithdraw(0)).to.changeTokenBalances(ethers, usdcWeth, [alice, farmAddress], [2n * LP, -2n * LP]);
  });

  it("fee-on-transfer LP: credited by the amount received, so the farm stays solvent and rewards follow what arrived", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, bob, rewardToken, startBlock: S } = w;
    const farmAddress = await farm.getAddress();
    const fot = await ethers.deployContract("FeeOnTransferToken", [2000], owner); // burns 20 % of every transfer
    await mined(as(farm, owner).add(100, await fot.getAddress())); // the only pool: 10 RWD per block
    for (const [user, amount] of [[alice, rwd("1000")], [bob, rwd("4000")]] as const) {
      await mined(fot.mint(user.address, amount));
      await approve(fot, user, farm);
    }
    // A chef crediting the nominal amount would owe 5,000 while holding 4,000: the last one out
    // could not withdraw. Here 800 and 3,200 are credited.
    await expect(as(farm, alice).deposit(0, rwd("1000"))).to.emit(farm, "Deposit").withArgs(alice.address, 0n, rwd("800"));
    await expect(as(farm, bob).deposit(0, rwd("4000"))).to.emit(farm, "Deposit").withArgs(bob.address, 0n, rwd("3200"));
    await stillBefore(S);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(rwd("4000"));
    expect(await fot.balanceOf(farmAddress)).to.equal(rwd("4000"));
    await expect(as(farm, alice).withdraw(0, rwd("1000")))
      .to.be.revertedWithCustomError(farm, "WithdrawExceedsStake")
      .withArgs(0n, rwd("1000"), rwd("800"));

    // S+10: Alice leaves with 800 (640 arrive, the token burns 160) and 10 x 2 = 20 RWD.
    // S+11: Bob, the last one out, leaves with all 3,200 and 10 x 8 + 1 x 10 = 90 RWD.
    const aliceOut = await at(ethers, S + 10n, () => as(farm, alice).withdraw(0, rwd("800")));
    await expect(aliceOut).to.changeTokenBalances(ethers, fot, [alice, farmAddress], [rwd("640"), -rwd("800")]);
    const bobOut = await at(ethers, S + 11n, () => as(farm, bob).withdraw(0, rwd("3200")));
    await expect(bobOut).to.changeTokenBalances(ethers, fot, [bob, farmAddress], [rwd("2560"), -rwd("3200")]);
    expect(await mintsIn(rewardToken, aliceOut)).to.deep.equal([[alice.address, rwd("20")]]);
    expect(await mintsIn(rewardToken, bobOut)).to.deep.equal([[bob.address, rwd("90")]]);
    expect(await fot.balanceOf(farmAddress)).to.equal(0n);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(0n);
  });

  it("reward token used as LP: add rejects it with LpTokenIsRewardToken, and the farm never holds reward tokens to mix up", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, usdcWeth, rewardToken, startBlock: S } = w;
    const rewardAddress = await rewardToken.getAddress();
    const farmAddress = await farm.getAddress();
    await twoPools(w);
    // In a chef that pays rewards out of its own balance, a pool staking the reward token mixes
    // stakes with rewards: harvests pay out stakers' deposits. Here it cannot be a pool.
    const scope = { pids: [0, 1], accounts: [owner.address], tokens: [rewardToken], rewardToken };
    await refusedAndMined(ethers, () => farmState(farm, scope), [
      { send: (o) => as(farm, owner).add(100, rewardAddress, o), by: farm, error: "LpTokenIsRewardToken", args: [rewardAddress] },
    ]);

    // Rewards are minted to the staker when paid: the farm's reward balance stays 0.
    await approve(usdcWeth, alice, farm);
    await mined(as(farm, alice).deposit(0, LP));
    await stillBefore(S);
    const harvest = await at(ethers, S + 4n, () => as(farm, alice).harvest(0)); // 4 x 5
    expect(await mintsIn(rewardToken, harvest)).to.deep.equal([[alice.address, rwd("20")]]);
    expect(await rewardToken.balanceOf(farmAddress)).to.equal(0n);
    expect(await rewardToken.totalSupply()).to.equal(rwd("20"));
  });

  it("precision loss with tiny stakes or huge LP supply: 1 wei staked and a 1e30-wei pool both earn their exact share", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { owner, alice, bob, carol, mallory } = w;
    const tiny = await deployTestToken(ethers, owner, { name: "Tiny LP", symbol: "TINY", decimals: 18 });
    const big = await deployTestToken(ethers, owner, { name: "Big LP", symbol: "BIG", decimals: 18 });
    // 1,000 reward wei per block over two pools of 1 point each: 500 wei per block per pool.
    const S = (await latestBlock(ethers)) + 40n;
    const { farm, rewardToken } = await deployFarm(ethers, owner, {
      rewardPerBlock: 1000n, startBlock: S, cap: 10n ** 12n, owner: owner.address,
    });
    await mined(as(farm, owner).add(1, await tiny.getAddress()));
    await mined(as(farm, owner).add(1, await big.getAddress()));
    // Pool 0: Alice alone with 1 wei. Pool 1: 1e30 in all, Carol 7e26 (0.07 %) and Bob the rest.
    const CAROL = 7n * 10n ** 26n;
    const BOB = 10n ** 30n - CAROL;
    for (const [token, user, amount] of [[tiny, alice, 1n], [big, bob, BOB], [big, carol, CAROL]] as const) {
      await mined(token.mint(user.address, amount));
      await approve(token, user, farm);
      await mined(as(farm, user).deposit(token === tiny ? 0 : 1, amount));
    }
    await stillBefore(S);

    // Mallory settles Carol's position in every block from S+1 to S+20 (depositFor of 0 pays her).
    for (let block = S + 1n; block <= S + 20n; block++) {
      await at(ethers, block, () => as(farm, mallory).depositFor(1, 0, carol.address));
    }
    // Global accumulator: 1,000 x 1e9 / 2 points = 5e11 per block. Pool 1 per block (any update
    // spacing): 5e11 x 1e27 / 1e30 = 5e8 per LP wei (scaled 1e36), exact. A 1e12-scaled chef would
    // add floor(500 x 1e12 / 1e30) = 0 per block: pool 1 would never pay anyone.
    // At S+20, pool 1 has accumulated 1e10:
    // - Bob: (1e30 - 7e26) x 1e10 / 1e36 = 9,993 exactly;
    // - Carol: her exact share is 0.35 wei per block. Settled 20 times, she holds the floor of the
    //   whole, floor(7e26 x 1e10 / 1e36) = 7: nothing lost to the 20 roundings.
    // Pool 0: 1 x 20 x 5e11 x 1e27 / 1e36 = 10,000 for Alice's single wei.
    expect(await rewardToken.balanceOf(carol.address)).to.equal(7n);
    expect(await farm.pendingReward(1, carol.address)).to.equal(0n);
    expect(await farm.pendingReward(1, bob.address)).to.equal(9_993n);
    expect(await farm.pendingReward(0, alice.address)).to.equal(10_000n);
    // 20 x 1,000 = 20,000 emitted = 10,000 + 9,993 + 7: not one wei unaccounted for.
    expect(await farm.rewardsRemaining()).to.equal(10n ** 12n - 20_000n);
    await expect(at(ethers, S + 21n, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, 10_500n);
  });

  it("re-entrancy through a token callback during deposit, withdraw, harvest and emergencyWithdraw: every re-entry reverts with ReentrancyGuardReentrantCall", async function () {
    /**
     * Farm 1 (the world's farm): pool 0 stakes ReenteringToken, whose transfers call back.
     * Farm 2: a farm whose reward token, ReenteringRewardToken, calls back from the mint that pays
     * a harvest; Mallory stakes usdcWeth in its pool 0.
     */
    async function hostile() {
      const w = await buildWorld(ethers);
      const lp = await addReenteringLpPool(w);
      const S2 = (await latestBlock(ethers)) + 10n;
      const second = await deployFarmFor(
        ethers, w.owner,
        (minter) => ethers.deployContract("ReenteringRewardToken", [rwd("1000000"), minter], w.owner),
        { rewardPerBlock: rwd("10"), startBlock: S2, owner: w.owner.address },
      );
      await mined(as(second.farm, w.owner).add(100, await w.usdcWeth.getAddress()));
      await approve(w.usdcWeth, w.mallory, second.farm);
      await mined(as(second.farm, w.mallory).deposit(0, LP));
      return { ...w, ...lp, farm2: second.farm, reward2: second.rewardToken, reward2Address: await second.rewardToken.getAddress(), S2 };
    }

    type Hostile = Awaited<ReturnType<typeof hostile>>;
    interface Trigger {
      name: string;
      /** The farm attacked, the token whose callback re-enters it, and who that callback calls from. */
      parts: (h: Hostile) => { farm: Contract; armed: Contract; lpToken: Contract; rewardToken: Contract; from: string };
      /** Farm 1's callback comes from a staker of 100: it re-enters with 10. Farm 2's stakes nothing. */
      amount: bigint;
      /** Sends the triggering call with `o` (a fixed gas limit), so the refused call is mined. */
      send: (h: Hostile, o: Mined) => Promise<unknown>;
    }
    const lpCallback = (h: Hostile) => ({ farm: h.farm, armed: h.token, lpToken: h.token, rewardToken: h.rewardToken, from: h.tokenAddress });
    const triggers: Trigger[] = [
      { name: "deposit's transferFrom", parts: lpCallback, amount: rwd("10"), send: (h, o) => as(h.farm, h.mallory).deposit(0, rwd("10"), o) },
      { name: "withdraw's transfer", parts: lpCallback, amount: rwd("10"), send: (h, o) => as(h.farm, h.mallory).withdraw(0, rwd("10"), o) },
      { name: "emergencyWithdraw's transfer", parts: lpCallback, amount: rwd("10"), send: (h, o) => as(h.farm, h.mallory).emergencyWithdraw(0, o) },
      {
        name: "harvest's reward mint",
        parts: (h) => ({ farm: h.farm2, armed: h.reward2, lpToken: h.usdcWeth, rewardToken: h.reward2, from: h.reward2Address }),
        amount: 0n,
        send: (h, o) => as(h.farm2, h.mallory).harvest(0, o),
      },
    ];

    let cases = 0;
    for (const trigger of triggers) {
      for (let call = 0; call < FARM_CALLS; call++) {
        const h = await networkHelpers.loadFixture(hostile);
        const { farm, armed, lpToken, rewardToken, from } = trigger.parts(h);
        const [name, payload] = farmCalls(farm, 0n, trigger.amount, h.carol.address)[call];
        const farmAddress = await farm.getAddress();
        // Past both start blocks: rewards are pending, so every trigger moves LP or mints.
        await networkHelpers.mineUpTo((h.S2 > h.startBlock ? h.S2 : h.startBlock) + 5n);
        // From the same sender, not nested, the call goes through: only the nesting can stop it.
        await ethers.provider.call({ from, to: farmAddress, data: payload });

        await mined(armed.arm(farmAddress, payload));
        const scope = { pids: [0], accounts: [h.mallory.address, from, h.carol.address], tokens: [lpToken, rewardToken], rewardToken };
        await refusedAndMined(ethers, () => farmState(farm, scope), [{
          send: (o) => trigger.send(h, o), by: farm, error: "ReentrancyGuardReentrantCall", args: [], label: `${name} from ${trigger.name}`,
        }]);
        cases++;
      }
    }
    expect(cases).to.equal(32);
  });

  it("rewards short (cap reached) never silently zeroed: emission stops at the cap and every staker is paid in full what pendingReward showed", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { owner, alice, carol, usdcWeth, daiWeth } = w;
    // Cap 100 RWD with 5 minted at deployment: the farm can emit 95. 10 RWD per block.
    const S = (await latestBlock(ethers)) + 20n;
    const { farm, rewardToken } = await deployFarm(ethers, owner, {
      rewardPerBlock: rwd("10"), startBlock: S, cap: rwd("100"), initialSupply: rwd("5"), owner: owner.address,
    });
    await mined(as(farm, owner).add(100, await usdcWeth.getAddress())); // 2.5 per block
    await mined(as(farm, owner).add(300, await daiWeth.getAddress())); // 7.5 per block
    await approve(usdcWeth, alice, farm);
    await approve(daiWeth, carol, farm);
    await mined(as(farm, alice).deposit(0, LP));
    await mined(as(farm, carol).deposit(1, 10n ** 21n));
    await stillBefore(S);
    expect(await farm.emissionEndBlock()).to.equal(S + 10n);

    // S+1..S+9 emit 10 each, S+10 the last 5. Alice: 9 x 2.5 + 1.25 = 23.75; Carol: 9 x 7.5 + 3.75 = 71.25.
    await viewAt(ethers, S + 30n);
    expect(await farm.pendingReward(0, alice.address)).to.equal(rwd("23.75"));
    expect(await farm.pendingReward(1, carol.address)).to.equal(rwd("71.25"));
    expect(await farm.rewardsRemaining()).to.equal(0n);

    // A chef that accrues past the cap pays min(pending, what is left) and forgets the rest.
    // Here what is owed is exactly what can still be minted, so the last one out is paid in full.
    await expect(at(ethers, S + 31n, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, rwd("23.75"));
    expect((await rewardToken.cap()) - (await rewardToken.totalSupply())).to.equal(rwd("71.25"));
    const carolOut = await at(ethers, S + 32n, () => as(farm, carol).withdraw(1, 10n ** 21n));
    expect(await mintsIn(rewardToken, carolOut)).to.deep.equal([[carol.address, rwd("71.25")]]);
    expect(await rewardToken.totalSupply()).to.equal(rwd("100"));

    // At the cap every action still works and pays nothing; nothing is owed.
    const again = await at(ethers, S + 33n, () => as(farm, alice).harvest(0));
    await expect(again).to.not.emit(farm, "Harvest");
    await expect(at(ethers, S + 34n, () => as(farm, carol).deposit(1, 10n ** 21n))).to.emit(farm, "Deposit");
    await expect(at(ethers, S + 35n, () => as(farm, alice).withdraw(0, LP))).to.emit(farm, "Withdraw").withArgs(alice.address, 0n, LP);
    expect(await farm.pendingReward(1, carol.address)).to.equal(0n);
    expect(await rewardToken.totalSupply()).to.equal(rwd("100"));
  });

  it("unbounded loops: deposit, withdraw, harvest and emergencyWithdraw cost the same gas with 1 or 50 pools and 1 or 50 stakers", async function () {
    /** Builds the farm with `pools` pools and `stakers` stakers in pool 0, then measures Alice's operations there. */
    async function gasWith(pools: number, stakers: number): Promise<Record<string, bigint>> {
      const w = await networkHelpers.loadFixture(world);
      const { farm, owner, alice, bob, usdcWeth } = w;
      await mined(as(farm, owner).add(100, await usdcWeth.getAddress()));
      for (let i = 1; i < pools; i++) {
        // Every other pool has a staker too, so a loop over pools would have real work to do.
        const lp = await deployTestToken(ethers, owner, { name: `LP ${i}`, symbol: `LP${i}`, decimals: 18 });
        await mined(lp.mint(owner.address, rwd("1")));
        await approve(lp, owner, farm);
        await mined(as(farm, owner).add(100, await lp.getAddress()));
        await mined(as(farm, owner).depositFor(i, rwd("1"), bob.address));
      }
      await approve(usdcWeth, owner, farm);
      // 1 LP wei the farm holds but nobody staked: the farm's balance at the pair never empties, so
      // no variant earns the pair's refund for zeroing it (the pair's storage, not the farm's).
      await mined(as(usdcWeth, owner).transfer(await farm.getAddress(), 1n));
      for (let i = 1; i < stakers; i++) {
        await mined(as(farm, owner).depositFor(0, LP / 100n, Wallet.createRandom().address));
      }
      if ((await latestBlock(ethers)) < w.startBlock) await networkHelpers.mineUpTo(w.startBlock);
      await approve(usdcWeth, alice, farm);
      await mined(as(farm, alice).deposit(0, LP)); // a new staker; the operations below are on this stake
      // The pool earns once before anything is measured: its first credit turns its accumulator's
      // zero slot non-zero (17,100 gas more, once in a pool's life), whatever the farm's size.
      await networkHelpers.mine(1);
      await mined(farm.updatePool(0));
      expect(await farm.poolLength()).to.equal(BigInt(pools));

      const gas: Record<string, bigint> = {};
      const measure = async (label: string, send: () => Promise<ContractTransactionResponse>) => {
        await networkHelpers.mine(10); // reward pending, so every operation pays
        gas[label] = (await mined(send())).gasUsed;
      };
      await measure("deposit", () => as(farm, alice).deposit(0, LP / 10n));
      await measure("harvest", () => as(farm, alice).harvest(0));
      await measure("withdraw", () => as(farm, alice).withdraw(0, LP / 10n));
      await measure("emergencyWithdraw", () => as(farm, alice).emergencyWithdraw(0));
      return gas;
    }

    const one = await gasWith(1, 1);
    const manyPools = await gasWith(50, 1);
    const manyStakers = await gasWith(1, 50);
    console.table(Object.keys(one).map((op) => ({ operation: op, "1 pool, 1 staker": one[op], "50 pools": manyPools[op], "50 stakers": manyStakers[op] })));
    for (const op of Object.keys(one)) {
      expect(manyPools[op], `${op} with 50 pools`).to.equal(one[op]);
      expect(manyStakers[op], `${op} with 50 stakers`).to.equal(one[op]);
    }
  });

  it("emergencyWithdraw zeroing before transfer: a re-entering LP token sees the position and the pool already emptied during the transfer", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, mallory } = w;
    const { token } = await addReenteringLpPool(w); // pool 0: the token contract 100, Mallory 100
    const farmAddress = await farm.getAddress();
    await networkHelpers.mine(5);
    expect([...(await farm.userInfo(0, mallory.address))]).to.deep.equal([rwd("100"), 0n]);

    // The classic chef transfers first and zeroes after: a callback could emergencyWithdraw again.
    // Here, while the farm's transfer to Mallory runs, her position already reads (0, 0) ...
    const snapshot = await networkHelpers.takeSnapshot();
    await mined(token.arm(farmAddress, farm.interface.encodeFunctionData("userInfo", [0, mallory.address])));
    await expect(as(farm, mallory).emergencyWithdraw(0)).to.emit(farm, "EmergencyWithdraw").withArgs(mallory.address, 0n, rwd("100"));
    expect(farm.interface.decodeFunctionResult("userInfo", await token.lastReturnData()).toArray()).to.deep.equal([0n, 0n]);

    // ... and the pool's stake already excludes hers (200 -> 100).
    await snapshot.restore();
    await mined(token.arm(farmAddress, farm.interface.encodeFunctionData("poolInfo", [0])));
    await mined(as(farm, mallory).emergencyWithdraw(0));
    const [lpToken, allocPoint, totalStaked] = farm.interface.decodeFunctionResult("poolInfo", await token.lastReturnData());
    expect([lpToken, allocPoint, totalStaked]).to.deep.equal([await token.getAddress(), 100n, rwd("100")]);
    expect(await token.balanceOf(mallory.address)).to.equal(rwd("1000"));
    expect(await token.balanceOf(farmAddress)).to.equal(rwd("100"));
  });

  it("start block in the past: emission starts at deployment, nothing is owed for the blocks before, and idle blocks spend no budget", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { owner, alice, usdcWeth } = w;
    // Asked to start at block 1, long gone.
    const { farm, rewardToken } = await deployFarm(ethers, owner, {
      rewardPerBlock: rwd("10"), startBlock: 1n, cap: rwd("1000"), owner: owner.address,
    });
    const D = BigInt((await farm.deploymentTransaction()!.wait())!.blockNumber);
    expect(await farm.startBlock()).to.equal(D);
    expect(D).to.be.greaterThan(1n);

    // 50 blocks with no pool: nothing emitted, the whole budget left.
    await approve(usdcWeth, alice, farm); // D+1
    await viewAt(ethers, D + 50n);
    expect(await farm.rewardsRemaining()).to.equal(rwd("1000"));
    // D+51: the first pool and Alice's stake in one block. She earns from D+52, not from block 1
    // (a chef whose pools start at startBlock would owe her (D+51 - 1) x 10 RWD at once).
    await inOneBlock(ethers, D + 51n, [
      async () => as(farm, owner).add(100, await usdcWeth.getAddress()),
      () => as(farm, alice).deposit(0, LP),
    ]);
    await viewAt(ethers, D + 52n);
    expect(await farm.pendingReward(0, alice.address)).to.equal(rwd("10"));
    await expect(at(ethers, D + 61n, () => as(farm, alice).harvest(0)))
      .to.emit(farm, "Harvest").withArgs(alice.address, 0n, rwd("100")); // D+52..D+61
    expect(await rewardToken.totalSupply()).to.equal(rwd("100"));
    expect(await farm.rewardsRemaining()).to.equal(rwd("900"));
    expect(await farm.emissionEndBlock()).to.equal(D + 51n + 100n);
  });

  it("permit front-running: a permit submitted first by someone else leaves the deposit working, and a replay fails cleanly with PermitInvalid", async function () {
    const w = await networkHelpers.loadFixture(world);
    const { farm, owner, alice, mallory, usdcWeth, rewardToken } = w;
    await twoPools(w);
    const farmAddress = await farm.getAddress();
    const usdcWethAddress = await usdcWeth.getAddress();
    const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
    const { v, r, s } = await signPairPermit(ethers, alice, usdcWeth, { spender: farmAddress, value: LP, deadline });

    // Mallory copies the signature from the mempool and spends it on the pair first.
    await expect(as(usdcWeth, mallory).permit(alice.address, farmAddress, LP, deadline, v, r, s))
      .to.emit(usdcWeth, "Approval").withArgs(alice.address, farmAddress, LP);
    // Alice's transaction still stakes: the permit fails inside, the allowance it set is used.
    const tx = as(farm, alice).depositWithPermit(0, LP, deadline, v, r, s);
    await expect(tx).to.emit(farm, "Deposit").withArgs(alice.address, 0n, LP);
    await expect(tx).to.changeTokenBalances(ethers, usdcWeth, [alice, farmAddress], [-LP, LP]);
    expect(await usdcWeth.allowance(alice.address, farmAddress)).to.equal(0n);

    // The same signature again, by anyone: nonce used, allowance spent. It reverts, naming the
    // LP token, and changes nothing.
    const scope = { pids: [0], accounts: [alice.address, mallory.address, owner.address], tokens: [usdcWeth, rewardToken], rewardToken };
    await refusedAndMined(ethers, () => farmState(farm, scope), [alice, mallory].map((caller) => ({
      send: (o) => as(farm, caller).depositWithPermit(0, LP, deadline, v, r, s, o), by: farm, error: "PermitInvalid", args: [usdcWethAddress],
    })));
    expect((await farm.userInfo(0, alice.address)).amount).to.equal(LP);
    expect((await farm.userInfo(0, mallory.address)).amount).to.equal(0n);
  });
});
