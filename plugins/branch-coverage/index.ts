/**
 * Branch and function coverage for `hardhat test --coverage`.
 *
 * Hardhat 3's coverage (EDR) measures statements and lines only: its lcov has no BRDA or FN
 * records and its HTML report no branch or function map. This plugin adds probes to the contracts
 * Hardhat has already instrumented, using Hardhat's own hit mechanism, so the same test run also
 * records which side of every branch ran and which functions were called.
 * `scripts/coverage-check.ts` reads the result. Without `--coverage` the plugin does nothing.
 */
import type { HardhatPlugin } from "hardhat/types/plugins";

const branchCoverage: HardhatPlugin = {
  id: "lp-farm:branch-coverage",
  hookHandlers: {
    solidity: () => import("./hooks.js"),
  },
};

export default branchCoverage;
