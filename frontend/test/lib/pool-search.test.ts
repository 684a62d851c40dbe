import { describe, expect, it } from "vitest";

import { poolSearch, searchWords, type SearchablePool } from "../../src/lib/pool-search";

// The local world's farm: pair addresses and tokens as a deployments file writes them.
const WETH = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const USDC = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
const DAI = "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9";
const WBTC = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707";
const RWD = "0x68B1D87F95878fE05B998F19b66F4baba5De1aed";

const pool = (name: string, address: string, [token0, symbol0]: string[], [token1, symbol1]: string[]): SearchablePool => ({
  name,
  meta: { address: address as `0x${string}`, token0: token0 as `0x${string}`, token1: token1 as `0x${string}`, symbol0, symbol1 },
});

const POOLS = [
  pool("WETH/USDC", "0xDEDC0D7FCdFe17a09D69a34112EE8A1621BD83e0", [WETH, "WETH"], [USDC, "USDC"]),
  pool("DAI/WETH", "0x5946FBA4d718494c604b8122df6074130F524f27", [DAI, "DAI"], [WETH, "WETH"]),
  pool("WBTC/WETH", "0xDde0cce78631444334ec932CF786E277A4d7333B", [WBTC, "WBTC"], [WETH, "WETH"]),
  pool("DAI/USDC", "0x0AE19C8eC0C46412197552784D36A6296AA1f1eF", [USDC, "USDC"], [DAI, "DAI"]),
  pool("RWD/WETH", "0x7F69E740f11adb70AA8711f15d5D049961EC7600", [RWD, "RWD"], [WETH, "WETH"]),
];

const found = (query: string) => POOLS.filter(poolSearch(query)).map((p) => p.name);

describe("poolSearch", () => {
  it("finds WBTC/WETH however the two symbols are written", () => {
    for (const query of ["wbtc weth", "weth wbtc", "WBTC/WETH", "wbtc-weth", "WBTC / WETH", "  wbtc   weth ", "wbtc,weth", "weth+wbtc", "Wbtc wEth"]) {
      expect(found(query), query).toEqual(["WBTC/WETH"]);
    }
  });

  it("matches parts of a symbol, every word in a pool", () => {
    expect(found("btc")).toEqual(["WBTC/WETH"]);
    expect(found("eth usd")).toEqual(["WETH/USDC"]);
    expect(found("dai")).toEqual(["DAI/WETH", "DAI/USDC"]);
    expect(found("weth")).toEqual(["WETH/USDC", "DAI/WETH", "WBTC/WETH", "RWD/WETH"]);
  });

  it("finds nothing when one word matches no token of the pool", () => {
    expect(found("wbtc usdc")).toEqual([]);
    expect(found("wbtc doge")).toEqual([]);
    expect(found("xyz")).toEqual([]);
  });

  it("matches every pool when there is nothing to search for", () => {
    expect(found("")).toHaveLength(POOLS.length);
    expect(found("   ")).toHaveLength(POOLS.length);
    expect(found(" / - ")).toHaveLength(POOLS.length);
  });

  it("finds a pool by the start of its pair's or a token's address, in any letter case", () => {
    expect(found("0xdde0cce7")).toEqual(["WBTC/WETH"]);
    expect(found("0xDDE0CCE78631444334EC932CF786E277A4D7333B")).toEqual(["WBTC/WETH"]);
    expect(found("0x5fc8d3")).toEqual(["WBTC/WETH"]); // WBTC itself
    expect(found("0x5fbdb2 dai")).toEqual(["DAI/WETH"]); // WETH, with DAI
    expect(found("0xdde0cce8")).toEqual([]);
    // A bare "0x" narrows nothing yet; an address inside another does not count.
    expect(found("0x")).toHaveLength(POOLS.length);
    expect(found("0x4444")).toEqual([]);
  });
});

describe("searchWords", () => {
  it("cuts at spaces and the separators pair names are written with, lowercased", () => {
    expect(searchWords("WBTC/WETH")).toEqual(["wbtc", "weth"]);
    expect(searchWords(" Wbtc -  weth|dai&usdc ")).toEqual(["wbtc", "weth", "dai", "usdc"]);
    expect(searchWords("")).toEqual([]);
  });
});
