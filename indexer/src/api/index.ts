/**
 * The indexer's HTTP API (Hono): one request per page of the dapp (README, "Indexer"), typed by
 * ../../api-types.ts; GraphQL at /graphql and Ponder's SQL-over-HTTP at /sql for anything else.
 */
import { db } from "ponder:api";
import schema, { farm, farmDay, pair, pool, poolDay, poolHour, position, userAction, userDay } from "ponder:schema";
import { and, asc, client, desc, eq, gte, graphql, inArray, lte, notInArray, sql } from "ponder";
import { Hono } from "hono";
import { isAddress } from "viem";

import type { Action, ActionKind, Earnings, FarmTotals, HistoryPage, PairInfo, PartnerTotal, PoolSeries, Position } from "../../api-types";
import { poolPoint, toAction, toPairInfo } from "./rows";

const app = new Hono();

app.use("/graphql", graphql({ db, schema }));
app.use("/sql/*", client({ db, schema }));

const KINDS: ActionKind[] = [
  "deposit", "withdraw", "harvest", "emergencyWithdraw", "rewardDeferred", "lock", "lockExit", "unlock", "zapIn", "zapOut", "zapOutTo", "compound",
  "partner", "partnerOwed", "streamFunded", "streamReclaimed",
];
/** Partner rows that are no earning of the LP's: amounts owed (still pending) and a sponsor's streams. */
const SPONSOR_AND_OWED_KINDS: ActionKind[] = ["partnerOwed", "streamFunded", "streamReclaimed"];
const MAX_PAGE = 500;

/** A 400 with a sentence saying what to send instead. */
class BadRequest extends Error {}

app.onError((error, c) => {
  if (error instanceof BadRequest) return c.json({ error: error.message }, 400);
  throw error;
});

function userParam(raw: string): `0x${string}` {
  if (!isAddress(raw, { strict: false })) throw new BadRequest(`"${raw}" is not an address: send 0x and 40 hex digits.`);
  return raw.toLowerCase() as `0x${string}`;
}

function intParam(raw: string | undefined, name: string, fallback?: number): number | undefined {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new BadRequest(`${name}=${raw} is not a whole number.`);
  return value;
}

function kindsParam(raw: string | undefined): ActionKind[] | undefined {
  if (!raw) return undefined;
  const kinds = raw.split(",");
  const unknown = kinds.filter((k) => !KINDS.includes(k as ActionKind));
  if (unknown.length > 0) throw new BadRequest(`Unknown kind ${unknown.join(", ")}: use ${KINDS.join(", ")}.`);
  return kinds as ActionKind[];
}

/** "block:logIndex" of the last item of the previous page. */
function cursorParam(raw: string | undefined): { block: bigint; logIndex: number } | undefined {
  if (!raw) return undefined;
  const match = /^(\d+):(\d+)$/.exec(raw);
  if (!match) throw new BadRequest(`cursor=${raw} is not one this API gave: pass the "next" of the previous page.`);
  return { block: BigInt(match[1]), logIndex: Number(match[2]) };
}

app.get("/api/history/:user", async (c) => {
  const user = userParam(c.req.param("user"));
  const pid = intParam(c.req.query("pid"), "pid");
  const kinds = kindsParam(c.req.query("kind"));
  const limit = Math.min(intParam(c.req.query("limit"), "limit", 50)!, MAX_PAGE);
  const cursor = cursorParam(c.req.query("cursor"));
  const rows = await db
    .select()
    .from(userAction)
    .where(
      and(
        eq(userAction.user, user),
        pid === undefined ? undefined : eq(userAction.pid, pid),
        kinds ? inArray(userAction.kind, kinds) : undefined,
        // A row comparison, which the (user, block, log index) index answers directly; the
        // same condition spelled with OR made deep pages scan the user's whole history.
        cursor ? sql`(${userAction.block}, ${userAction.logIndex}) < (${cursor.block}, ${cursor.logIndex})` : undefined,
      ),
    )
    .orderBy(desc(userAction.block), desc(userAction.logIndex))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toAction);
  const last = items.at(-1);
  const page: HistoryPage = { items };
  if (rows.length > limit && last) page.next = `${last.block}:${last.logIndex}`;
  return c.json(page);
});

app.get("/api/earnings/:user", async (c) => {
  const user = userParam(c.req.param("user"));
  const [f] = await db.select().from(farm).limit(1);
  const rows = await db.select().from(userDay).where(eq(userDay.user, user)).orderBy(asc(userDay.day));
  let reward = 0n;
  let rewardUsd = 0;
  const days = rows.map((row) => {
    reward += row.reward;
    rewardUsd += row.rewardUsd;
    return { day: Number(row.day), reward: row.reward.toString(), rewardUsd: row.rewardUsd, cumulativeReward: reward.toString(), cumulativeUsd: rewardUsd };
  });
  const partner = await partnerTotals(user);
  const earnings: Earnings = {
    user, rewardSymbol: f?.rewardSymbol ?? "RWD", rewardDecimals: f?.rewardDecimals ?? 18, days, totalReward: reward.toString(), totalUsd: rewardUsd, partner,
  };
  return c.json(earnings);
});

