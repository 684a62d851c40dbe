/**
 * The indexer's GraphQL (Ponder's /graphql on the same tables as the API, README "Indexer"):
 * against a local world of our own (`npm start`, its embedded indexer on PGlite), after a user's
 * deposit, withdrawal, harvest and a lock, the pools, their pairs and the user's actions read
 * through GraphQL are what the chain says: the farm's poolInfo and stakes, the pairs' reserves,
 * the farm's events for the user and the reward token's mints in their transactions. Its paging
 * follows its own cursor, and a bad query is answered with GraphQL's errors, not rows.
 */
import { expect } from "chai";
import { Contract, type JsonRpcSigner, JsonRpcProvider, type TransactionReceipt } from "ethers";
import hre from "hardhat";

import { pairAt } from "../../deploy/uniswap.js";
import { chainActions, IndexerApi, launchWorld, type TestWorld, until } from "../helpers/indexer.js";

const ERC20_ABI = ["function balanceOf(address) view returns (uint256)"];

describe("indexer: GraphQL against the chain", function () {
  this.timeout(240_000);

  let world: TestWorld;
  let rpc: JsonRpcProvider;
  let farm: Contract;
  let user: JsonRpcSigner;
  let api: IndexerApi;
  const sent: TransactionReceipt[] = [];

  /** POSTs `query` to /graphql; returns its data, or fails with its errors. */
  async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: { message: string }[] }> {
    const response = await fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: T; errors?: { message: string }[] };
  }

  async function data<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await graphql<T>(query, variables);
    expect(answer.errors, JSON.stringify(answer.errors)).to.equal(undefined);
    return answer.data!;
  }

  before(async function () {
    world = await launchWorld();
    expect(world.deployment.indexer, "npm start names its indexer").to.be.a("string");
    api = new IndexerApi(world.deployment.indexer!, "embedded indexer");
    rpc = new JsonRpcProvider(world.rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1, polling: true, pollingInterval: 100 });
    farm = new Contract(world.deployment.farm, (await hre.artifacts.readArtifact("Farm")).abi, rpc);
    user = await rpc.getSigner(2);

    const f = farm.connect(user) as Contract;
    const send = async (tx: Promise<{ wait(): Promise<TransactionReceipt | null> }>) => sent.push((await (await tx).wait())!);
    const lp = (pid: number) => new Contract(world.deployment.pools[pid]!.lpToken, ERC20_ABI, rpc);
    const wallet0 = (await lp(0).balanceOf(user.address)) as bigint;
    await send(f.deposit(0, wallet0 / 3n));
    await send(f.withdraw(0, wallet0 / 7n));
    await send(f.harvest(1));
    const wallet3 = (await lp(3).balanceOf(user.address)) as bigint;
    await send(f.lock(3, wallet3 / 2n, 0, await farm.lockTermsVersion()));
    const last = sent.at(-1)!.blockNumber;
    await until(`the indexer at block ${last}`, async () => (await api.block()) >= last && (await fetch(`${api.url}/ready`)).ok, 90_000);
  });

  after(async function () {
    rpc?.destroy();
    await world?.stop();
  });

  it("lists every pool with its LP token, allocation, stake and stakers as the farm has them, and its pair's reserves", async function () {
    const { pools } = await data<{ pools: { items: { pid: number; lpToken: string; allocPoint: string; totalStaked: string; stakers: number }[]; totalCount: number } }>(
      `{ pools(orderBy: "pid", orderDirection: "asc", limit: 100) { items { pid lpToken allocPoint totalStaked stakers } totalCount } }`,
    );
    const length = Number(await farm.poolLength());
    expect(pools.totalCount).to.equal(length);
    expect(pools.items.map((p) => p.pid)).to.deep.equal([...Array(length).keys()]);
    const block = await api.block();
    for (const p of pools.items) {
      const [lpToken, allocPoint, totalStaked] = (await farm.poolInfo(p.pid, { blockTag: block })) as [string, bigint, bigint];
      expect(p.lpToken, `pool ${p.pid}`).to.equal(lpToken.toLowerCase());
      expect(p.allocPoint, `pool ${p.pid} allocation`).to.equal(allocPoint.toString());
      expect(p.totalStaked, `pool ${p.pid} staked`).to.equal(totalStaked.toString());
      // Stakers: the accounts with a stake there, from the farm's own userInfo over the node's accounts.
      const accounts = (await rpc.send("eth_accounts", [])) as string[];
      const stakes = await Promise.all(accounts.map(async (a) => ((await farm.userInfo(p.pid, a, { blockTag: block })) as [bigint])[0]));
      expect(p.stakers, `pool ${p.pid} stakers`).to.equal(stakes.filter((s) => s > 0n).length);

      const { pair } = await data<{ pair: { reserve0: string; reserve1: string; totalSupply: string; pid: number } }>(
        `query ($address: String!) { pair(address: $address) { reserve0 reserve1 totalSupply pid } }`,
        { address: lpToken.toLowerCase() },
      );
      const onChain = pairAt(lpToken, rpc);
      const [r0, r1] = (await onChain.getReserves({ blockTag: block })) as [bigint, bigint];
      expect([pair.reserve0, pair.reserve1, pair.totalSupply, pair.pid], `pool ${p.pid}'s pair`).to.deep.equal([r0.toString(), r1.toString(), ((await onChain.totalSupply({ blockTag: block })) as bigint).toString(), p.pid]);
    }
  });

  it("gives the user's actions, paged through its cursor, exactly as the farm's events and the reward mints say", async function () {
    // The chain's account of the user: every farm event naming it since deployment (the world's own stake included).
    const expected = (await chainActions(rpc, world.deployment, user.address)).map((a) => ({ ...a, block: String(a.block) }));
    expect(expected.map((e) => e.kind), "the test's own actions").to.include.members(["deposit", "withdraw", "harvest", "lock"]);

    type Page = { userActions: { items: (typeof expected)[number][]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const query = `query ($user: String!, $after: String) {
      userActions(where: { user: $user }, orderBy: "id", orderDirection: "asc", limit: 3, after: $after) {
        items { kind pid lp reward block txHash logIndex }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    const shown: Page["userActions"]["items"] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await data<Page>(query, { user: user.address.toLowerCase(), after });
      shown.push(...page.userActions.items);
      after = page.userActions.pageInfo.hasNextPage ? page.userActions.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages, "more than one page").to.be.greaterThan(1);
    const byChainOrder = (a: { block: string; logIndex: number }, b: { block: string; logIndex: number }) => Number(BigInt(a.block) - BigInt(b.block)) || a.logIndex - b.logIndex;
    expect(shown.sort(byChainOrder)).to.deep.equal(expected);
  });

  it("answers a bad query with GraphQL's errors", async function () {
    const answer = await graphql(`{ userActions(where: { stolen: "yes" }) { items { kind } } }`);
    expect(answer.errors?.[0]?.message).to.match(/stolen/);
    expect(answer.data).to.equal(undefined);
  });
});
