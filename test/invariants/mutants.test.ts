/**
 * The campaign has teeth: run against a farm that pays 1 wei too much, or 1 wei too little per
 * payment, it must fail, and on the rule that was broken, not on some other check. Each mutant is
 * Farm.sol with one line changed (mutants.ts), built for this test only.
 *
 *   npx hardhat test mocha test/invariants/mutants.test.ts
 */
import { expect } from "chai";
import { network } from "hardhat";

import { runCampaign } from "./campaign.js";
import { buildMutant, type Mutant, OVERPAYS, UNDERPAYS } from "./mutants.js";
import { deployInvariantWorld, EDGES_ZERO_DECIMALS, ORDINARY, type WorldProfile } from "./world.js";

const { ethers } = await network.create();

/** Fixed, so that the test is repeatable; any seed finds these mutants within a few sequences. */
const SEED = Number(process.env.MUTANT_SEED ?? 20261204);

const CASES: Array<{ mutant: Mutant; profile: WorldProfile; broken: RegExp }> = [
  { mutant: OVERPAYS, profile: ORDINARY, broken: /, more than the .* owed allows \(short by .*, at least .*\)/ },
  { mutant: OVERPAYS, profile: EDGES_ZERO_DECIMALS, broken: /, more than the .* owed allows \(short by .*, at least .*\)/ },
  { mutant: UNDERPAYS, profile: ORDINARY, broken: /, short of the .* owed by .* \(bound .*\)/ },
  { mutant: UNDERPAYS, profile: EDGES_ZERO_DECIMALS, broken: /, short of the .* owed by .* \(bound .*\)/ },
];

describe("Farm invariants: the campaign catches a farm 1 wei off", function () {
  for (const { mutant, profile, broken } of CASES) {
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
