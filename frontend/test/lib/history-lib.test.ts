/**
 * The small pure parts of the history pages, each against figures written out by hand: carrying
 * a pool's buckets forward, the earnings curve, the CSV, the backoff, round time ticks, the
 * sentences for an unavailable indexer, and actions read as PnL lots.
 */
import { describe, expect, it } from "vitest";

import { backoffMs } from "../../src/lib/backoff";
import { csvField, toCsv } from "../../src/lib/csv";
import { earningsCurve, paymentsCurve } from "../../src/lib/earnings-curve";
import { actionDetails } from "../../src/lib/history-details";
import { activityCsv, type ActionRow, toPnlAction } from "../../src/lib/history-rows";
import { historyStatusSentence } from "../../src/lib/history-status";
import { carryForward } from "../../src/lib/series-fill";
import { nearestIndex, timeLabel, timeStep, timeTicks } from "../../src/lib/time-ticks";

describe("carryForward", () => {
  it("fills each missing bucket with the one before it, up to the bucket holding `until`", () => {
    const points = [{ start: 3600, v: 1 }, { start: 3 * 3600, v: 2 }];
    expect(carryForward(points, 3600, 5 * 3600 + 10)).toEqual([
      { start: 3600, v: 1 }, { start: 7200, v: 1 }, { start: 10800, v: 2 }, { start: 14400, v: 2 }, { start: 18000, v: 2 },
    ]);
    expect(carryForward([], 3600, 99999)).toEqual([]);
    expect(() => carryForward(points, 0)).toThrow(RangeError);
  });
});

describe("earningsCurve", () => {
  it("starts at zero and puts each day's running total at its end, today's at now", () => {
    const days = [
      { day: 86_400, cumulativeReward: "1500000000000000000", cumulativeUsd: 3 },
      { day: 3 * 86_400, cumulativeReward: "2000000000000000000", cumulativeUsd: 3.5 },
    ];
    expect(earningsCurve(days, 18, 3 * 86_400 + 600)).toEqual([
      { time: 86_400, reward: 0, usd: 0 },
      { time: 2 * 86_400, reward: 1.5, usd: 3 },
      { time: 3 * 86_400 + 600, reward: 2, usd: 3.5 },
    ]);
    expect(earningsCurve([], 18, 0)).toEqual([]);
  });
});

describe("paymentsCurve", () => {
  it("steps up at each payment and runs flat on to now", () => {
    const payments = [
      { timestamp: 100, reward: "500000000000000000", rewardUsd: 1 },
      { timestamp: 160, reward: "250000000000000000", rewardUsd: null },
    ];
    expect(paymentsCurve(payments, 18, 200)).toEqual([
      { time: 100, reward: 0, usd: 0 },
      { time: 100, reward: 0.5, usd: 1 },
      { time: 160, reward: 0.5, usd: 1 },
      { time: 160, reward: 0.75, usd: 1 },
      { time: 200, reward: 0.75, usd: 1 },
    ]);
    expect(paymentsCurve([], 18, 200)).toEqual([]);
  });
});

describe("csv", () => {
  it("quotes what needs quoting and ends lines in CRLF", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField(null)).toBe("");
    expect(toCsv(["x", "y"], [[1, "p,q"]])).toBe('x,y\r\n1,"p,q"\r\n');
  });

  it("writes an action's amounts exactly, in whole tokens, with its pool and kind", () => {
    const row: ActionRow = {
      pid: 2, kind: "withdraw", lp: "1234567890123456789", amount0: "1500000", amount1: "2500000000000000000", reward: "10", lpPriceUsd: 3, price0Usd: 1, price1Usd: 2,
      valueUsd: 3.7037, rewardUsd: 0.5, detail: null, block: 77, timestamp: 86_400, txHash: "0xabc",
    };
    const pools = new Map([[2, { symbol0: "USDC", symbol1: "WETH", decimals0: 6, decimals1: 18 }]]);
    const csv = activityCsv([row], pools, { symbol: "RWD", decimals: 18 });
    expect(csv.split("\r\n")[1]).toBe("1970-01-02T00:00:00.000Z,77,0xabc,2 USDC/WETH,Unstake,1.234567890123456789,1.5,USDC,2.5,WETH,0.00000000000000001,3.7037,0.5,,,");
  });
});

describe("actionDetails", () => {
  const pool = { token0: "0x00000000000000000000000000000000000000Aa", token1: "0x00000000000000000000000000000000000000bB", symbol0: "USDC", symbol1: "WETH", decimals0: 6, decimals1: 18 };
  const rwd = { symbol: "RWD", decimals: 18 };
  const say = (kind: string, detail: Record<string, string> | null) => actionDetails({ kind, detail }, pool, rwd).map((p) => `${p.test}: ${p.text}`);

  it("says a lock's boost, what it holds and its end block; an early exit's penalty; an ended lock", () => {
    expect(say("lock", { locked: "2500000000000000000", boostBps: "12500", endBlock: "123456", penaltyBps: "2000" })).toEqual([
      "detail-boost: 1.25× boost", "detail-locked: 2.5 LP locked", "detail-end: until block 123,456",
    ]);
    expect(say("lockExit", { penalty: "12345678901234567" })).toEqual(["detail-penalty: penalty 0.0123456 LP"]);
    expect(say("unlock", null)).toEqual(["detail-unlocked: lock ended: back to 1×"]);
  });

  it("names what a zap took in and paid out by the pair's symbols, address 0 as ETH", () => {
    expect(say("zapIn", { tokenIn: "0x0000000000000000000000000000000000000000", amountIn: "1500000000000000000" })).toEqual(["detail-in: from 1.5 ETH"]);
    expect(say("zapIn", { tokenIn: "0x00000000000000000000000000000000000000AA", amountIn: "2500000" })).toEqual(["detail-in: from 2.5 USDC"]);
    expect(say("zapOut", { received0: "1234567", received1: "20000000000000000" })).toEqual(["detail-out: received 1.2345 USDC + 0.02 WETH"]);
    expect(say("zapOutTo", { tokenOut: "0x00000000000000000000000000000000000000bb", amountOut: "3000000000000000000" })).toEqual(["detail-out: received 3 WETH"]);
    expect(say("compound", { rewardIn: "7000000000000000000" })).toEqual(["detail-in: from 7 RWD of rewards"]);
    // A token the pool does not hold is not guessed at; plain actions say nothing more.
    expect(say("zapIn", { tokenIn: "0x00000000000000000000000000000000000000cc", amountIn: "1" })).toEqual([]);
    expect(say("deposit", null)).toEqual([]);
  });
});

