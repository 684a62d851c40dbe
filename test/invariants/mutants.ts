/**
 * Test-only builds of the farm with one deliberate accounting bug each, to show the campaign has
 * teeth: Farm.sol's text with one line changed, compiled here with the project's own solc-js and
 * settings. Nothing here is deployed outside the mutant tests.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import type { FarmBuild } from "./world.js";

const require = createRequire(import.meta.url);
// The same compiler and settings as hardhat.config.ts.
const solc = require("solc-0.8.34") as { compile(input: string, options: { import: (file: string) => { contents: string } | { error: string } }): string };
const SETTINGS = { evmVersion: "cancun", optimizer: { enabled: true, runs: 5_000 }, viaIR: true };

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const FARM = "contracts/Farm.sol";

export interface Mutant {
  name: string;
  /** The text to change (it must occur exactly once) and what it becomes. */
  find: string;
  replace: string;
  /** The file changed: Farm.sol unless given (the farm deploys PartnerRewarder.sol, so its bugs are built in too). */
  file?: string;
  /** More changes of the same kind, for a bug that shows in two places (each text once). */
  also?: Array<{ find: string; replace: string; file?: string }>;
}

const REWARDER = "contracts/PartnerRewarder.sol";

/** Shows, and pays, 1 wei more than is owed whenever anything is owed. */
export const OVERPAYS: Mutant = {
  name: "pays 1 wei too much",
  find: "int128 owed = int128(uint128(accrued) - uint128(rewardDebt)); // mod 2^128, see Staker\n            return owed > 0 ? uint128(owed) : 0;",
  replace: "int128 owed = int128(uint128(accrued) - uint128(rewardDebt));\n            return owed > 0 ? uint128(owed) + 1 : 0;",
};

/** Books 1 wei more than it pays at every payment between stake changes: each payment loses 1 wei. */
export const UNDERPAYS: Mutant = {
  name: "pays 1 wei too little per payment",
  find: "staker.rewardDebt = uint128(rewardDebt + reward);",
  replace: "staker.rewardDebt = uint128(rewardDebt + reward + 1);",
};

/**
 * Takes the global accumulator one block past each boundary at which a lock ends (where that
 * block is already mined), as it is stored and as the views compute it: the boost is counted for
 * the emission of the block after the lock's end.
 */
export const BOOST_ONE_BLOCK_LONG: Mutant = {
  name: "keeps a boost one block past the lock's end",
  find: "(uint256 accRewardPerPoint,) = _emissionAt(emission, schedule, totalAlloc, boundary);",
  replace: "(uint256 accRewardPerPoint,) = _emissionAt(emission, schedule, totalAlloc, boundary < to ? boundary + 1 : boundary);",
  also: [
    {
      find: "(uint256 accRewardPerPoint,) = _emissionAt(emission, _schedule, _totalAllocPoint, boundary);",
      replace: "(uint256 accRewardPerPoint,) = _emissionAt(emission, _schedule, _totalAllocPoint, boundary < block.number ? boundary + 1 : boundary);",
    },
  ],
};

/** Files a new lock's boost under the boundary after its end: the pool drops it an epoch late. */
export const EXPIRY_ONE_BOUNDARY_LATE: Mutant = {
  name: "subtracts a lock's boost one boundary late",
  find: "_addExpiry(pool, end, boosted - locked);",
  replace: "_addExpiry(pool, end + epochBlocks, boosted - locked);",
};

/** Rounds the early-exit penalty down: the leaver keeps up to 1 LP wei that is the recipient's. */
export const PENALTY_ROUNDED_DOWN: Mutant = {
  name: "rounds the early-exit penalty down",
  find: "end - block.number, BPS * (end - position.startBlock), Math.Rounding.Ceil",
  replace: "end - block.number, BPS * (end - position.startBlock), Math.Rounding.Floor",
};

