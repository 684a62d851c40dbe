/**
 * The partner rewarder's rows of an account's history, from the node's logs alone (IPartnerRewarder):
 * a partner token paid (PartnerRewardPaid) or left owed (PartnerRewardOwed) to it as a staker, a
 * stream it funded or reclaimed as a sponsor. The indexer lists each as a row of its own (kinds
 * partner, partnerOwed, streamFunded, streamReclaimed), so a history test of a pool that streams a
 * partner token (the world's PTN on USDC/WETH and RWD/WETH, or a stream another file funded)
 * expects these beside the farm's actions.
 */
import { type Address, erc20Abi, formatUnits, type Hash, parseEventLogs, parseUnits } from "viem";
import { expect } from "vitest";

import { partnerRewarderAbi } from "../src/chain/abis.generated";
import { parseUsd } from "./browser";
import type { World } from "./chain";
import { pairWithWeth, pricesAt } from "./partners-chain";
import { whole } from "./pool-figures";

export interface PartnerRow {
  kind: "partner" | "partnerOwed" | "streamFunded" | "streamReclaimed";
  label: string;
  pid: number;
  token: Address;
  amount: bigint;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hash;
}

const KIND = {
  PartnerRewardPaid: ["partner", "Partner reward"],
  PartnerRewardOwed: ["partnerOwed", "Partner reward owed"],
  StreamFunded: ["streamFunded", "Funded stream"],
  StreamReclaimed: ["streamReclaimed", "Reclaimed from stream"],
} as const;

/** `user`'s partner rows from `fromBlock` (the deployment's by default), in pool `pid` if given, oldest first. */
export async function partnerRowsOf(world: World, user: Address, options: { pid?: number; fromBlock?: bigint } = {}): Promise<PartnerRow[]> {
  const address = (world.deployment as { partnerRewarder?: string }).partnerRewarder as Address | undefined;
  if (!address) return [];
  const logs = await world.client.getLogs({ address, fromBlock: options.fromBlock ?? BigInt(world.deployment.deployedAtBlock) });
  const me = user.toLowerCase();
  return parseEventLogs({ abi: partnerRewarderAbi, logs })
    .flatMap((e) => {
      if (e.eventName === "SponsorSet") return [];
      const args = e.args as { user?: Address; sponsor?: Address; pid: bigint; token: Address; amount: bigint };
      const whose = e.eventName === "StreamFunded" || e.eventName === "StreamReclaimed" ? args.sponsor : args.user;
      if (whose?.toLowerCase() !== me) return [];
      const [kind, label] = KIND[e.eventName];
      return [{ kind, label, pid: Number(args.pid), token: args.token, amount: args.amount, blockNumber: e.blockNumber, logIndex: e.logIndex, transactionHash: e.transactionHash }];
    })
    .filter((row) => options.pid === undefined || row.pid === options.pid)
    .sort((a, b) => Number(a.blockNumber - b.blockNumber) || a.logIndex - b.logIndex);
}

/** The token's symbol and decimals, from the token. */
export async function tokenFacts(world: World, token: Address): Promise<{ symbol: string; decimals: number }> {
  const [symbol, decimals] = await Promise.all([
    world.client.readContract({ address: token, abi: erc20Abi, functionName: "symbol" }),
    world.client.readContract({ address: token, abi: erc20Abi, functionName: "decimals" }),
  ]);
  return { symbol, decimals };
}

/**
 * A partner row's phrase ("12.5 PTN ($3.10)", lib/history-partner.ts): the amount cut to 6
 * significant digits, never above the chain's, then the token's symbol, then its USD: the amount
 * at the token's price as its pairs (with the stablecoin, or with WETH and WETH's with the
 * stablecoin) stood before the row's block. Every partner token of the worlds has such a market,
 * so none may read "no price".
 */
export async function expectPartnerPhrase(world: World, text: string, row: PartnerRow): Promise<void> {
  const { symbol, decimals } = await tokenFacts(world, row.token);
  const match = /([\d,]+(?:\.\d+)?) (\S+) \((no price|<?\$[\d,.]+[MB]?)\)/.exec(text);
  expect(match, `partner phrase "${text}"`).not.toBeNull();
  expect(match![2]).toBe(symbol);
  const shown = parseUnits(match![1]!.replaceAll(",", ""), decimals);
  expect(shown <= row.amount && row.amount - shown <= row.amount / 100_000n, `${text}: on chain ${formatUnits(row.amount, decimals)}`).toBe(true);
  const before = row.blockNumber - 1n;
  const { prices } = await pricesAt(world, before, [await pairWithWeth(world, row.token)]);
  const usd = whole(row.amount, decimals) * prices(row.token);
  // Two decimals (or three significant digits with M and B): the page's rounding, and no more.
  const shownUsd = parseUsd(match![3]!);
  if (usd < 0.01) expect(match![3], text).toBe("<$0.01");
  else expect(Math.abs(shownUsd - usd), `${text}: ${usd} USD from the chain`).toBeLessThanOrEqual(Math.max(0.005, usd * 0.005) + 1e-9);
}
