/**
 * The events the indexer reads, written out as Solidity signatures: the indexer needs no build
 * step, and test/indexer/abis.test.ts checks each against the compiled contracts and the official
 * Uniswap V2 artifacts, so a renamed or re-typed event fails a test rather than matching nothing.
 */
import { parseAbi } from "viem";

/** IFarm, IFarmLocks and IFarmOperators events. */
export const farmEventsAbi = parseAbi([
  "event Deposit(address indexed user, uint256 indexed pid, uint256 amount)",
  "event Withdraw(address indexed user, uint256 indexed pid, uint256 amount)",
  "event EmergencyWithdraw(address indexed user, uint256 indexed pid, uint256 amount)",
  "event Harvest(address indexed user, uint256 indexed pid, uint256 amount)",
  "event RewardDeferred(address indexed user, uint256 indexed pid, uint256 amount)",
  "event PoolAdded(uint256 indexed pid, address indexed lpToken, uint256 allocPoint)",
  "event PoolSet(uint256 pid, uint256 allocPoint)",
  "event RewardPerBlockSet(uint256 newRewardPerBlock)",
  "event Locked(address indexed user, uint256 indexed pid, uint256 added, uint256 locked, uint256 boostBps, uint256 endBlock, uint256 penaltyBps, address penaltyRecipient)",
  "event LockExited(address indexed user, uint256 indexed pid, uint256 returned, uint256 penalty, address penaltyRecipient)",
  "event Unlocked(address indexed user, uint256 indexed pid, uint256 amount)",
  "event EmergencyUnlocked(uint256 indexed pid)",
  "event Paused(address account)",
  "event Unpaused(address account)",
]);

/** The farm's views the indexer reads once per pool or per hour, never per event. */
export const farmViewsAbi = parseAbi([
  "function rewardsRemaining() view returns (uint256)",
  "function emissionEndBlock() view returns (uint256)",
  "function rewardPerBlock() view returns (uint256)",
  "function totalAllocPoint() view returns (uint256)",
]);

/** IFarmZap events. */
export const zapEventsAbi = parseAbi([
  "event ZappedIn(address indexed user, uint256 indexed pid, address tokenIn, uint256 amountIn, uint256 liquidity, uint256 leftover0, uint256 leftover1)",
  "event ZappedOut(address indexed user, uint256 indexed pid, uint256 liquidity, uint256 amount0, uint256 amount1)",
  "event ZappedOutTo(address indexed user, uint256 indexed pid, uint256 liquidity, address tokenOut, uint256 amountOut)",
  "event Compounded(address indexed user, uint256 indexed pid, uint256 reward, uint256 liquidity, uint256 leftover0, uint256 leftover1)",
]);

/** IPartnerRewarder events: streams funded and reclaimed, partner rewards paid and left owed. */
export const partnerEventsAbi = parseAbi([
  "event StreamFunded(uint256 indexed pid, address indexed token, address indexed sponsor, uint256 amount, uint256 streaming, uint256 endBlock)",
  "event StreamReclaimed(uint256 indexed pid, address indexed token, address indexed sponsor, uint256 amount)",
  "event PartnerRewardPaid(address indexed user, uint256 indexed pid, address indexed token, uint256 amount, address to)",
  "event PartnerRewardOwed(address indexed user, uint256 indexed pid, address indexed token, uint256 amount)",
]);

/** ERC-20 `Transfer`: the reward token's mints, and an LP token's mints and burns (its supply). */
export const transferAbi = parseAbi(["event Transfer(address indexed from, address indexed to, uint256 value)"]);

/** A Uniswap V2 pair's reserves and trades. */
export const pairEventsAbi = parseAbi([
  "event Sync(uint112 reserve0, uint112 reserve1)",
  "event Swap(address indexed sender, uint256 amount0In, uint256 amount1In, uint256 amount0Out, uint256 amount1Out, address indexed to)",
]);

/** What the indexer reads of a pair and its tokens the first time it meets the pair. */
export const pairViewsAbi = parseAbi([
  "function token0() view returns (address)",
  "function token1() view returns (address)",
  "function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)",
  "function totalSupply() view returns (uint256)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
]);
