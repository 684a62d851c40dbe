import { createRequire } from "node:module";
import path from "node:path";

import hardhatEthers from "@nomicfoundation/hardhat-ethers";
import hardhatEthersChaiMatchers from "@nomicfoundation/hardhat-ethers-chai-matchers";
import hardhatMocha from "@nomicfoundation/hardhat-mocha";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import { configVariable, defineConfig } from "hardhat/config";

import branchCoverage from "./plugins/branch-coverage/index.js";

// Hardhat cannot download compilers on this offline machine: solc-js comes from npm instead.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.34";
const solcJs = path.join(path.dirname(require.resolve(`solc-${SOLC_VERSION}/package.json`)), "soljson.js");

// `--coverage` builds instrumented contracts (bigger, costlier bytecode). They get their own
// artifacts and cache under coverage/, so a coverage run never swaps the bytecode under a normal
// run (the gas benchmark, a launcher) working in the same tree at the same time.
const COVERAGE = process.argv.includes("--coverage") || process.env.HARDHAT_COVERAGE === "true";

export default defineConfig({
  // branchCoverage adds branch and function probes under --coverage only (Hardhat measures lines
  // and statements); scripts/coverage-check.ts reads them.
  plugins: [hardhatEthers, hardhatEthersChaiMatchers, hardhatMocha, hardhatNetworkHelpers, branchCoverage],
  solidity: {
    compilers: [
      {
        version: SOLC_VERSION,
        path: solcJs,
        settings: {
          // Cancun for transient storage: the farm's re-entrancy lock is a `transient` variable.
          // 5,000 runs rather than more: with locks and the partner rewarder's calls (inlined at
          // every action), the farm's code must stay under EIP-170's 24,576 bytes with room to
          // grow (23,787 here; 24,848 at 8,000 runs, 25,061 at 100,000 before partner rewards),
          // for a few hundred more gas per operation (the gas benchmark has the figures).
          evmVersion: "cancun",
          optimizer: { enabled: true, runs: 5_000 },
          viaIR: true,
        },
      },
    ],
    overrides: {
      // The dapp sends the lens's creation code with every read (a deployless eth_call): it is
      // optimised for size, since each byte travels once per block.
      "contracts/lens/FarmLens.sol": {
        version: SOLC_VERSION,
        path: solcJs,
        settings: { evmVersion: "cancun", optimizer: { enabled: true, runs: 1 }, viaIR: true },
      },
    },
  },
  paths: {
    sources: "./contracts",
    tests: { mocha: "./test" },
    ...(COVERAGE ? { artifacts: "./coverage/artifacts", cache: "./coverage/cache" } : {}),
  },
  // Test-only tokens are not part of the product: leave them out of the coverage report.
  coverage: { skipFiles: ["contracts/test/**"] },
  test: {
    mocha: { timeout: 120_000 },
  },
  networks: {
    // The node `npm start` and `npm run fork` run; PORT moves both.
    localhost: { type: "http", chainType: "l1", url: `http://127.0.0.1:${process.env.PORT ?? 8545}` },
    // Real networks for `npm run deploy -- --network <name>`: the URL and key come from environment
    // variables, read only when that network is used.
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    mainnet: {
      type: "http",
      chainType: "l1",
      url: configVariable("MAINNET_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
