/**
 * Invariant and differential testing: random sequences of staker, admin and chain actions (valid
 * and invalid) run against one deployment, restored from a snapshot before each sequence, while an
 * independent exact model (model.ts) says what every staker should have earned. After every step
 * (checks.ts): LP conservation, pending rewards within the stated bound of the model, reward
 * conservation under the schedule and the cap, emergencyWithdraw returning exactly the stake,
 * valid actions succeeding and invalid ones reverting with their custom error.
 *
 * Four campaigns, all with locks (IFarmLocks: tiers, penalties, locks, top-ups, extensions, early
 * exits, emergency unlocks, steps aimed at lock ends, epochs of 5 to 10 blocks): ordinary
 * settings, locks in most steps, and two at the edges the farm accepts (allocations near the
 * largest, stakes near the largest total, 6- and 0-decimal rewards, a stranger updating in every
 * block).
 *
 * Every campaign also has partner rewards (IPartnerRewarder; partners.ts is their independent
 * model, over the farm model's weights): each sequence begins by funding a long stream on some
 * pool, then streams are started, topped up (same end, later end), funded afresh, let end,
 * reclaimed and claimed by the owner, an approved sponsor or a refused stranger, among them a
 * hostile token that reverts, returns false, burns all its gas or re-enters the rewarder or the
 * farm (switchable), while the farm's own actions run in those pools. Every partner payment, owed
 * figure, pending figure, stream and reclaim equals the model's to the wei; the rewarder holds what
 * it was funded less what it paid and gave back, never less than everything owed, still to stream
 * and set aside for sponsors; no stream pays more than it released to stakers; no farm action
 * fails because of a partner token; emergencyWithdraw moves none.
 *
 *   npx hardhat test mocha test/invariants/farm.invariants.test.ts
 *
 * INVARIANT_RUNS   sequences (default 200: ordinary settings run 3/4 of it, locks 1/8, each edge 1/5)
 * INVARIANT_STEPS  steps per sequence (default 100)
 * INVARIANT_SEED   the campaigns' seed (random unless given; printed at the start and on failure)
 * INVARIANT_PATH   with the seed and INVARIANT_ONLY: replay only the failing sequence (printed on failure)
 * INVARIANT_ONLY   run only the campaign whose name contains this text (each world starts at a
 *                  round block, so a campaign replayed alone meets lock ends as in the full run)
 * INVARIANT_TRACE=1                  print every step and every payment with its window
 * INVARIANT_TRACE_PENDING=pid:user   print that position's pending figure, window and pool at every check
 */
import { network } from "hardhat";

import { runCampaign } from "./campaign.js";
import { deployInvariantWorld, EDGES_SIX_DECIMALS, EDGES_ZERO_DECIMALS, LOCKS, ORDINARY, type WorldProfile } from "./world.js";

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
const ONLY = process.env.INVARIANT_ONLY || undefined;
const COMMAND = "npx hardhat test mocha test/invariants/farm.invariants.test.ts";

/**
 * Sequences per campaign, as shares of INVARIANT_RUNS: with locks in every campaign a step costs
 * about a third more than before them, so CI's default (200) runs 150 + 25 + 40 + 40 sequences,
 * within a minute of the three campaigns' time before locks.
 */
const CAMPAIGNS: Array<{ profile: WorldProfile; runs: number }> = [
  { profile: ORDINARY, runs: Math.max(1, Math.round((RUNS * 3) / 4)) },
  { profile: LOCKS, runs: Math.max(1, Math.round(RUNS / 8)) },
  { profile: EDGES_SIX_DECIMALS, runs: Math.max(1, Math.round(RUNS / 5)) },
  { profile: EDGES_ZERO_DECIMALS, runs: Math.max(1, Math.round(RUNS / 5)) },
];

describe("Farm invariants: random sequences against an exact reward model", function () {
  for (const { profile, runs } of CAMPAIGNS) {
    if (ONLY !== undefined && !profile.name.includes(ONLY)) continue;
    const count = PATH === undefined ? runs : 1;
    it(`hold after every step of ${count} sequences of ${STEPS} steps, ${profile.name} (seed ${SEED})`, async function () {
      this.timeout(0);
      const world = await deployInvariantWorld(ethers, profile);
      const only = `INVARIANT_ONLY="${profile.name}"`;
      console.log(`      seed ${SEED}: replay this campaign with INVARIANT_SEED=${SEED} ${only} ${COMMAND}`);
      const result = await runCampaign(ethers, world, { runs, steps: STEPS, seed: SEED, path: PATH });
      console.log(result.stats.summary(SEED).replace(/^/gm, "      "));
      console.log(`      ${result.seconds.toFixed(1)} s`);
      if (result.failure !== undefined) {
        console.log(`      replay the failing sequence: INVARIANT_SEED=${SEED} INVARIANT_PATH=${result.failure.path} ${only} ${COMMAND}`);
        throw result.failure.error;
      }
    });
  }
});
