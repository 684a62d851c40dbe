/**
 * `npm run bench`: measures the farm's gas in the steady state at every farm size, prints the
 * tables, writes reports/gas.json and exits non-zero if any budget or flatness check fails.
 */
import { network } from "hardhat";

import { runGasBenchmark } from "../../gas-benchmark/run.js";
import { formatGasReport, writeGasReport } from "../../gas-benchmark/report.js";

const started = performance.now();
const report = await runGasBenchmark(await network.create());
console.log(formatGasReport(report));
const file = await writeGasReport(report);
console.log(`Wrote ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
if (!report.pass) process.exitCode = 1;
