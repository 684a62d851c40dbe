/**
 * `npm run upstream`: the offline stand-in for Ethereum mainnet. A Hardhat node with chain id 1
 * on 127.0.0.1 (UPSTREAM_PORT, default 8546) where Uniswap V2, WETH, USDC, DAI and WBTC sit at
 * their real mainnet addresses, so the pairs do too. Fork it with the printed FORK_URL.
 */
import { startMainnetShapedUpstream } from "../worlds/mainnet-shaped.js";
import { assertPortFree, portFromEnv, untilStopped } from "./lib/node.js";
import { fail, Steps } from "./lib/steps.js";

async function main(): Promise<void> {
  const steps = new Steps(1);
  const port = portFromEnv("UPSTREAM_PORT", 8546);
  const upstream = await steps.run(`Building a mainnet-shaped chain on 127.0.0.1:${port}`, async () => {
    await assertPortFree(port, "UPSTREAM_PORT");
    return startMainnetShapedUpstream(port);
  });
  console.log(`\nReady in ${steps.elapsed()}. In another terminal:\n\n  FORK_URL=${upstream.url} npm run fork\n\nPress Ctrl-C to stop.`);
  await untilStopped();
  await upstream.close();
  console.log("Stopped: the upstream node is shut down.");
  process.exit(0);
}

await main().catch(fail);
