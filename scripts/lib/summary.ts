/** What the launchers print once the world is up: where to connect, with which accounts, to what. */
import { HDNodeWallet, Mnemonic } from "ethers";

import type { Deployment } from "../../deploy/deployments.js";
import { pairName } from "../../frontend/src/lib/pair-name.js";

// Hardhat's default dev accounts come from this well-known mnemonic.
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

export function devAccounts(count: number): { address: string; privateKey: string }[] {
  const mnemonic = Mnemonic.fromPhrase(HARDHAT_MNEMONIC);
  return Array.from({ length: count }, (_, i) => {
    const wallet = HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`);
    return { address: wallet.address, privateKey: wallet.privateKey };
  });
}

export interface SummaryOptions {
  rpcUrl: string;
  appUrl?: string;
  /** The embedded indexer's API, or why it is not running. */
  indexerUrl?: string;
  indexerProblem?: string;
  deployment: Deployment;
  /** Dev accounts #0.. that hold LP and stake. */
  accounts: number;
  /** The dev account with tokens and LP but no approvals, when the world has one. */
  newcomer?: number;
  elapsed: string;
}

/** The dev accounts to list: the funded ones, then the newcomer with a word on what it is for. */
function accountLines(count: number, newcomer?: number): string[] {
  const keys = devAccounts(Math.max(count, (newcomer ?? -1) + 1));
  const line = (i: number) => `  #${i}  ${keys[i].address}  ${keys[i].privateKey}`;
  const lines = keys.slice(0, count).map((_, i) => line(i));
  if (newcomer === undefined) return lines;
  return [...lines, `${line(newcomer)}`, `       ↑ a newcomer: tokens and LP, nothing staked, no approvals (its first stake signs a permit)`];
}

export function printSummary(options: SummaryOptions): void {
  const { deployment: d } = options;
  const lines = [
    "",
    `Ready in ${options.elapsed}.`,
    "",
    options.appUrl ? `  Dapp       ${options.appUrl}   ← open this; connect a dev account, no extension needed` : undefined,
    `  JSON-RPC   ${options.rpcUrl}   (chain ${d.chainId})`,
    options.indexerUrl
      ? `  Indexer    ${options.indexerUrl}   (history and analytics API: /api/farm, /api/history/<address>, /graphql)`
      : options.indexerProblem
        ? `  Indexer    not running (${options.indexerProblem}); the dapp works without history`
        : undefined,
    "",
    `Dev accounts (10,000 ETH each; #0 owns the farm). Well-known keys: never use them on a real network.`,
    ...accountLines(options.accounts, options.newcomer),
    "",
    "Contracts",
    `  farm             ${d.farm}`,
    `  reward token     ${d.rewardToken}`,
    `  Uniswap factory  ${d.uniswapV2Factory}`,
    `  Uniswap router   ${d.uniswapV2Router}`,
    `  WETH             ${d.weth}`,
    `  stablecoin       ${d.stablecoin}`,
    `  Multicall3       ${d.multicall3}`,
    "Pools",
    ...d.pools.map((p) => `  #${p.pid}  ${pairName(p, [d.weth, d.stablecoin]).padEnd(12)} ${p.lpToken}`),
    "",
    "Press Ctrl-C to stop.",
  ];
  console.log(lines.filter((line) => line !== undefined).join("\n"));
}