/** Partner tokens paid to `user` (in pool `pid`, or in all), per token: the (user, kind) index finds its payments. */
async function partnerTotals(user: `0x${string}`, pid?: number): Promise<PartnerTotal[]> {
  const rows = await db
    .select({
      token: userAction.partnerToken,
      symbol: sql<string>`max(${userAction.partnerSymbol})`,
      decimals: sql<number>`max(${userAction.partnerDecimals})`,
      total: sql<string>`sum(${userAction.partnerAmount})::text`,
      totalUsd: sql<number>`coalesce(sum(${userAction.partnerUsd}), 0)`,
      unpriced: sql<number>`count(*) filter (where ${userAction.partnerUsd} is null)`,
    })
    .from(userAction)
    .where(and(eq(userAction.user, user), eq(userAction.kind, "partner"), pid === undefined ? undefined : eq(userAction.pid, pid)))
    .groupBy(userAction.partnerToken)
    .orderBy(asc(userAction.partnerToken));
  return rows.map((r) => ({
    token: r.token ?? "", symbol: r.symbol, decimals: Number(r.decimals), total: r.total, totalUsd: Number(r.totalUsd), unpriced: Number(r.unpriced),
  }));
}

app.get("/api/position/:user/:pid", async (c) => {
  const user = userParam(c.req.param("user"));
  const pid = intParam(c.req.param("pid"), "pid")!;
  const [[held], [poolRow], rows, partner] = await Promise.all([
    db.select().from(position).where(eq(position.id, `${pid}:${user}`)),
    db.select().from(pool).where(eq(pool.pid, pid)),
    // The LP's own actions and partner tokens paid to it (earnings, as the reward token's are);
    // what is owed is in the chain's pending figures, and streams are a sponsor's business.
    db.select().from(userAction).where(and(eq(userAction.user, user), eq(userAction.pid, pid), notInArray(userAction.kind, SPONSOR_AND_OWED_KINDS))).orderBy(asc(userAction.block), asc(userAction.logIndex)),
    partnerTotals(user, pid),
  ]);
  const [pairRow] = poolRow ? await db.select().from(pair).where(eq(pair.address, poolRow.lpToken)) : [];
  const [latest] = await db.select().from(poolHour).where(eq(poolHour.pid, pid)).orderBy(desc(poolHour.start)).limit(1);
  const actions: Action[] = rows.map(toAction);
  const body: Position = {
    user, pid, staked: (held?.staked ?? 0n).toString(), pair: pairRow ? toPairInfo(pairRow) : null,
    lpPriceUsd: latest?.lpPriceUsd ?? null, price0Usd: latest?.price0Usd ?? null, price1Usd: latest?.price1Usd ?? null,
    actions,
    rewardTotal: rows.reduce((sum, r) => sum + r.reward, 0n).toString(),
    rewardTotalUsd: rows.reduce((sum, r) => sum + (r.rewardUsd ?? 0), 0),
    partner,
  };
  return c.json(body);
});

app.get("/api/pools/:pid/series", async (c) => {
  const pid = intParam(c.req.param("pid"), "pid")!;
  const interval = c.req.query("interval") ?? "day";
  if (interval !== "hour" && interval !== "day") throw new BadRequest(`interval=${interval}: use hour or day.`);
  const from = intParam(c.req.query("from"), "from");
  const to = intParam(c.req.query("to"), "to");
  const table = interval === "hour" ? poolHour : poolDay;
  const rows = await db
    .select()
    .from(table)
    .where(and(eq(table.pid, pid), from === undefined ? undefined : gte(table.start, BigInt(from)), to === undefined ? undefined : lte(table.start, BigInt(to))))
    .orderBy(asc(table.start));
  const series: PoolSeries = { pid, interval, points: rows.map(poolPoint) };
  return c.json(series);
});

app.get("/api/farm", async (c) => {
  const [[f], pools, pairs, days] = await Promise.all([
    db.select().from(farm).limit(1),
    db.select().from(pool).orderBy(asc(pool.pid)),
    db.select().from(pair),
    db.select().from(farmDay).orderBy(asc(farmDay.day)),
  ]);
  if (!f) return c.json({ error: "The indexer has not reached the farm's deployment yet: try again in a few seconds." }, 503);
  const pairOf = new Map<string, PairInfo>(pairs.map((p) => [p.address, toPairInfo(p)]));
  const totals: FarmTotals = {
    rewardToken: f.rewardToken, rewardSymbol: f.rewardSymbol, rewardDecimals: f.rewardDecimals,
    rewardPerBlock: f.rewardPerBlock.toString(), totalAllocPoint: f.totalAllocPoint.toString(),
    pools: pools.map((p) => ({
      pid: p.pid, lpToken: p.lpToken, allocPoint: p.allocPoint.toString(), totalStaked: p.totalStaked.toString(),
      stakers: p.stakers, volumeUsd: p.volumeUsd, pair: pairOf.get(p.lpToken) ?? null,
    })),
    stakers: f.stakers, paused: f.paused, rewardsPaid: f.rewardsPaid.toString(), rewardsPaidUsd: f.rewardsPaidUsd,
    rewardsRemaining: f.rewardsRemaining.toString(), emissionEndBlock: f.emissionEndBlock.toString(), readBlock: Number(f.readBlock),
    block: Number(f.block),
    days: days.map((d) => ({
      day: Number(d.day), rewardsPaid: d.rewardsPaid.toString(), rewardsPaidUsd: d.rewardsPaidUsd, rewardPerBlock: d.rewardPerBlock.toString(),
      rewardsRemaining: d.rewardsRemaining.toString(), stakers: d.stakers,
    })),
  };
  return c.json(totals);
});

export default app;
