/**
 * Helpers for the contract tests (admin, safety, permit, reward token):
 * - `farmState` reads everything a call could change, so a rejected call can be shown to change nothing;
 * - `deployFarmFor` deploys a Farm against a reward token built for its predicted address;
 * - `signPairPermit` signs a real EIP-2612 permit for a UniswapV2Pair.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, Signature } from "ethers";

import { deployFarmOver, predictFarmAddress } from "../../deploy/farm.js";

export interface StateScope {
  /** Existing pool ids whose poolInfo / userInfo / pendingReward are read. */
  pids?: number[];
  /** Accounts whose stakes, pending rewards and token balances are read. */
  accounts?: string[];
  /** Tokens (LP or not) whose balances of `accounts` and of the farm are read. */
  tokens?: Contract[];
  /** The farm's reward token, if its supply and balances should be read (balances also go in `tokens`). */
  rewardToken?: Contract;
}

/** A plain, deep-comparable picture of the farm and of the balances around it. */
export async function farmState(farm: Contract, scope: StateScope = {}): Promise<Record<string, unknown>> {
  const farmAddress = await farm.getAddress();
  const accounts = scope.accounts ?? [];
  const state: Record<string, unknown> = {
    blockNumber: await farm.runner!.provider!.getBlockNumber(),
    owner: await farm.owner(),
    pendingOwner: await farm.pendingOwner(),
    paused: await farm.paused(),
    poolLength: await farm.poolLength(),
    totalAllocPoint: await farm.totalAllocPoint(),
    rewardPerBlock: await farm.rewardPerBlock(),
    rewardsRemaining: await farm.rewardsRemaining(),
    emissionEndBlock: await farm.emissionEndBlock(),
  };
  for (const pid of scope.pids ?? []) {
    state[`poolInfo(${pid})`] = [...(await farm.poolInfo(pid))];
    for (const account of accounts) {
      state[`userInfo(${pid},${account})`] = [...(await farm.userInfo(pid, account))];
      state[`pendingReward(${pid},${account})`] = await farm.pendingReward(pid, account);
    }
  }
  for (const token of scope.tokens ?? []) {
    const tokenAddress = await token.getAddress();
    for (const account of [...accounts, farmAddress]) {
      state[`balanceOf(${tokenAddress},${account})`] = await token.balanceOf(account);
    }
    state[`totalSupply(${tokenAddress})`] = await token.totalSupply();
  }
  if (scope.rewardToken !== undefined) {
    state.rewardSupply = await scope.rewardToken.totalSupply();
  }
  return state;
}

/**
 * Deploys `makeRewardToken(predictedFarm)` and then a Farm at the predicted address, as
 * deploy/farm.ts does. The token may name any minter it likes.
 */
export async function deployFarmFor(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  makeRewardToken: (predictedFarm: string) => Promise<Contract>,
  farmArgs: { rewardPerBlock: bigint; startBlock: bigint; owner: string },
): Promise<{ rewardToken: Contract; farm: Contract; predictedFarm: string }> {
  const predictedFarm = await predictFarmAddress(deployer);
  const rewardToken = await makeRewardToken(predictedFarm);
  await rewardToken.waitForDeployment();
  const farm = await deployFarmOver(ethers, deployer, rewardToken, farmArgs);
  if ((await farm.getAddress()) !== predictedFarm) throw new Error("farm address prediction failed");
  return { rewardToken, farm, predictedFarm };
}

/** EIP-2612 Permit typed-data types (UniswapV2Pair and OpenZeppelin ERC20Permit alike). */
export const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

export interface PairPermit {
  owner: string;
  spender: string;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}

/** The EIP-712 domain of a real UniswapV2Pair: name "Uniswap V2", version "1". */
export async function pairPermitDomain(ethers: HardhatEthers, pair: Contract) {
  return {
    name: "Uniswap V2",
    version: "1",
    chainId: (await ethers.provider.getNetwork()).chainId,
    verifyingContract: await pair.getAddress(),
  };
}

/**
 * `signer` signs an EIP-2612 permit on `pair` for `message` (owner defaults to the signer, nonce to
 * the owner's current nonce on the pair). Returns v, r, s and the message signed.
 */
export async function signPairPermit(
  ethers: HardhatEthers,
  signer: HardhatEthersSigner,
  pair: Contract,
  message: { spender: string; value: bigint; deadline: bigint; owner?: string; nonce?: bigint },
): Promise<{ v: number; r: string; s: string; message: PairPermit }> {
  const owner = message.owner ?? signer.address;
  const full: PairPermit = {
    owner,
    spender: message.spender,
    value: message.value,
    nonce: message.nonce ?? ((await pair.nonces(owner)) as bigint),
    deadline: message.deadline,
  };
  const signature = Signature.from(await signer.signTypedData(await pairPermitDomain(ethers, pair), PERMIT_TYPES, full));
  return { v: signature.v, r: signature.r, s: signature.s, message: full };
}
