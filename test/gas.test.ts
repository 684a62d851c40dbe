/**
 * The gas benchmark as a regression test: it runs the same measurement as `npm run bench`
 * (gas-benchmark/run.ts), so it checks fresh figures rather than a stale report, writes
 * reports/gas.json, and fails when an operation goes over its budget or stops costing the same
 * with 1 to 1,000 pools and 1 to 1,000 stakers.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { type GasReport, runGasBenchmark } from "../gas-benchmark/run.js";
import { BUDGETS, FLATNESS, KNOWN_MISSES, POOL_COUNTS, STAKER_COUNTS } from "../gas-benchmark/budgets.js";
import { OPERATIONS } from "../gas-benchmark/operations.js";
import { writeGasReport } from "../gas-benchmark/report.js";

const connection = await network.create();
// Coverage instruments the contracts, so each statement costs extra gas: no budget applies there.
const coverage = process.argv.includes("--coverage") || process.env.HARDHAT_COVERAGE === "true";

describe("Gas benchmark (npm run bench)", function () {
  let report: GasReport;

  before(async function () {
    if (coverage) this.skip();
    report = await runGasBenchmark(connection);
    await writeGasReport(report);
  });

  it("measures every operation at every farm size", function () {
    expect(report.scaling.map(({ pools, stakers }) => [pools, stakers])).to.have.deep.members(
      STAKER_COUNTS.flatMap((stakers) => POOL_COUNTS.map((pools) => [pools, stakers])),
    );
    expect(Object.keys(report.gas)).to.have.members(OPERATIONS.map(({ name }) => name));
  });

  for (const [operation, budget] of Object.entries(BUDGETS)) {
    // A known miss is held to its accepted ceiling, so it cannot quietly get worse.
    const limit = KNOWN_MISSES[operation]?.ceiling ?? budget;
    const title = limit === budget ? `within ${budget.toLocaleString("en-US")} gas` : `within its accepted ${limit.toLocaleString("en-US")} gas (budget ${budget.toLocaleString("en-US")}: a known miss)`;
    it(`${operation} stays ${title}`, function () {
      expect(report.gas[operation], operation).to.be.at.most(limit);
    });
  }

  it(`every operation costs the same, within ${FLATNESS * 100}%, whatever the number of pools and stakers`, function () {
    for (const { name } of OPERATIONS) {
      expect(report.spread[name], name).to.be.at.most(FLATNESS);
    }
  });
});
