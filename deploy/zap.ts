/**
 * The farm's zap (contracts/FarmZap.sol) over the plan's Uniswap V2 router: deployed once per farm,
 * reused on a rerun when the deployments file names a zap that still runs exactly this build for the
 * same farm and router. It needs no configuration and no approval from the deployer: each staker
 * approves it as a farm operator for itself (the dapp offers that step).
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer } from "ethers";

/**
 * Whether `zap` runs exactly the code this build deploys for `farm` over `router`: the runtime code
 * a deployment would leave, immutables included, found by running the creation code in an
 * `eth_call`. So a rerun never keeps an older zap build (stakers then approve the new one), nor a
 * zap for another farm or router, nor whatever a restarted local chain has at the address.
 */
async function servesFarm(ethers: HardhatEthers, zap: string, farm: string, router: string): Promise<boolean> {
  const code = await ethers.provider.getCode(zap);
  if (code === "0x") return false;
  const deployment = await (await ethers.getContractFactory("FarmZap")).getDeployTransaction(farm, router);
  return code === (await ethers.provider.call({ data: deployment.data }));
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
  if (recorded) log(`the zap recorded at ${recorded} is not this build's for this farm: stakers approve the new one`);
  const zap = await ethers.deployContract("FarmZap", [farm, router], deployer);
  await zap.waitForDeployment();
  const address = await zap.getAddress();
  log(`zap at ${address}`);
  return address;
}
