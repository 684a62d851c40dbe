/**
 * The indexer against the real local world (`npm start`, which embeds it on PGlite) and a second
 * indexer of the same chain on a real PostgreSQL server: actions sent on chain show in the API
 * exactly, with USD values computed here independently from the pairs' reserves at each block;
 * both databases answer the same; a pool added later is picked up; and after a revert to a
 * snapshot, history follows the chain, not the abandoned branch.
 */
import { expect } from "chai";
import { Contract, formatUnits, type JsonRpcSigner, JsonRpcProvider, type Log, parseUnits, type TransactionReceipt, zeroPadValue, ZeroAddress } from "ethers";
import hre from "hardhat";

import type { Deployment } from "../../deploy/deployments.js";
import { pairAt, uniswapArtifacts, uniswapAt } from "../../deploy/uniswap.js";
import type { Launched } from "../../fixtures/processes.js";
import { type PostgresServer, startPostgres } from "../../fixtures/postgres.js";
import type { Action } from "../../indexer/api-types.js";
import { addLiquidity } from "../../worlds/liquidity.js";
import { swapExact } from "../../worlds/swaps.js";
import { IndexerApi, launchPonder, launchWorld, type TestWorld, until } from "../helpers/indexer.js";

const ERC20_ABI = [
  "function balanceOf(address) view returns (uint256)",
  "function allowance(address, address) view returns (uint256)",
  "function approve(address, uint256) returns (bool)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
];
/** Relative tolerance for USD: float arithmetic in another order, nothing more. */
const USD_TOLERANCE = 1e-9;

function whole(wei: bigint, decimals: number): number {
  return Number(formatUnits(wei, decimals));
}

function expectUsd(actual: number | null, expected: number, what: string): void {
  expect(actual, what).to.be.a("number");
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).to.be.at.most(Math.abs(expected) * USD_TOLERANCE + 1e-12);
}

