/**
 * What the fork tests fork: FORK_URL when it is set (a real Ethereum mainnet RPC), else the
 * mainnet-shaped upstream started in-process for the test file (worlds/mainnet-shaped.ts).
 * The tests and the fork code work the same against either.
 */
import { network } from "hardhat";

import { checkForkUrl } from "../../worlds/fork-url.js";
import { startMainnetShapedUpstream, type Upstream } from "../../worlds/mainnet-shaped.js";

/** The real mainnet pair addresses, known independently of any factory: what the fork must find. */
export const MAINNET_PAIRS = {
  usdcWeth: "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc",
  daiWeth: "0xA478c2975Ab1Ea89e8196811F51A7B7Ade33eB11",
  wbtcWeth: "0xBb2b8038a1640196FbE3e38816F3e67Cba72D940",
} as const;

/** FORK_URL, or a fresh mainnet-shaped upstream on a free port; `close` stops what was started. */
export async function mainnet(): Promise<Upstream> {
  const url = process.env.FORK_URL;
  if (!url) return startMainnetShapedUpstream();
  return { url: await checkForkUrl(url), close: async () => {} };
}

/** A new in-process Hardhat chain (chain id 31337) forked from `url`. */
export async function forkOf(url: string) {
  return network.create({ network: "default", override: { forking: { enabled: true, url } } });
}

/** A plain connection to `url` itself, to look at the chain being forked. */
export async function connectTo(url: string) {
  return network.create({ network: "localhost", override: { url } });
}
