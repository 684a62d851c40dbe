import { createRequire } from "node:module";
import path from "node:path";

import hardhatEthers from "@nomicfoundation/hardhat-ethers";
import hardhatEthersChaiMatchers from "@nomicfoundation/hardhat-ethers-chai-matchers";
import hardhatMocha from "@nomicfoundation/hardhat-mocha";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import { configVariable, defineConfig } from "hardhat/config";

// Hardhat cannot download compilers on this offline machine: solc-js comes from npm instead.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.34";
const solcJs = path.join(path.dirname(require.resolve(`solc-${SOLC_VERSION}/package.json`)), "soljson.js");

export default defineConfig({
  plugins: [hardhatEthers, hardhatEthersChaiMatchers, hardhatMocha, hardhatNetworkHelpers],
  solidity: {
    compilers: [
      {
        version: SOLC_VERSION,
        path: solcJs,
        settings: {
          // Cancun for transient storage (OpenZeppelin's ReentrancyGuardTransient).
          evmVersion: "cancun",
          optimizer: { enabled: true, runs: 1_000_000 },
          viaIR: true,
        },
      },
    ],
  },
  paths: {
    sources: "./contracts",
    tests: { mocha: "./test" },
  },
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
