/**
 * The pairs: reserves (every tracked pair's Sync), the LP supply of pools' pairs (mints and
 * burns), and their trades (Swap: volume in USD at the trade, on the input side, as the dapp
 * counts it, frontend/src/lib/apr.ts `swapVolumeUsd`).
 */
import { type Context, type Event, ponder } from "ponder:registry";
import { pair, pool } from "ponder:schema";
import { getAddress, zeroAddress } from "viem";

import { swapVolumeUsd } from "../../frontend/src/lib/apr";
import type { TokenPrices } from "../../frontend/src/lib/prices";
import { asPairState, loadPair, pricesFor, touchPoolSeries } from "./state";

ponder.on("Pair:Sync", async ({ event, context }) => {
  const row = await loadPair(context, event.log.address, event.block.number, true);
  const reserves = { reserve0: event.args.reserve0, reserve1: event.args.reserve1 };
  await context.db.update(pair, { address: row.address }).set(reserves);
  if (row.pid === null) return;
  // The pool keeps a copy (ponder.schema.ts, `pool`).
  await context.db.update(pool, { pid: row.pid }).set(reserves);
  await touchPoolSeries(context, event, row.pid);
});

ponder.on("PricePair:Sync", async ({ event, context }) => {
  await loadPair(context, event.log.address, event.block.number, false);
  await context.db.update(pair, { address: event.log.address }).set({ reserve0: event.args.reserve0, reserve1: event.args.reserve1 });
});

/** Moves the LP supply of the pair at `address` by `delta`, and its pool's copy. */
async function moveSupply(context: Context, event: Event, delta: bigint): Promise<void> {
  const row = await loadPair(context, event.log.address, event.block.number, true);
  const totalSupply = row.totalSupply + delta;
  await context.db.update(pair, { address: row.address }).set({ totalSupply });
  if (row.pid !== null) await context.db.update(pool, { pid: row.pid }).set({ lpSupply: totalSupply });
}

ponder.on("LpMint:Transfer", async ({ event, context }) => {
  await moveSupply(context, event, event.args.value);
});

ponder.on("LpBurn:Transfer", async ({ event, context }) => {
  // The first mint sends MINIMUM_LIQUIDITY from and to the zero address: a mint, counted once.
  if (event.args.from === zeroAddress) return;
  await moveSupply(context, event, -event.args.value);
});

ponder.on("Pair:Swap", async ({ event, context }) => {
  const row = await loadPair(context, event.log.address, event.block.number, true);
  if (row.pid === null) return;
  const prices = await pricesFor(context, asPairState(row));
  const priced: TokenPrices = new Map();
  if (prices.price0 !== undefined) priced.set(getAddress(row.token0), prices.price0);
  if (prices.price1 !== undefined) priced.set(getAddress(row.token1), prices.price1);
  const volumeUsd = swapVolumeUsd([event.args], { ...row, address: row.address, token0: row.token0, token1: row.token1 }, priced);
  const poolRow = await context.db.find(pool, { pid: row.pid });
  if (poolRow) await context.db.update(pool, { pid: row.pid }).set({ volumeUsd: poolRow.volumeUsd + volumeUsd });
  await touchPoolSeries(context, event, row.pid, volumeUsd, 1);
});