describe("indexer: history and analytics on PGlite and Postgres", function () {
  this.timeout(240_000);

  let world: TestWorld;
  let postgres: PostgresServer;
  let second: Launched | undefined;
  let rpc: JsonRpcProvider;
  let deployment: Deployment;
  let deploymentFile: string;
  let farm: Contract;
  let rewardToken: Contract;
  let alice: JsonRpcSigner;
  let owner: JsonRpcSigner;
  let bob: JsonRpcSigner;
  let carol: JsonRpcSigner;
  let pglite: IndexerApi;
  let pg: IndexerApi;
  let sent: TransactionReceipt[] = [];
  let firstTestBlock = 0;

  before(async function () {
    [world, postgres] = await Promise.all([launchWorld(), startPostgres()]);
    ({ deploymentFile, deployment } = world);
    expect(deployment.indexer, "npm start names its indexer in the deployments file").to.be.a("string");
    pglite = new IndexerApi(deployment.indexer!, "PGlite indexer");
    const launched = await launchPonder(deploymentFile, world.rpcUrl, { DATABASE_URL: postgres.url, DATABASE_SCHEMA: "farm_test" });
    second = launched.process;
    pg = launched.api;
    rpc = new JsonRpcProvider(world.rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1, polling: true, pollingInterval: 100 });
    farm = new Contract(deployment.farm, (await hre.artifacts.readArtifact("Farm")).abi, rpc);
    rewardToken = new Contract(deployment.rewardToken, ERC20_ABI, rpc);
    [owner, carol, alice, bob] = await Promise.all([0, 1, 2, 3].map((i) => rpc.getSigner(i)));
  });

  after(async function () {
    rpc?.destroy();
    await second?.stop();
    await world?.stop();
    await postgres?.stop();
  });

  /** Sends `tx` and keeps its receipt for the comparisons below. */
  async function send(tx: Promise<{ wait(): Promise<TransactionReceipt | null> }>): Promise<TransactionReceipt> {
    const receipt = (await (await tx).wait())!;
    sent.push(receipt);
    return receipt;
  }

  /** Both indexers have processed `block`. */
  async function bothAt(block: number): Promise<void> {
    await until(`both indexers at block ${block}`, async () => (await pglite.block()) >= block && (await pg.block()) >= block, 90_000);
  }

  // --- Independent prices: straight from reserves at a block, nothing from the indexer or the dapp.

  const pool = (pid: number) => deployment.pools.find((p) => p.pid === pid)!;

  async function pairAtBlock(address: string, block: number) {
    const pair = pairAt(address, rpc);
    const [[r0, r1], supply, token0] = await Promise.all([
      pair.getReserves({ blockTag: block }) as Promise<[bigint, bigint]>,
      pair.totalSupply({ blockTag: block }) as Promise<bigint>,
      pair.token0() as Promise<string>,
    ]);
    return { r0, r1, supply, token0 };
  }

  /** WETH in USDC from the USDC/WETH pair (pool 0) at `block`. */
  async function wethUsd(block: number): Promise<number> {
    const p = pool(0);
    const { r0, r1, token0 } = await pairAtBlock(p.lpToken, block);
    const [usdc, weth] = token0.toLowerCase() === deployment.stablecoin.toLowerCase() ? [r0, r1] : [r1, r0];
    return whole(usdc, 6) / whole(weth, 18);
  }

  /** RWD in USDC: RWD/WETH's WETH per RWD times WETH's price. */
  async function rwdUsd(block: number): Promise<number> {
    const p = deployment.pools.find((x) => [x.token0, x.token1].some((t) => t.toLowerCase() === deployment.rewardToken.toLowerCase()))!;
    const { r0, r1, token0 } = await pairAtBlock(p.lpToken, block);
    const [rwd, weth] = token0.toLowerCase() === deployment.rewardToken.toLowerCase() ? [r0, r1] : [r1, r0];
    return (whole(weth, 18) / whole(rwd, 18)) * (await wethUsd(block));
  }

  /** USDC/WETH LP in USDC at `block`: both reserves valued, over the supply. */
  async function pool0LpUsd(block: number): Promise<{ lpUsd: number; r0: bigint; r1: bigint; supply: bigint }> {
    const { r0, r1, supply, token0 } = await pairAtBlock(pool(0).lpToken, block);
    const [usdc, weth] = token0.toLowerCase() === deployment.stablecoin.toLowerCase() ? [r0, r1] : [r1, r0];
    const reservesUsd = whole(usdc, 6) + whole(weth, 18) * (await wethUsd(block));
    return { lpUsd: reservesUsd / whole(supply, 18), r0, r1, supply };
  }

  /** The reward minted to `user` in `receipt`, from the reward token's Transfer events. */
  function mintedTo(receipt: TransactionReceipt, user: string): bigint {
    return receipt.logs
      .filter((log) => log.address.toLowerCase() === deployment.rewardToken.toLowerCase())
      .map((log) => rewardToken.interface.parseLog(log)!)
      .filter((e) => e.args.from === ZeroAddress && e.args.to.toLowerCase() === user.toLowerCase())
      .reduce((sum, e) => sum + (e.args.value as bigint), 0n);
  }

  function farmEvents(receipt: TransactionReceipt): { log: Log; name: string; args: Record<string, unknown> & unknown[] }[] {
    return receipt.logs
      .filter((log) => log.address.toLowerCase() === deployment.farm.toLowerCase())
      .map((log) => ({ log, parsed: farm.interface.parseLog(log) }))
      .filter(({ parsed }) => parsed !== null)
      .map(({ log, parsed }) => ({ log, name: parsed!.name, args: parsed!.args as never }));
  }

  it("indexes the world as built: every pool with its pair, stake and stakers", async function () {
    await bothAt(await rpc.getBlockNumber());
    const totals = await pglite.farm();
    expect(totals.pools.map((p) => [p.pid, p.lpToken])).to.deep.equal(deployment.pools.map((p) => [p.pid, p.lpToken.toLowerCase()]));
    for (const p of totals.pools) {
      const [lpToken, allocPoint, totalStaked] = (await farm.poolInfo(p.pid)) as [string, bigint, bigint];
      expect(p.lpToken).to.equal(lpToken.toLowerCase());
      expect(p.allocPoint).to.equal(allocPoint.toString());
      expect(p.totalStaked, `pool ${p.pid} staked`).to.equal(totalStaked.toString());
      expect(p.stakers, `pool ${p.pid} stakers: dev accounts #0-#3`).to.equal(4);
      expect(p.pair?.symbol0).to.equal(pool(p.pid).symbol0);
    }
    expect(totals.stakers).to.equal(4);
    expect(totals.rewardPerBlock).to.equal(((await farm.rewardPerBlock()) as bigint).toString());
    expect(totals.totalAllocPoint).to.equal(((await farm.totalAllocPoint()) as bigint).toString());
    expect(totals.rewardSymbol).to.equal("RWD");
  });

  it("records a user's deposit, withdrawal, harvest and harvest-all exactly, USD at each block from the reserves", async function () {
    firstTestBlock = (await rpc.getBlockNumber()) + 1;
    sent = [];
    const f = farm.connect(alice) as Contract;
    const lp = new Contract(pool(0).lpToken, ERC20_ABI, rpc);
    const wallet = (await lp.balanceOf(alice.address)) as bigint;
    await send(f.deposit(0, wallet / 3n));
    await rpc.send("hardhat_mine", ["0x5"]);
    await send(f.withdraw(0, wallet / 5n));
    const uniswap = uniswapAt({ factory: deployment.uniswapV2Factory, router: deployment.uniswapV2Router, weth: deployment.weth }, alice);
    await swapExact(uniswap, alice, new Contract(deployment.stablecoin, ERC20_ABI, alice), uniswap.weth, parseUnits("5000", 6));
    await send(f.harvest(0));
    await send(f.harvestAll([0, 1, 2]));
    const last = sent.at(-1)!.blockNumber;
    await bothAt(last);

    // What the chain says happened, event by event.
    const expected: Partial<Action>[] = [];
    for (const receipt of sent) {
      for (const { log, name, args } of farmEvents(receipt)) {
        if (!["Deposit", "Withdraw", "Harvest"].includes(name)) continue;
        const kind = name.toLowerCase();
        expected.push({
          kind: kind as Action["kind"],
          pid: Number(args.pid),
          lp: kind === "harvest" ? "0" : (args.amount as bigint).toString(),
          reward: (kind === "harvest" ? (args.amount as bigint) : mintedTo(receipt, alice.address)).toString(),
          block: receipt.blockNumber,
          txHash: receipt.hash,
          logIndex: log.index,
        });
      }
    }
    expect(expected.map((a) => a.kind)).to.deep.equal(["deposit", "withdraw", "harvest", "harvest", "harvest", "harvest"]);
    expect(BigInt(expected[1].reward!), "a withdrawal pays the reward earned").to.be.greaterThan(0n);

    // The farm's own actions: the PTN these pay is in test/indexer/partners.test.ts.
    const history = (await pglite.history(alice.address)).filter((a) => a.block >= firstTestBlock && a.partner === null).reverse();
    const shown = history.map(({ kind, pid, lp, reward, block, txHash, logIndex }) => ({ kind, pid, lp, reward, block, txHash, logIndex }));
    expect(shown).to.deep.equal(expected);

    for (const action of history) {
      const rwd = await rwdUsd(action.block);
      expectUsd(action.rewardPriceUsd, rwd, `RWD price at block ${action.block}`);
      expectUsd(action.rewardUsd, whole(BigInt(action.reward), 18) * rwd, `${action.kind} reward USD`);
      if (action.pid !== 0 || action.kind === "harvest") continue;
      const { lpUsd, r0, r1, supply } = await pool0LpUsd(action.block);
      expectUsd(action.lpPriceUsd, lpUsd, `LP price at block ${action.block}`);
      expectUsd(action.valueUsd, whole(BigInt(action.lp), 18) * lpUsd, `${action.kind} USD`);
      expect(action.amount0, "token0 the LP stood for").to.equal(((BigInt(action.lp) * r0) / supply).toString());
      expect(action.amount1, "token1 the LP stood for").to.equal(((BigInt(action.lp) * r1) / supply).toString());
    }
  });

  it("records zaps as the deposits and withdrawals they are, with what went in and came out", async function () {
    const from = (await rpc.getBlockNumber()) + 1;
    const zapAbi = (await hre.artifacts.readArtifact("FarmZap")).abi;
    const zap = new Contract(deployment.zap!, zapAbi, alice);
    const deadline = 2n ** 40n;
    await send((farm.connect(alice) as Contract).setOperator(deployment.zap, true));
    const zapIn = await send(zap.zapIn(0, ZeroAddress, parseUnits("1", 18), 1n, deadline, { value: parseUnits("1", 18) }));
    const [staked] = (await farm.userInfo(0, alice.address)) as [bigint];
    const zapOut = await send(zap.zapOut(0, staked / 10n, 0n, 0n, deadline));
    const rewardPid = deployment.pools.findIndex((p) => [p.token0, p.token1].some((t) => t.toLowerCase() === deployment.rewardToken.toLowerCase()));
    const compound = await send(zap.compound([0, 1, 2], rewardPid, [deployment.rewardToken], 1n, deadline));
    await bothAt(compound.blockNumber);

    const zapEvent = (receipt: TransactionReceipt) =>
      receipt.logs.filter((l) => l.address.toLowerCase() === deployment.zap!.toLowerCase()).map((l) => zap.interface.parseLog(l)!)[0];
    const farmFlow = (receipt: TransactionReceipt, name: string) => farmEvents(receipt).find((e) => e.name === name)!;
    const history = (await pglite.history(alice.address, "", 50)).filter((a) => a.block >= from);
    const byTx = (receipt: TransactionReceipt) => history.filter((a) => a.txHash === receipt.hash && a.kind !== "harvest" && a.partner === null);

    const [inAction] = byTx(zapIn);
    expect(inAction).to.include({ kind: "zapIn", pid: 0, lp: (farmFlow(zapIn, "Deposit").args.amount as bigint).toString(), reward: mintedTo(zapIn, alice.address).toString() });
    expect(inAction.detail).to.deep.include({ tokenIn: ZeroAddress, amountIn: parseUnits("1", 18).toString(), leftover0: zapEvent(zapIn).args.leftover0.toString() });
    expectUsd(inAction.valueUsd, whole(BigInt(inAction.lp), 18) * (await pool0LpUsd(zapIn.blockNumber)).lpUsd, "zap in USD");

    const [outAction] = byTx(zapOut);
    expect(outAction).to.include({ kind: "zapOut", pid: 0, lp: (staked / 10n).toString() });
    expect(outAction.detail).to.deep.equal({ received0: zapEvent(zapOut).args.amount0.toString(), received1: zapEvent(zapOut).args.amount1.toString() });
    // Priced at the end of its block, when the LP has left the pair: the reserves and the supply
    // both fell by its share, so the LP's price is what it was worth.
    expectUsd(outAction.valueUsd, whole(staked / 10n, 18) * (await pool0LpUsd(zapOut.blockNumber)).lpUsd, "zap out USD");

    const [compoundAction] = byTx(compound);
    const compounded = zapEvent(compound);
    expect(compoundAction).to.include({ kind: "compound", pid: rewardPid, lp: compounded.args.liquidity.toString() });
    expect(compoundAction.detail?.rewardIn).to.equal(compounded.args.reward.toString());
    const harvested = history.filter((a) => a.txHash === compound.hash && a.kind === "harvest").reduce((sum, a) => sum + BigInt(a.reward), 0n);
    expect(harvested, "the compound's harvests stay earnings").to.equal(compounded.args.reward as bigint);
  });

  it("pages history newest first, filtered by pool and by kind", async function () {
    const all = await pglite.history(alice.address, "", 100);
    expect(await pglite.history(alice.address, "", 2)).to.deep.equal(all);
    const keys = all.map((a) => a.block * 1e4 + a.logIndex);
    expect(keys).to.deep.equal([...keys].sort((a, b) => b - a));
    expect(await pglite.history(alice.address, "&pid=1", 2)).to.deep.equal(all.filter((a) => a.pid === 1));
    expect(await pglite.history(alice.address, "&kind=harvest,withdraw", 3)).to.deep.equal(all.filter((a) => a.kind === "harvest" || a.kind === "withdraw"));
    const bad = await fetch(`${pglite.url}/api/history/${alice.address}?kind=steal`);
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: string }).error).to.match(/^Unknown kind steal: use deposit, withdraw/);
  });

  it("sums a user's earnings: every reward paid for it, in RWD and in USD when paid", async function () {
    const mints = await rpc.getLogs({
      address: deployment.rewardToken,
      topics: [rewardToken.interface.getEvent("Transfer")!.topicHash, zeroPadValue(ZeroAddress, 32), zeroPadValue(alice.address, 32)],
      fromBlock: deployment.deployedAtBlock,
    });
    let total = 0n;
    let totalUsd = 0;
    for (const log of mints) {
      const value = BigInt(log.data);
      total += value;
      totalUsd += whole(value, 18) * (await rwdUsd(log.blockNumber));
    }
    expect(total).to.be.greaterThan(0n);
    // A compound's reward is minted to the zap, for the user: earned all the same, and valued
    // before the compound sold it (its own swap moves the price within the block).
    const zap = new Contract(deployment.zap!, (await hre.artifacts.readArtifact("FarmZap")).abi, rpc);
    for (const log of await zap.queryFilter(zap.filters.Compounded(alice.address), deployment.deployedAtBlock)) {
      const reward = (zap.interface.parseLog(log)!.args.reward as bigint);
      total += reward;
      totalUsd += whole(reward, 18) * (await rwdUsd(log.blockNumber - 1));
    }
    const earnings = await pglite.earnings(alice.address);
    expect(earnings.totalReward).to.equal(total.toString());
    expectUsd(earnings.totalUsd, totalUsd, "earnings in USD");
    expect(earnings.days.at(-1)!.cumulativeReward).to.equal(total.toString());
  });

  it("gives a position's flows for PnL against holding, and its stake as on chain", async function () {
    const position = await pglite.position(alice.address, 0);
    const [staked] = (await farm.userInfo(0, alice.address)) as [bigint];
    expect(position.staked).to.equal(staked.toString());
    const sign: Partial<Record<Action["kind"], bigint>> = { deposit: 1n, zapIn: 1n, compound: 1n, withdraw: -1n, zapOut: -1n, zapOutTo: -1n };
    const net = position.actions.reduce((sum, a) => sum + (sign[a.kind] ?? 0n) * BigInt(a.lp), 0n);
    expect(position.actions.map((a) => a.kind)).to.include.members(["deposit", "withdraw", "zapIn", "zapOut"]);
    expect(net, "deposits less withdrawals, the zap's included").to.equal(staked);
    expect(position.pair?.symbol0).to.equal(pool(0).symbol0);
    expect(position.rewardTotal).to.equal(position.actions.reduce((sum, a) => sum + BigInt(a.reward), 0n).toString());
  });

  it("follows each pool's volume in USD at every swap's block, and its series' stake", async function () {
    const p = pool(0);
    const swapTopic = new Contract(p.lpToken, uniswapArtifacts.pair.abi as never).interface.getEvent("Swap")!.topicHash;
    const swaps = await rpc.getLogs({ address: p.lpToken, topics: [swapTopic], fromBlock: deployment.deployedAtBlock });
    const pairInterface = pairAt(p.lpToken, rpc).interface;
    let volume = 0;
    for (const log of swaps) {
      const { amount0In, amount1In } = pairInterface.parseLog(log)!.args as unknown as { amount0In: bigint; amount1In: bigint };
      const weth = await wethUsd(log.blockNumber);
      const [price0, price1] = p.token0.toLowerCase() === deployment.stablecoin.toLowerCase() ? [1, weth] : [weth, 1];
      volume += whole(amount0In, p.decimals0) * price0 + whole(amount1In, p.decimals1) * price1;
    }
    expect(swaps.length).to.be.greaterThan(6); // the world's six and the test's
    const totals = await pglite.farm();
    expectUsd(totals.pools[0].volumeUsd, volume, "pool 0 volume");
    const hours = await pglite.series(0, "hour");
    expectUsd(hours.points.reduce((sum, point) => sum + point.volumeUsd, 0), volume, "hourly volumes' sum");
    const [, , totalStaked] = (await farm.poolInfo(0)) as [string, bigint, bigint];
    expect(hours.points.at(-1)!.staked).to.equal(totalStaked.toString());
    expect(hours.points.at(-1)!.rewardApr).to.be.greaterThan(0);
    expect(hours.points.at(-1)!.feeApr).to.be.greaterThan(0);
    const days = await pglite.series(0, "day");
    expect(days.points.at(-1)!.staked).to.equal(totalStaked.toString());
  });

  it("counts the farm's rewards paid: every mint since deployment", async function () {
    const mints = await rpc.getLogs({
      address: deployment.rewardToken,
      topics: [rewardToken.interface.getEvent("Transfer")!.topicHash, zeroPadValue(ZeroAddress, 32)],
      fromBlock: deployment.deployedAtBlock,
    });
    const totals = await pglite.farm();
    expect(totals.rewardsPaid).to.equal(mints.reduce((sum, log) => sum + BigInt(log.data), 0n).toString());
    expect(BigInt(totals.rewardsRemaining)).to.be.greaterThan(0n);
    expect(totals.readBlock).to.be.greaterThan(0);
  });

  it("picks up a pool added later and prices its actions", async function () {
    const usdc = new Contract(deployment.stablecoin, ERC20_ABI, alice);
    const wbtcAddress = deployment.pools.flatMap((p) => [[p.token0, p.symbol0], [p.token1, p.symbol1]]).find(([, s]) => s === "WBTC")![0];
    const wbtc = new Contract(wbtcAddress, ERC20_ABI, alice);
    const uniswap = uniswapAt({ factory: deployment.uniswapV2Factory, router: deployment.uniswapV2Router, weth: deployment.weth }, alice);
    const pair = await addLiquidity(uniswap, alice, { tokenA: wbtc, tokenB: usdc, amountA: parseUnits("0.1", 8), amountB: parseUnits("6100", 6) });
    await send((farm.connect(owner) as Contract).add(10n, pair.target));
    const pid = Number(await farm.poolLength()) - 1;
    const lp = new Contract(pair.target as string, ERC20_ABI, alice);
    const amount = ((await lp.balanceOf(alice.address)) as bigint) / 2n;
    await (await (lp.connect(alice) as Contract).approve(deployment.farm, amount)).wait();
    const receipt = await send((farm.connect(alice) as Contract).deposit(pid, amount));
    await bothAt(receipt.blockNumber);

    const [action] = await pglite.history(alice.address, `&pid=${pid}`);
    expect(action).to.include({ kind: "deposit", lp: amount.toString(), block: receipt.blockNumber });
    // WBTC is priced by its pair with the stablecoin (the new pool itself), so the LP is worth
    // twice its USDC side.
    const { r0, r1, supply, token0 } = await pairAtBlock(pair.target as string, receipt.blockNumber);
    const usdcReserve = token0.toLowerCase() === deployment.stablecoin.toLowerCase() ? r0 : r1;
    expectUsd(action.valueUsd, (whole(amount, 18) * 2 * whole(usdcReserve, 6)) / whole(supply, 18), "new pool deposit USD");
    const totals = await pglite.farm();
    expect(totals.pools.map((p) => p.pid)).to.include(pid);
    expect(totals.pools.find((p) => p.pid === pid)).to.include({ totalStaked: amount.toString(), stakers: 1, allocPoint: "10" });
  });

  it("records a lock and its early exit, with boost, end and penalty, and keeps the stake as on chain", async function () {
    const f = farm.connect(carol) as Contract;
    const lp = new Contract(pool(3).lpToken, ERC20_ABI, rpc);
    const amount = ((await lp.balanceOf(carol.address)) as bigint) / 2n;
    // A fixed gas limit: the world mines a block a second, and the first farm action after a lock's
    // end boundary stores the global accumulator there (a fresh slot), which the estimate made a
    // block earlier may not have paid for.
    const gas = { gasLimit: 1_000_000 };
    const locked = await send(f.lock(3, amount, 1, await farm.lockTermsVersion(), gas));
    await rpc.send("hardhat_mine", ["0x3"]);
    const exited = await send(f.exitLock(3, gas));
    await bothAt(exited.blockNumber);

    const lockEvent = farmEvents(locked).find((e) => e.name === "Locked")!.args;
    const exitEvent = farmEvents(exited).find((e) => e.name === "LockExited")!.args;
    const [lockAction, exitAction] = (await pglite.history(carol.address, "&pid=3&kind=lock,lockExit", 10)).reverse();
    expect(lockAction).to.include({ kind: "lock", lp: amount.toString(), txHash: locked.hash, reward: mintedTo(locked, carol.address).toString() });
    expect(lockAction.detail).to.deep.equal({
      locked: (lockEvent.locked as bigint).toString(), boostBps: "15000", endBlock: (lockEvent.endBlock as bigint).toString(), penaltyBps: "2000",
    });
    expect(exitAction).to.include({ kind: "lockExit", lp: (exitEvent.returned as bigint).toString(), txHash: exited.hash, reward: mintedTo(exited, carol.address).toString() });
    expect(exitAction.detail).to.deep.equal({ penalty: (exitEvent.penalty as bigint).toString() });
    expect(exitEvent.penalty as bigint).to.be.greaterThan(0n);
    const [staked] = (await farm.userInfo(3, carol.address)) as [bigint];
    expect((await pglite.position(carol.address, 3)).staked).to.equal(staked.toString());
    const [, , total] = (await farm.poolInfo(3)) as [string, bigint, bigint];
    expect((await pglite.farm()).pools[3].totalStaked).to.equal(total.toString());
  });

  it("answers the same on Postgres as on PGlite", async function () {
    await bothAt(await rpc.getBlockNumber());
    for (const route of [
      `/api/history/${alice.address}?limit=500`,
      `/api/earnings/${alice.address}`,
      `/api/position/${alice.address}/0`,
      `/api/history/${carol.address}?limit=500`,
      "/api/pools/0/series?interval=hour",
      "/api/pools/4/series?interval=day",
      "/api/farm",
    ]) {
      expect(await pg.get(route), route).to.deep.equal(await pglite.get(route));
    }
  });

  it("follows the chain through a reorg: after a revert to a snapshot, the abandoned branch's actions are gone", async function () {
    const f = farm.connect(bob) as Contract;
    const lp1 = new Contract(pool(1).lpToken, ERC20_ABI, rpc);
    const snapshot = (await rpc.send("evm_snapshot", [])) as string;
    const from = (await rpc.getBlockNumber()) + 1;
    const abandoned = await send(f.deposit(1, ((await lp1.balanceOf(bob.address)) as bigint) / 4n));
    await rpc.send("hardhat_mine", ["0x2"]);
    await bothAt(abandoned.blockNumber);
    for (const api of [pglite, pg]) {
      expect((await api.history(bob.address, "&pid=1", 50)).map((a) => a.txHash), api.name).to.include(abandoned.hash);
    }

    expect(await rpc.send("evm_revert", [snapshot])).to.equal(true);
    const lp2 = new Contract(pool(2).lpToken, ERC20_ABI, rpc);
    const kept = await send(f.deposit(2, ((await lp2.balanceOf(bob.address)) as bigint) / 3n));
    await rpc.send("hardhat_mine", ["0x5"]); // past the abandoned branch's height
    for (const api of [pglite, pg]) {
      await until(`${api.name} to follow the reorg`, async () => {
        const recent = (await api.history(bob.address, "", 50)).filter((a) => a.block >= from);
        return recent.length === 1 && recent[0].txHash === kept.hash;
      });
      const [staked1] = (await farm.userInfo(1, bob.address)) as [bigint];
      expect((await api.position(bob.address, 1)).staked, `${api.name}: pool 1 as on chain`).to.equal(staked1.toString());
      const [, , total1] = (await farm.poolInfo(1)) as [string, bigint, bigint];
      expect((await api.farm()).pools[1].totalStaked, `${api.name}: pool 1 total as on chain`).to.equal(total1.toString());
    }
  });
});
