/**
 * Partner rewards in the indexer's history, against the real local world (`npm start`, whose
 * PGlite indexer it embeds, and whose PTN streams on two pools): every PartnerRewardPaid,
 * PartnerRewardOwed, StreamFunded and StreamReclaimed the rewarder logged on chain is one row of
 * the right account's history, amounts exact, and no partner row exists without its log. A USDC
 * stream is priced as the stablecoin (1 USDC = 1 USD), PTN through its own PTN/WETH market, which no
 * pool of the farm is made of (so the indexer reads it at the event), both checked against the
 * reserves before the row's block; earnings keep RWD apart.
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
const PAIR_ABI = ["function token0() view returns (address)", "function getReserves() view returns (uint112, uint112, uint32)"];
const FACTORY_ABI = ["function getPair(address, address) view returns (address)"];

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

  /** Whole `quote` per whole `token` in their pair as it stood after block `block`. */
  async function pairPrice(token: string, quote: string, block: number): Promise<number> {
    const factory = new Contract(deployment.uniswapV2Factory, FACTORY_ABI, rpc);
    const pair = new Contract(await factory.getPair(token, quote), PAIR_ABI, rpc);
    const [token0, [r0, r1]] = await Promise.all([pair.token0({ blockTag: block }), pair.getReserves({ blockTag: block })]);
    const decimals = async (t: string) => Number(await new Contract(t, ERC20_ABI, rpc).decimals());
    const [d0, d1] = await Promise.all([decimals(token0), decimals(token0.toLowerCase() === token.toLowerCase() ? quote : token)]);
    const [own, other] = token0.toLowerCase() === token.toLowerCase() ? [Number(formatUnits(r0, d0)), Number(formatUnits(r1, d1))] : [Number(formatUnits(r1, d1)), Number(formatUnits(r0, d0))];
    return other / own;
  }

  /** Symbol and decimals as the token says; USD: USDC at 1, PTN at its PTN/WETH price times WETH's in USDC, both before the row's block. */
  async function expectTokenFacts(row: Action): Promise<void> {
    const p = row.partner!;
    expect(row.lp, "a partner row moves no LP").to.equal("0");
    expect(row.reward, "nor the farm's reward").to.equal("0");
    const token = new Contract(p.token, ERC20_ABI, rpc);
    expect(p.symbol).to.equal(await token.symbol());
    expect(p.decimals).to.equal(Number(await token.decimals()));
    let price = 1;
    if (p.token !== deployment.stablecoin.toLowerCase()) {
      expect(p.symbol).to.equal("PTN");
      const before = row.block - 1;
      price = (await pairPrice(p.token, deployment.weth, before)) * (await pairPrice(deployment.weth, deployment.stablecoin, before));
    }
    expect(p.priceUsd, `${p.symbol}'s price at block ${row.block}`).to.be.a("number");
    expect(Math.abs(p.priceUsd! - price) / price, `${p.symbol} at ${p.priceUsd}, the chain says ${price}`).to.be.lessThan(1e-12);
    expect(Math.abs(p.usd! - Number(formatUnits(BigInt(p.amount), p.decimals)) * price)).to.be.lessThan(1e-9 * Math.max(1, p.usd!));
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
      // Every payment priced: the total in USD is the sum of each at its own block's price.
      const rows = partnerOnly.filter((row) => row.partner!.token === total.token);
      expect(total.unpriced).to.equal(0);
      const sum = rows.reduce((s, row) => s + row.partner!.usd!, 0);
      // Plain numbers: the ethers matchers take closeTo for bigints and refuse a fraction.
      expect(Math.abs(total.totalUsd - sum)).to.be.lessThan(1e-9 * Math.max(1, sum));
    }
  });
});
