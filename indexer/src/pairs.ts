/**
 * The pairs: reserves (every tracked pair's Sync), the LP supply of pools' pairs (mints and
 * burns), and their trades (Swap: volume in USD at the trade, on the input side, as the dapp
 * counts it, frontend/src/lib/apr.ts `swapVolumeUsd`).
 */
import { ponder } from "ponder:registry";
import { pair, pool } from "ponder:schema";
import { getAddress, zeroAddress } from "viem";

import { swapVolumeUsd } from "../../frontend/src/lib/apr";
import type { TokenPrices } from "../../frontend/src/lib/prices";
import { loadPair, pricesFor, touchPoolSeries } from "./state";

ponder.on("Pair:Sync", async ({ event, context }) => {
  const row = await loadPair(context, event.log.address, event.block.number, true);
  await context.db.update(pair, { address: row.address }).set({ reserve0: event.args.reserve0, reserve1: event.args.reserve1 });
  if (row.pid !== null) await touchPoolSeries(context, event, row.pid);
});

ponder.on("PricePair:Sync", async ({ event, context }) => {
  await loadPair(context, event.log.address, event.block.number, false);
  await context.db.update(pair, { address: event.log.address }).set({ reserve0: event.args.reserve0, reserve1: event.args.reserve1 });
});

ponder.on("LpMint:Transfer", async ({ event, context }) => {
  const row = await loadPair(context, event.log.address, event.block.number, true);
  await context.db.update(pair, { address: row.address }).set({ totalSupply: row.totalSupply + event.args.value });
});

ponder.on("LpBurn:Transfer", async ({ event, context }) => {
  // The first mint sends MINIMUM_LIQUIDITY from and to the zero address: a mint, counted once.
  if (event.args.from === zeroAddress) return;
  const row = await loadPair(context, event.log.address, event.block.number, true);
  await context.db.update(pair, { address: row.address }).set({ totalSupply: row.totalSupply - event.args.value });
});

ponder.on("Pair:Swap", async ({ event, context }) => {
  const row = await loadPair(context, event.log.address, event.block.number, true);
  if (row.pid === null) return;
  const prices = await pricesFor(context, row);
  const priced: TokenPrices = new Map();
  if (prices.price0 !== undefined) priced.set(getAddress(row.token0), prices.price0);
  if (prices.price1 !== undefined) priced.set(getAddress(row.token1), prices.price1);
  const volumeUsd = swapVolumeUsd([event.args], { ...row, address: row.address, token0: row.token0, token1: row.token1 }, priced);
  const poolRow = await context.db.find(pool, { pid: row.pid });
  if (poolRow) await context.db.update(pool, { pid: row.pid }).set({ volumeUsd: poolRow.volumeUsd + volumeUsd });
  await touchPoolSeries(context, event, row.pid, volumeUsd, 1);
});
