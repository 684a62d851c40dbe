/**
 * The farm's zap (contracts/FarmZap.sol) over the plan's Uniswap V2 router: deployed once per farm,
 * reused on a rerun when the deployments file names a zap that is still there and serves the same
 * farm and router. It needs no configuration and no approval from the deployer: each staker
 * approves it as a farm operator for itself (the dapp offers that step).
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { getAddress, type Signer } from "ethers";

/** Whether `zap` has code and names `farm` and `router`. */
async function servesFarm(ethers: HardhatEthers, zap: string, farm: string, router: string): Promise<boolean> {
  if ((await ethers.provider.getCode(zap)) === "0x") return false;
  try {
    const contract = await ethers.getContractAt("FarmZap", zap);
    return getAddress(await contract.farm()) === getAddress(farm) && getAddress(await contract.router()) === getAddress(router);
  } catch {
    return false; // something else lives there now (a restarted local chain)
  }
}

/** The zap for `farm` over `router`: `recorded` if it still serves them, else a new one. */
export async function ensureZap(
  ethers: HardhatEthers,
  deployer: Signer,
  farm: string,
  router: string,
  recorded: string | undefined,
  log: (line: string) => void,
): Promise<string> {
  if (recorded && (await servesFarm(ethers, recorded, farm, router))) {
    log(`zap already deployed at ${recorded}: reusing it`);
    return recorded;
  }
  const zap = await ethers.deployContract("FarmZap", [farm, router], deployer);
  await zap.waitForDeployment();
  const address = await zap.getAddress();
  log(`zap at ${address}`);
  return address;
}
