/**
 * The campaign has teeth: run against a farm that pays 1 wei too much, or 1 wei too little per
 * payment, or breaks a lock rule (a boost kept one block past the lock's end, a boost dropped a
 * boundary late, an early-exit penalty rounded down, or taken from the current terms rather than
 * the lock's), or a partner rewarder off a partner rule (a boost kept in the total after its end, a
 * top-up dropping the unstreamed rest, idle release set aside for no one, 1 wei paid too much), it
 * must fail, and on the rule that was broken, not on some other check. Each mutant is Farm.sol or
 * the PartnerRewarder.sol it deploys with one line (or one line in two places) changed
 * (mutants.ts), built for this test only.
 *
 *   npx hardhat test mocha test/invariants/mutants.test.ts
 *
 * MUTANT_SEED  the campaigns' seed (fixed by default)
 * MUTANT_ONLY  run only the mutants whose name contains this text
 */
import { expect } from "chai";
import { network } from "hardhat";

import { runCampaign } from "./campaign.js";
import {
  BOOST_ONE_BLOCK_LONG,
  buildMutant,
  EXPIRY_ONE_BOUNDARY_LATE,
  type Mutant,
  OVERPAYS,
  PARTNER_BOOST_NEVER_ENDS,
  PARTNER_IDLE_LOST,
  PARTNER_OVERPAYS,
  PARTNER_TOP_UP_DROPS_REST,
  PENALTY_ROUNDED_DOWN,
  PENALTY_TERMS_NOT_FIXED,
  UNDERPAYS,
} from "./mutants.js";
import { deployInvariantWorld, EDGES_ZERO_DECIMALS, LOCKS, ORDINARY, type WorldProfile } from "./world.js";

const { ethers } = await network.create();

/** Fixed, so that the test is repeatable; any seed finds these mutants within a few sequences. */
const SEED = Number(process.env.MUTANT_SEED ?? 20261204);

const CASES: Array<{ mutant: Mutant; profile: WorldProfile; broken: RegExp }> = [
  { mutant: OVERPAYS, profile: ORDINARY, broken: /, more than the .* owed allows \(short by .*, at least .*\)/ },
  { mutant: OVERPAYS, profile: EDGES_ZERO_DECIMALS, broken: /, more than the .* owed allows \(short by .*, at least .*\)/ },
  { mutant: UNDERPAYS, profile: ORDINARY, broken: /, short of the .* owed by .* \(bound .*\)/ },
  { mutant: UNDERPAYS, profile: EDGES_ZERO_DECIMALS, broken: /, short of the .* owed by .* \(bound .*\)/ },
  // Lock rules: a boost one block long shows in the rewards; a boost filed a boundary late fails the
  // first top-up or exit (its removal underflows) or the rewards; a penalty rounded down, or taken
  // from the current terms, shows in the exit's event and the LP wallets.
  { mutant: BOOST_ONE_BLOCK_LONG, profile: LOCKS, broken: /, (more than the .* owed allows|short of the .* owed by) / },
  { mutant: EXPIRY_ONE_BOUNDARY_LATE, profile: LOCKS, broken: /reverted with Panic\(17\)|, (more than the .* owed allows|short of the .* owed by) / },
  { mutant: PENALTY_ROUNDED_DOWN, profile: LOCKS, broken: /expected event LockExited|'s wallet: chain/ },
  { mutant: PENALTY_TERMS_NOT_FIXED, profile: LOCKS, broken: /expected event LockExited|'s wallet: chain/ },
  // Partner rewards (PartnerRewarder.sol, which the farm deploys): a boost kept after its end, a
  // top-up that drops the unstreamed rest, idle release set aside for no one, 1 wei paid too much.
  { mutant: PARTNER_BOOST_NEVER_ENDS, profile: LOCKS, broken: /pendingRewards\(user \d\): chain|partner events/ },
  { mutant: PARTNER_TOP_UP_DROPS_REST, profile: ORDINARY, broken: /expected event StreamFunded|stream \d+ (amount|remaining)/ },
  { mutant: PARTNER_IDLE_LOST, profile: ORDINARY, broken: /unclaimedBySponsor|StreamReclaimed|reclaim reverted/ },
  { mutant: PARTNER_OVERPAYS, profile: ORDINARY, broken: /pendingRewards\(user \d\): chain|partner events/ },
];

describe("Farm invariants: the campaign catches a farm 1 wei off, or off a lock rule", function () {
  for (const { mutant, profile, broken } of CASES.filter((c) => process.env.MUTANT_ONLY === undefined || c.mutant.name.includes(process.env.MUTANT_ONLY))) {
    it(`fails for a farm that ${mutant.name}, ${profile.name}`, async function () {
      this.timeout(0);
      const world = await deployInvariantWorld(ethers, profile, buildMutant(mutant));
      const result = await runCampaign(ethers, world, { runs: 100, steps: 60, seed: SEED });
      expect(result.failure, `the campaign passed a farm that ${mutant.name}`).to.not.equal(undefined);
      const message = String((result.failure!.error as Error).message);
      console.log(`      caught after ${result.stats.sequences} sequence(s): ${message.split("\n")[0]}`);
      expect(message).to.match(broken);
    });
  }
});
