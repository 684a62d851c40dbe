/**
 * The indexer's chain, contracts and database, all from the deployments file (lib/settings.ts):
 * the farm, its reward token's mints, the Uniswap V2 pair of every pool (found by the farm's own
 * `PoolAdded`, so pools added later are picked up), and the two pairs the dapp prices with,
 * stablecoin/WETH and reward/WETH (lib/pricing.ts), the farm's zap, and its partner rewarder.
 */
import { createConfig, factory } from "ponder";
import { type Address, getAbiItem, zeroAddress } from "viem";

import { farmEventsAbi, pairEventsAbi, partnerEventsAbi, transferAbi, zapEventsAbi } from "./abis";
import { hardhatTransport } from "./lib/hardhat-transport";
import { pricePairAddresses } from "./lib/pricing";
import { readSettings } from "./lib/settings";

const settings = readSettings();
const d = settings.deployment;
const startBlock = d.deployedAtBlock;
const farm = d.farm as Address;

/** Every pool's pair: the `lpToken` of each `PoolAdded` the farm emits. */
const poolPairs = factory({
  address: farm,
  event: getAbiItem({ abi: farmEventsAbi, name: "PoolAdded" }),
  parameter: "lpToken",
});

export default createConfig({
  database: settings.databaseUrl
    ? { kind: "postgres", connectionString: settings.databaseUrl }
    : { kind: "pglite", directory: settings.pgliteDir },
  chains: {
    farm: {
      id: d.chainId,
      // A local Hardhat node's `hardhat_mine` blocks need their parent hashes filled in (see there).
      rpc: d.chainId === 31337 ? hardhatTransport(settings.rpcUrl) : settings.rpcUrl,
      pollingInterval: settings.pollingMs,
      // A local node's blocks are rewritten by every new world on the same chain id: a cache of
      // them would answer for a chain that is gone.
      disableCache: d.chainId === 31337,
      // A local node answers any range, and says nothing Ponder understands when an answer is too
      // large: ranges of 500 blocks, Ponder's own first guess (it sizes ranges itself elsewhere).
      // Every range is a request, and Ponder paces requests (from 20 a second, growing slowly), so
      // the backfill's fetching time follows their count: 50-block ranges made ten times as many
      // log requests (1,000 pairs are asked for 50 at a time, three filters each).
      ...(d.chainId === 31337 ? { ethGetLogsBlockRange: 500 } : {}),
    },
  },
  contracts: {
    Farm: { chain: "farm", abi: farmEventsAbi, address: farm, startBlock },
    // Mints only: the farm pays rewards by minting (a deposit's or withdrawal's shows only so).
    RewardToken: {
      chain: "farm",
      abi: transferAbi,
      address: d.rewardToken as Address,
      startBlock,
      filter: { event: "Transfer", args: { from: zeroAddress } },
    },
    Pair: { chain: "farm", abi: pairEventsAbi, address: poolPairs, startBlock },
    // A pool's LP supply (its price per LP): mints and burns, each a filtered source of its own
    // because Ponder keeps one filter per event.
    LpMint: { chain: "farm", abi: transferAbi, address: poolPairs, startBlock, filter: { event: "Transfer", args: { from: zeroAddress } } },
    LpBurn: { chain: "farm", abi: transferAbi, address: poolPairs, startBlock, filter: { event: "Transfer", args: { to: zeroAddress } } },
    // Reserves only: these price WETH and the reward token, as in the dapp.
    PricePair: {
      chain: "farm",
      abi: [getAbiItem({ abi: pairEventsAbi, name: "Sync" })],
      address: pricePairAddresses(d),
      startBlock,
    },
    // Zap in, zap out, compound (src/zap.ts). A deployment without a zap (one stopped between the
    // farm and the zap) watches the zero address, which emits nothing.
    FarmZap: { chain: "farm", abi: zapEventsAbi, address: (d.zap ?? zeroAddress) as Address, startBlock },
    // Partner rewards paid and owed, streams funded and reclaimed (src/partners.ts). SponsorSet is
    // left out: an approval moves nothing of anyone's.
    PartnerRewarder: { chain: "farm", abi: partnerEventsAbi, address: (d.partnerRewarder ?? zeroAddress) as Address, startBlock },
  },
});
