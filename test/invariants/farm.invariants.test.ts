/**
 * Invariant and differential testing: random sequences of staker, admin and chain actions (valid
 * and invalid) run against one deployment, restored from a snapshot before each sequence, while an
 * independent exact model (model.ts) says what every staker should have earned. After every step
 * (checks.ts): LP conservation, pending rewards within the stated bound of the model, reward
 * conservation under the schedule and the cap, emergencyWithdraw returning exactly the stake,
 * valid actions succeeding and invalid ones reverting with their custom error.
 *
 *   npx hardhat test mocha test/invariants/farm.invariants.test.ts
 *
 * INVARIANT_RUNS   sequences (default 200)          INVARIANT_STEPS  steps per sequence (default 100)
 * INVARIANT_SEED   the campaign's seed (random unless given; printed at the start and on failure)
 * INVARIANT_PATH   with the seed: replay only the failing sequence (printed on failure)
 */
import fc from "fast-check";
import { network } from "hardhat";

import { sequence } from "./actions.js";
import { SequenceDriver } from "./driver.js";
import { StateReader } from "./reader.js";
import { CampaignStats } from "./stats.js";
import { deployInvariantWorld } from "./world.js";

const { ethers } = await network.create();

function integerFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got "${text}"`);
  return value;
}

const RUNS = integerFromEnv("INVARIANT_RUNS", 200);
const STEPS = integerFromEnv("INVARIANT_STEPS", 100);
const SEED = integerFromEnv("INVARIANT_SEED", Math.floor(Math.random() * 2 ** 31));
const PATH = process.env.INVARIANT_PATH || undefined;
const COMMAND = "npx hardhat test mocha test/invariants/farm.invariants.test.ts";

describe("Farm invariants: random sequences against an exact reward model", function () {
  it(`hold after every step of ${PATH === undefined ? RUNS : 1} sequences of ${STEPS} steps (seed ${SEED})`, async function () {
    this.timeout(0);
    const started = Date.now();
    const world = await deployInvariantWorld(ethers);
    const reader = new StateReader(world);
    const initialPoolTokens = world.initialPools.map(({ token }) => world.stakeables[token].address);
    let snapshot = await ethers.provider.send("evm_snapshot", []);
    const stats = new CampaignStats();
    console.log(`      seed ${SEED}: replay this campaign with INVARIANT_SEED=${SEED} ${COMMAND}`);

    const run = await fc.check(
      fc.asyncProperty(sequence(STEPS), async (actions) => {
        await ethers.provider.send("evm_revert", [snapshot]);
        snapshot = await ethers.provider.send("evm_snapshot", []);
        const start = await reader.read({ poolTokens: initialPoolTokens, wallets: [], full: true });
        stats.sequences += 1;
        await new SequenceDriver(world, reader, stats, start).play(actions);
      }),
      // No shrinking: each candidate would replay a whole sequence on chain. The failure names its
      // step and the actions before it, and the printed seed and path replay it alone.
      { seed: SEED, numRuns: PATH === undefined ? RUNS : 1, path: PATH, endOnFailure: true },
    );

    console.log(stats.summary(SEED).replace(/^/gm, "      "));
    console.log(`      ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (run.failed) {
      console.log(`      replay the failing sequence: INVARIANT_SEED=${run.seed} INVARIANT_PATH=${run.counterexamplePath} ${COMMAND}`);
      throw run.errorInstance;
    }
  });
});
