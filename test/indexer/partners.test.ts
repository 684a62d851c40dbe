/**
 * Partner rewards in the indexer's history, against the real local world (`npm start`, whose
 * PGlite indexer it embeds, and whose PTN streams on two pools): every PartnerRewardPaid,
 * PartnerRewardOwed, StreamFunded and StreamReclaimed the rewarder logged on chain is one row of
 * the right account's history, amounts exact, and no partner row exists without its log. A USDC
 * stream gives the priced case (1 USDC = 1 USD, the stablecoin), PTN the unpriced one (its
 * PTN/WETH market is not a pair the indexer tracks: USD null); earnings keep RWD apart.
 */
import { expect } from "chai";
import { Contract, formatUnits, type JsonRpcSigner, JsonRpcProvider, MaxUint256, parseUnits, type TransactionReceipt } from "ethers";
import hre from "hardhat";

import type { Deployment } from "../../deploy/deployments.js";
import type { Action } from "../../indexer/api-types.js";
import { chainPartnerRows, IndexerApi, launchWorld, PARTNER_KINDS, type TestWorld, until } from "../helpers/indexer.js";

const ERC20_ABI = [
  "function approve(address, uint256) returns (bool)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
];

describe("indexer: partner rewards in history", function () {
  this.timeout(300_000);

  let world: TestWorld;
  let rpc: JsonRpcProvider;
  let deployment: Deployment;
  let indexer: IndexerApi;
  let farm: Contract;
  let rewarder: Contract;
  let owner: JsonRpcSigner;
  let alice: JsonRpcSigner;
  let bob: JsonRpcSigner;

  before(async function () {
    world = await launchWorld();
    deployment = world.deployment;
    indexer = new IndexerApi(deployment.indexer!, "PGlite indexer");
    rpc = new JsonRpcProvider(world.rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1, polling: true, pollingInterval: 100 });
    farm = new Contract(deployment.farm, (await hre.artifacts.readArtifact("Farm")).abi, rpc);
    rewarder = new Contract(deployment.partnerRewarder, (await hre.artifacts.readArtifact("PartnerRewarder")).abi, rpc);
    [owner, alice, bob] = await Promise.all([0, 2, 3].map((i) => rpc.getSigner(i)));
  });

  after(async function () {
    rpc?.destroy();
    await world?.stop();
  });

  async function send(tx: Promise<{ wait(): Promise<TransactionReceipt | null> }>): Promise<TransactionReceipt> {
    return (await (await tx).wait())!;
  }

  async function indexedTo(block: number): Promise<void> {
    await until(`the indexer at block ${block}`, async () => (await indexer.block()) >= block, 90_000);
  }

  /** The pools carrying PTN in the world, and one with no stream at all. */
  async function poolsByStreams(): Promise<{ partnered: number[]; bare: number }> {
    const counts = await Promise.all(deployment.pools.map(async (p) => ((await rewarder.streams(p.pid)) as unknown[]).length));
    const partnered = deployment.pools.filter((_, i) => counts[i] > 0).map((p) => p.pid);
    const bare = deployment.pools.find((_, i) => counts[i] === 0)!.pid;
    return { partnered, bare };
  }

  it("records every partner payment, owed amount, funding and reclaim as the chain logged it, amounts exact", async function () {
    const { partnered, bare } = await poolsByStreams();
    expect(partnered, "the world streams PTN on two pools").to.have.length(2);
    const [pid] = partnered;
    const usdc = new Contract(deployment.stablecoin, ERC20_ABI, owner);
    const r = rewarder.connect(owner) as Contract;
    await send(usdc.approve(deployment.partnerRewarder, MaxUint256));
    // A second token on a PTN pool: USDC, which the indexer prices (the stablecoin).
    await send(r.fund(pid, deployment.stablecoin, parseUnits("1000", 6), (await rpc.getBlockNumber()) + 2_000));
    // A short stream where nobody is enrolled: all it releases goes back to its sponsor.
    const shortEnd = (await rpc.getBlockNumber()) + 4;
    await send(r.fund(bare, deployment.stablecoin, parseUnits("40", 6), shortEnd));
    await rpc.send("hardhat_mine", ["0x5"]);

    const f = (who: JsonRpcSigner) => farm.connect(who) as Contract;
    await send(f(alice).harvest(pid));
    await send(f(alice).deposit(pid, 0n));
    await send(f(alice).harvestAll(partnered));
    // An emergency exit leaves partner rewards owed; a claim pays them.
    await send(f(bob).emergencyWithdraw(pid));
    await send((rewarder.connect(bob) as Contract).claim(pid));
    const last = await send(r.reclaim(bare, deployment.stablecoin));
    await indexedTo(last.blockNumber);

    const onChain = await chainPartnerRows(rpc, deployment);
    const kinds = new Set(onChain.map((row) => row.kind));
    expect([...kinds].sort(), "this test makes every partner kind happen").to.deep.equal([...PARTNER_KINDS].sort());
    const tokens = new Set(onChain.filter((row) => row.kind === "partner").map((row) => row.token));
    expect(tokens.size, "payments in PTN and in USDC").to.equal(2);

    const accounts = [...new Set(onChain.map((row) => row.user))];
    for (const user of accounts) {
      const expected = onChain.filter((row) => row.user === user);
      const rows = (await indexer.history(user, `&kind=${PARTNER_KINDS.join(",")}`, 7)).reverse();
      expect(rows.map(pick), `${user}'s partner rows`).to.deep.equal(expected.map(({ user: _, ...row }) => row));
      for (const row of rows) await expectTokenFacts(row);
    }
  });

  /** What the chain says of a row, in the API's terms. */
  function pick(row: Action) {
    return {
      kind: row.kind, pid: row.pid, token: row.partner?.token, amount: row.partner?.amount, to: row.partner?.to ?? null,
      detail: row.detail ?? null, block: row.block, txHash: row.txHash, logIndex: row.logIndex,
    };
  }

  /** Symbol and decimals as the token says; USD exact for USDC (1 USD), null for PTN (no tracked pair). */
  async function expectTokenFacts(row: Action): Promise<void> {
    const p = row.partner!;
    expect(row.lp, "a partner row moves no LP").to.equal("0");
    expect(row.reward, "nor the farm's reward").to.equal("0");
    const token = new Contract(p.token, ERC20_ABI, rpc);
    expect(p.symbol).to.equal(await token.symbol());
    expect(p.decimals).to.equal(Number(await token.decimals()));
    if (p.token === deployment.stablecoin.toLowerCase()) {
      expect(p.priceUsd).to.equal(1);
      expect(p.usd).to.equal(Number(formatUnits(BigInt(p.amount), 6)));
    } else {
      expect(p.symbol).to.equal("PTN");
      expect(p.priceUsd, "PTN's market is not a pair the indexer tracks").to.equal(null);
      expect(p.usd).to.equal(null);
    }
  }

  it("filters by kind, and keeps partner tokens out of the reward token's earnings", async function () {
    const onChain = await chainPartnerRows(rpc, deployment);
    const user = onChain.find((row) => row.kind === "partner")!.user;
    const partnerOnly = await indexer.history(user, "&kind=partner", 50);
    expect(partnerOnly.length).to.equal(onChain.filter((row) => row.user === user && row.kind === "partner").length);
    expect(partnerOnly.every((row) => row.kind === "partner")).to.equal(true);

    const everything = await indexer.history(user, "", 50);
    const earnings = await indexer.earnings(user);
    const rewardPaid = everything.reduce((sum, row) => sum + BigInt(row.reward), 0n);
    expect(earnings.totalReward, "RWD earned: the reward token's payments only").to.equal(rewardPaid.toString());
    expect(earnings.partner.map((t) => [t.token, t.total])).to.deep.equal(
      [...new Set(onChain.filter((row) => row.user === user && row.kind === "partner").map((row) => row.token))].sort().map((token) => [
        token,
        onChain.filter((row) => row.user === user && row.kind === "partner" && row.token === token).reduce((sum, row) => sum + BigInt(row.amount), 0n).toString(),
      ]),
    );
    for (const total of earnings.partner) {
      const paid = onChain.filter((row) => row.user === user && row.kind === "partner" && row.token === total.token);
      if (total.token === deployment.stablecoin.toLowerCase()) {
        expect(total.unpriced).to.equal(0);
        // Plain numbers: the ethers matchers take closeTo for bigints and refuse a fraction.
        expect(Math.abs(total.totalUsd - Number(formatUnits(BigInt(total.total), 6)))).to.be.lessThan(1e-9);
      } else {
        expect(total.unpriced).to.equal(paid.length);
        expect(total.totalUsd).to.equal(0);
      }
    }
  });
});
