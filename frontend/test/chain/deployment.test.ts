import { describe, expect, it } from "vitest";

import type { Deployment as DeploymentFile } from "../../../deploy/deployments";
import { parseDeployment } from "../../src/chain/deployment";

const file: DeploymentFile = {
  chainId: 31337,
  network: "localhost",
  farm: "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9",
  zap: "0x0165878a594ca255338adfa4d48449f69242eb8f",
  partnerRewarder: "0x856e4424f806d16e8d6d48d3d3bcdd9a6e1fa5c5",
  rewardToken: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
  startBlock: 10,
  deployedAtBlock: 9,
  uniswapV2Factory: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  uniswapV2Router: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  weth: "0xdc64a140aa3e981100a9beca4e685f962f0cf6c9",
  multicall3: "0xcA11bde05977b3631167028862bE2a173976CA11",
  stablecoin: "0x5fc8d32690cc91d4c39d9d3abcbd16989f875707",
  pools: [
    { pid: 1, lpToken: "0xa16e02e87b7454126e5e10d957a927a7f5b5d2be", token0: "0x5fc8d32690cc91d4c39d9d3abcbd16989f875707", token1: "0xdc64a140aa3e981100a9beca4e685f962f0cf6c9", symbol0: "USDC", symbol1: "WETH", decimals0: 6, decimals1: 18 },
    { pid: 0, lpToken: "0xb7a5bd0345ef1cc5e66bf61bdec17d2461fbd968", token0: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", token1: "0xdc64a140aa3e981100a9beca4e685f962f0cf6c9", symbol0: "RWD", symbol1: "WETH", decimals0: 18, decimals1: 18 },
  ],
  blockSeconds: 3,
};

describe("parseDeployment", () => {
  it("checksums every address once, and lists the pools as pairs in pid order", () => {
    const d = parseDeployment(file);
    expect(d.farm).toBe("0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9");
    expect(d.weth).toBe("0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9");
    expect(d.zap).toBe("0x0165878A594ca255338adfa4d48449f69242Eb8F");
    expect(d.pools.map((p) => [p.symbol0, p.address])).toEqual([
      ["RWD", "0xB7A5bd0345EF1Cc5E66bf61BdeC17D2461fBd968"],
      ["USDC", "0xa16E02E87b7454126E5E10d957A927A7F5B5d2be"],
    ]);
    expect(d.pools[1].token0).toBe(d.stablecoin);
    expect(d.blockSeconds).toBe(3);
  });

  it("refuses a file whose address is not one, naming the field", () => {
    expect(() => parseDeployment({ ...file, farm: "0x1234" })).toThrow("The deployments file for chain 31337 has no valid address for farm.");
    expect(() => parseDeployment({ ...file, zap: undefined })).toThrow("The deployments file for chain 31337 has no valid address for zap.");
    const pools = [{ ...file.pools[0], lpToken: "pair" }];
    expect(() => parseDeployment({ ...file, pools })).toThrow("pool 1's LP token");
  });

  it("reads the indexer's URL without its trailing slash, and ignores one that is not http(s)", () => {
    expect(parseDeployment(file).indexer).toBeUndefined();
    expect(parseDeployment({ ...file, indexer: "http://127.0.0.1:42069/" }).indexer).toBe("http://127.0.0.1:42069");
    expect(parseDeployment({ ...file, indexer: "https://history.example.org/farm" }).indexer).toBe("https://history.example.org/farm");
    expect(parseDeployment({ ...file, indexer: "javascript:alert(1)" }).indexer).toBeUndefined();
    expect(parseDeployment({ ...file, indexer: "not a url" }).indexer).toBeUndefined();
  });
});