/** Charges an early exit the farm's current penalty terms, not those fixed when the lock was made. */
export const PENALTY_TERMS_NOT_FIXED: Mutant = {
  name: "charges an early exit the current penalty terms, not the lock's",
  find: "uint256 end = position.endBlock;\n        PenaltyTerms memory terms = _penaltyTerms[position.terms];",
  replace: "uint256 end = position.endBlock;\n        PenaltyTerms memory terms = _penaltyTerms[_penaltyTerms.length - 1];",
};

/**
 * Partner rewards: a boost kept in the pool's total weight after its lock's end (the total never
 * drops at the boundary): every staker earns less than its share from there on.
 */
export const PARTNER_BOOST_NEVER_ENDS: Mutant = {
  name: "keeps a partner boost in the pool's total weight after the lock's end",
  file: REWARDER,
  find: "caught.totalWeight -= expiring; // counted since its lock",
  replace: "// caught.totalWeight -= expiring;",
};

/** Partner rewards: a top-up spreads only the new amount, dropping what the stream had not yet released. */
export const PARTNER_TOP_UP_DROPS_REST: Mutant = {
  name: "drops the unstreamed rest of a partner stream at a top-up",
  file: REWARDER,
  find: "uint256 streaming = stream.amount - _releasedBy(stream, block.number) + amount;",
  replace: "uint256 streaming = amount;",
};

/** Partner rewards: what is released while nothing is staked is set aside for no one (not the sponsor). */
export const PARTNER_IDLE_LOST: Mutant = {
  name: "sets aside nothing for a partner sponsor of what streams while nothing is staked",
  file: REWARDER,
  find: "if (caught.totalWeight == 0) caught.unclaimed[i] += released;\n            else caught.acc[i] += released * ACC_SCALE / caught.totalWeight;",
  replace: "if (caught.totalWeight == 0) continue;\n            caught.acc[i] += released * ACC_SCALE / caught.totalWeight;",
};

/** Partner rewards: pays 1 wei more than earned whenever anything is earned. */
export const PARTNER_OVERPAYS: Mutant = {
  name: "pays 1 wei of partner token too much",
  file: REWARDER,
  find: "        return Math.mulDiv(base, acc - paid, ACC_SCALE);\n    }",
  replace: "        uint256 earned = Math.mulDiv(base, acc - paid, ACC_SCALE);\n        return earned == 0 ? 0 : earned + 1;\n    }",
};

function readSource(file: string): { contents: string } | { error: string } {
  const local = path.join(ROOT, file);
  const fromPackages = path.join(ROOT, "node_modules", file);
  for (const candidate of [local, fromPackages]) {
    try {
      return { contents: readFileSync(candidate, "utf8") };
    } catch {
      // not there: try the next place
    }
  }
  return { error: `${file} not found` };
}

/** Farm.sol with the mutant's changes (to it or to the rewarder it deploys), compiled. */
export function buildMutant(mutant: Mutant): FarmBuild {
  const sources: Record<string, string> = { [FARM]: readFileSync(path.join(ROOT, FARM), "utf8") };
  for (const { find, replace, file = FARM } of [mutant, ...(mutant.also ?? [])]) {
    const source = sources[file] ?? readFileSync(path.join(ROOT, file), "utf8");
    const occurrences = source.split(find).length - 1;
    if (occurrences !== 1) throw new Error(`mutant "${mutant.name}": "${find}" occurs ${occurrences} times in ${file}, not once`);
    sources[file] = source.replace(find, replace);
  }
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(Object.entries(sources).map(([file, content]) => [file, { content }])),
    settings: { ...SETTINGS, outputSelection: { [FARM]: { Farm: ["abi", "evm.bytecode.object"] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: readSource }));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  if (errors.length > 0) throw new Error(`mutant "${mutant.name}" does not compile:\n${errors.map((e: { formattedMessage: string }) => e.formattedMessage).join("\n")}`);
  const farm = output.contracts[FARM].Farm;
  return { abi: farm.abi, bytecode: `0x${farm.evm.bytecode.object}` };
}