describe("toPnlAction", () => {
  it("reads a withdrawal as LP out with its market from its own amounts, a lock exit's penalty as LP lost", () => {
    const base: ActionRow = {
      pid: 0, kind: "withdraw", lp: "2000000000000000000", amount0: "1000000", amount1: "4000000000000000000", reward: "0", lpPriceUsd: null, price0Usd: 1, price1Usd: 0.25,
      valueUsd: null, rewardUsd: null, detail: null, block: 1, timestamp: 10, txHash: "0x",
    };
    const pool = { symbol0: "USDC", symbol1: "X", decimals0: 6, decimals1: 18 };
    const a = toPnlAction(base, pool);
    expect(a.lpChange).toBe(-2);
    expect(a.market!.ratio).toBe(4); // 4 X per USDC
    expect(a.market!.lpValue).toBe(1); // (1·$1 + 4·$0.25) / 2 LP
    expect(a.market!.invariantPerLp).toBe(1); // √(1·4) / 2
    const exit = toPnlAction({ ...base, kind: "lockExit", detail: { penalty: "500000000000000000" } }, pool);
    expect(exit.penaltyLp).toBe(0.5);
    expect(toPnlAction({ ...base, kind: "deposit" }, pool).lpChange).toBe(2);
    expect(toPnlAction({ ...base, kind: "harvest", lp: "0", amount0: "0", amount1: "0", lpPriceUsd: 1 }, pool).lpChange).toBe(0);
  });

  it("counts a partner token paid at its USD then, and neither one owed (still pending) nor one without a price", () => {
    const paid: ActionRow = {
      pid: 0, kind: "partner", lp: "0", amount0: "0", amount1: "0", reward: "0", lpPriceUsd: null, price0Usd: null, price1Usd: null,
      valueUsd: null, rewardUsd: null, detail: null, block: 1, timestamp: 10, txHash: "0x",
      partner: { symbol: "PTN", decimals: 18, amount: "2000000000000000000", usd: 0.96 },
    };
    const pool = { symbol0: "USDC", symbol1: "X", decimals0: 6, decimals1: 18 };
    expect(toPnlAction(paid, pool)).toMatchObject({ lpChange: 0, reward: 0, rewardUsd: 0, partnerUsd: 0.96 });
    expect(toPnlAction({ ...paid, kind: "partnerOwed" }, pool).partnerUsd).toBe(0);
    expect(toPnlAction({ ...paid, partner: { ...paid.partner!, usd: null } }, pool).partnerUsd).toBe(0);
  });
});

describe("backoffMs", () => {
  it("doubles from the first wait up to the most", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(n, 2000, 15000))).toEqual([2000, 2000, 4000, 8000, 15000, 15000]);
  });
});

describe("timeTicks", () => {
  it("steps by round times", () => {
    expect(timeStep(86_400, 4)).toBe(6 * 3600);
    expect(timeTicks(1000, 8000, 3)).toEqual({ step: 3600, ticks: [3600, 7200] });
    expect(timeTicks(5, 5, 3).ticks).toEqual([5]);
    expect(timeTicks(101, 119, 3)).toEqual({ step: 10, ticks: [110] });
    expect(timeLabel(3_600 * 5 + 7, 5)).toMatch(/^\d\d:00:07$/);
  });

  it("finds the nearest point", () => {
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});

describe("historyStatusSentence", () => {
  it("says why history is unavailable, and nothing when it is ready", () => {
    expect(historyStatusSentence({ availability: "ready" })).toBeUndefined();
    expect(historyStatusSentence({ availability: "none" })).toMatch(/names no indexer/);
    expect(historyStatusSentence({ availability: "unreachable", url: "http://x:1", retryMs: 4000 })).toBe(
      "History is unavailable: the indexer at http://x:1 is not answering. Farms, staking and harvesting work as usual. Trying again in 4 s.",
    );
    expect(historyStatusSentence({ availability: "catching-up", indexedBlock: 1200, headBlock: 1500 })).toMatch(/catching up with the chain \(block 1,200 of 1,500\)/);
  });
});

describe("axis ticks", async () => {
  const { amountTick, percentTick, stepDecimals, usdTick } = await import("../../src/lib/axis-format");
  it("show the decimals the step needs", () => {
    expect([0.005, 0.5, 1, 20].map(stepDecimals)).toEqual([3, 1, 0, 0]);
    expect(usdTick(0.004, 0.002)).toBe("$0.004");
    expect(usdTick(-1.5, 0.5)).toBe("-$1.5");
    expect(usdTick(2_000_000, 1_000_000)).toBe("$2.00M");
    expect(percentTick(0.25, 0.25)).toBe("25%");
    expect(percentTick(0.0005, 0.0001)).toBe("0.05%");
    expect(amountTick(1234.5, 0.5)).toBe("1,234.5");
  });
});
