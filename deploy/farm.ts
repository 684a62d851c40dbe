/**
 * The reward token and the farm. The token's minter is immutable, so the farm's address is
 * predicted from the deployer's nonce and the token is deployed first; the farm's constructor
 * refuses to deploy unless the prediction held, so a wrong order cannot go unnoticed.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, getCreateAddress, type Signer } from "ethers";

export interface FarmParams {
  rewardPerBlock: bigint;
  startBlock: bigint;
  /** Hard cap on the reward token's supply, in wei. */
  cap: bigint;
  owner: string;
  /** Lock ends are rounded up to multiples of this many blocks: about a day (7,200 unless given). */
  epochBlocks?: bigint;
  name?: string;
  symbol?: string;
  /** Reward token decimals, 18 unless given. */
  decimals?: number;
  /** Minted at deployment to `initialHolder` (e.g. to seed a market); counts against the cap. */
  initialSupply?: bigint;
  initialHolder?: string;
}

/** A day of 12-second blocks: lock ends fall on day boundaries on mainnet. */
export const DEFAULT_EPOCH_BLOCKS = 7_200n;

export interface FarmDeployment {
  rewardToken: Contract;
  farm: Contract;
}

/** The farm's address when it is the second contract `deployer` creates from now on (token first). */
export async function predictFarmAddress(deployer: Signer): Promise<string> {
  const nonce = await deployer.getNonce("pending");
  return getCreateAddress({ from: await deployer.getAddress(), nonce: nonce + 1 });
}

/** Deploys the Farm over an already deployed `rewardToken`, whose minter must be its address. */
export async function deployFarmOver(
  ethers: HardhatEthers,
  deployer: Signer,
  rewardToken: Contract,
  params: Pick<FarmParams, "rewardPerBlock" | "startBlock" | "owner" | "epochBlocks">,
): Promise<Contract> {
  const farm = await ethers.deployContract(
    "Farm",
    [await rewardToken.getAddress(), params.rewardPerBlock, params.startBlock, params.owner, params.epochBlocks ?? DEFAULT_EPOCH_BLOCKS],
    deployer,
  );
  await farm.waitForDeployment();
  return farm;
}

export async function deployFarm(ethers: HardhatEthers, deployer: Signer, params: FarmParams): Promise<FarmDeployment> {
  const from = await deployer.getAddress();
  const predictedFarm = await predictFarmAddress(deployer);

  const rewardToken = await ethers.deployContract(
    "RewardToken",
    [
      params.name ?? "Farm Reward",
      params.symbol ?? "RWD",
      params.decimals ?? 18,
      params.cap,
      predictedFarm,
      params.initialHolder ?? from,
      params.initialSupply ?? 0n,
    ],
    deployer,
  );
  await rewardToken.waitForDeployment();
  const farm = await deployFarmOver(ethers, deployer, rewardToken, params);
  return { rewardToken, farm };
}
