import { describe, expect, it } from "vitest";

import { sameAddress } from "../../src/lib/address";

// USDC on mainnet: checksummed as the deployments file writes it, lower case as the indexer does.
const CHECKSUMMED = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
const LOWER = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
const OTHER = "0x6B175474E89094C44Da98b954EedeAC495271d0F";

describe("sameAddress", () => {
  it("matches an address however its source writes it", () => {
    expect(sameAddress(CHECKSUMMED, LOWER)).toBe(true);
    expect(sameAddress(LOWER, `0x${LOWER.slice(2).toUpperCase()}`)).toBe(true);
    expect(sameAddress(LOWER, OTHER)).toBe(false);
  });

  it("is false, never an error, when either is not an address", () => {
    expect(sameAddress("", LOWER)).toBe(false);
    expect(sameAddress(LOWER, "0x123")).toBe(false);
    expect(sameAddress("not an address", "not an address")).toBe(false);
  });
});
