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

export function printSummary(options: { rpcUrl: string; appUrl?: string; deployment: Deployment; accounts: number; elapsed: string }): void {
  const { deployment: d } = options;
  const lines = [
    "",
    `Ready in ${options.elapsed}.`,
    "",
    options.appUrl ? `  Dapp       ${options.appUrl}   ← open this; connect a dev account, no extension needed` : undefined,
    `  JSON-RPC   ${options.rpcUrl}   (chain ${d.chainId})`,
    "",
    `Dev accounts (10,000 ETH each; #0 owns the farm). Well-known keys: never use them on a real network.`,
    ...devAccounts(options.accounts).map((a, i) => `  #${i}  ${a.address}  ${a.privateKey}`),
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
