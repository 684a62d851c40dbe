/**
 * The launchers' supervisor of the embedded indexer (scripts/lib/indexer.ts), on its own: a local
 * world of our own (`npm start`) whose supervisor watches more quickly (INDEXER_WATCH_MS=500 and
 * INDEXER_STALL_MS=10000: a look every 500 ms, 10 s standing still instead of 2 s and 20 s; the
 * rule is the same). Killed, the indexer is back on the same URL with the chain's whole
 * history, what happened while it was down included. After a revert deeper than Ponder follows
 * (an `evm_revert` to a snapshot 70 blocks back, then other actions), it is restarted and its
 * history is the new chain's: the abandoned branch's deposit gone, the new one there.
 */
import { readFileSync } from "node:fs";

import { expect } from "chai";
import { Contract, type JsonRpcSigner, JsonRpcProvider, type TransactionReceipt } from "ethers";
import hre from "hardhat";

import { groupMembers } from "../../fixtures/processes.js";
import { chainActions, IndexerApi, launchWorld, type TestWorld, until } from "../helpers/indexer.js";

const ERC20_ABI = ["function balanceOf(address) view returns (uint256)"];
/**
 * Deeper than Ponder can follow on chain 31337: it holds 30 to 60 blocks unfinalized (its
 * finality moves 30 blocks at a time, once 60 have come), and reconciles a reorg within them.
 */
const DEEP_BLOCKS = 70;

describe("indexer: the launcher's supervisor restarts it", function () {
  this.timeout(300_000);

  let world: TestWorld;
  let api: IndexerApi;
  let rpc: JsonRpcProvider;
  let farm: Contract;
  let user: JsonRpcSigner;

  /** The world's Ponder processes (the embedded indexer, in the launcher's process group): their ids. */
  function ponderPids(): number[] {
    return groupMembers(world.process.group).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("ponder.js");
      } catch {
        return false; // it ended while we looked
      }
    });
  }

  /** How many times the launcher has said it restarts the indexer. */
  const restarts = () => world.process.output.match(/^Indexer: .*; restarting it afresh on /gm)?.length ?? 0;

  /** The indexer's whole history of `user`, oldest first, in the chain's terms. */
  async function indexed(address: string) {
    const items = await api.history(address, "", 500);
    return items.reverse().map(({ kind, pid, lp, reward, block, txHash, logIndex }) => ({ kind, pid, lp, reward, block, txHash, logIndex }));
  }

  /** Until the indexer serves, caught up with `block`, `user`'s history exactly as the chain has it now. */
  async function untilHistoryIsTheChains(what: string, block: number, timeoutMs = 120_000): Promise<void> {
    let last = "";
    await until(what, async () => {
      const head = Number(await rpc.send("eth_blockNumber", []));
      const at = await api.block();
      if (!(await fetch(`${api.url}/ready`)).ok || at < block || at > head) return false;
      const [shown, chain] = [await indexed(user.address), await chainActions(rpc, world.deployment, user.address)];
      last = `indexer ${shown.length} actions, chain ${chain.length}`;
      return JSON.stringify(shown) === JSON.stringify(chain);
    }, timeoutMs).catch((error: Error) => {
      throw new Error(`${error.message} (${last})`);
    });
  }

  const deposit = async (pid: number, share: bigint): Promise<TransactionReceipt> => {
    const lp = new Contract(world.deployment.pools[pid]!.lpToken, ERC20_ABI, rpc);
    const amount = ((await lp.balanceOf(user.address)) as bigint) / share;
    return (await (await (farm.connect(user) as Contract).deposit(pid, amount)).wait())!;
  };

  before(async function () {
    world = await launchWorld({ INDEXER_WATCH_MS: "500", INDEXER_STALL_MS: "10000" });
    api = new IndexerApi(world.deployment.indexer!, "embedded indexer");
    rpc = new JsonRpcProvider(world.rpcUrl, undefined, { staticNetwork: true, batchMaxCount: 1, polling: true, pollingInterval: 100 });
    farm = new Contract(world.deployment.farm, (await hre.artifacts.readArtifact("Farm")).abi, rpc);
    user = await rpc.getSigner(1);
  });

  after(async function () {
    rpc?.destroy();
    await world?.stop();
  });

  it("when its process dies: back on the same URL, with the chain's history, what happened meanwhile included", async function () {
    const before = await deposit(0, 3n);
    await untilHistoryIsTheChains("the indexer to index the world and a deposit", before.blockNumber);
    const [pid] = ponderPids();
    expect(ponderPids(), "one indexer process").to.have.length(1);

    process.kill(pid!, "SIGKILL");
    const meanwhile = await deposit(1, 3n);
    await until("a new indexer process", async () => ponderPids().length === 1 && ponderPids()[0] !== pid, 30_000);
    await untilHistoryIsTheChains("the restarted indexer to serve the chain's history", meanwhile.blockNumber);
    expect(world.process.output).to.match(/Indexer: it exited \(SIGKILL\); restarting it afresh on /);
    expect((await indexed(user.address)).map((a) => a.txHash)).to.include.members([before.hash, meanwhile.hash]);
  });

  it("after a revert deeper than it follows: restarted, its history the new chain's, not the abandoned branch's", async function () {
    const snapshot = (await rpc.send("evm_snapshot", [])) as string;
    await rpc.send("hardhat_mine", [`0x${DEEP_BLOCKS.toString(16)}`]);
    const abandoned = await deposit(2, 4n);
    await untilHistoryIsTheChains("the indexer to index the branch to be abandoned", abandoned.blockNumber);
    const [pid] = ponderPids();
    const restartsBefore = restarts();

    const abandonedHead = await rpc.getBlockNumber();
    expect(await rpc.send("evm_revert", [snapshot])).to.equal(true);
    const kept = await deposit(3, 4n);
    expect(abandonedHead - kept.blockNumber, "blocks the revert went back: more than Ponder's 60").to.be.greaterThan(60);
    await untilHistoryIsTheChains("the indexer to follow the new chain", kept.blockNumber);
    expect(ponderPids(), "restarted by the supervisor").to.not.include(pid);
    // Ponder stands still on such a reorg (were it to exit instead, the supervisor says so and restarts it too).
    expect(restarts(), "the launcher said it restarted the indexer").to.be.greaterThan(restartsBefore);
    const hashes = (await indexed(user.address)).map((a) => a.txHash);
    expect(hashes).to.include(kept.hash);
    expect(hashes).to.not.include(abandoned.hash);
    for (const p of [2, 3]) {
      const [staked] = (await farm.userInfo(p, user.address)) as [bigint];
      expect((await api.position(user.address, p)).staked, `pool ${p}'s stake as on chain`).to.equal(staked.toString());
    }
  });
});
