/** Test tokens with real-world decimals, for tests and the local world. */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract, Signer } from "ethers";

export interface TokenSpec {
  name: string;
  symbol: string;
  decimals: number;
}

export const TEST_TOKENS = {
  usdc: { name: "USD Coin", symbol: "USDC", decimals: 6 },
  wbtc: { name: "Wrapped BTC", symbol: "WBTC", decimals: 8 },
  dai: { name: "Dai Stablecoin", symbol: "DAI", decimals: 18 },
} as const satisfies Record<string, TokenSpec>;

export async function deployTestToken(ethers: HardhatEthers, deployer: Signer, spec: TokenSpec): Promise<Contract> {
  const token = await ethers.deployContract("TestERC20", [spec.name, spec.symbol, spec.decimals], deployer);
  await token.waitForDeployment();
  return token;
}
