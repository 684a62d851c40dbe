/**
 * Partner rows of the Activity page and its CSV, against phrases written out by hand: a payment
 * with its USD or "no price", one sent elsewhere, an owed total, a funding and a reclaim, the
 * per-token totals of earnings.
 */
import { describe, expect, it } from "vitest";

import { actionDetails } from "../../src/lib/history-details";
import { partnerAmountText, partnerTotalText } from "../../src/lib/history-partner";
import { activityCsv, type ActionRow, kindLabel } from "../../src/lib/history-rows";

const USER = "0x00000000000000000000000000000000000000a1";
const ptn = (amount: string, usd: number | null, to: string | null = USER) => ({ token: "0x00000000000000000000000000000000000000f0", symbol: "PTN", decimals: 18, amount, to, usd });
const say = (kind: string, partner: ReturnType<typeof ptn>, detail: Record<string, string> | null = null) =>
  actionDetails({ kind, detail, user: USER, partner }, undefined, { symbol: "RWD", decimals: 18 }).map((p) => `${p.test}: ${p.text}`);

describe("partner rows", () => {
  it("read as the kind's name and the token amount with its USD at that block", () => {
    expect(kindLabel("partner")).toBe("Partner reward");
    expect(kindLabel("partnerOwed")).toBe("Partner reward owed");
    expect(kindLabel("streamFunded")).toBe("Funded stream");
    expect(kindLabel("streamReclaimed")).toBe("Reclaimed from stream");
    expect(say("partner", ptn("12500000000000000000", 3.1))).toEqual(["detail-partner: 12.5 PTN ($3.10)"]);
    expect(partnerAmountText({ symbol: "USDC", decimals: 6, amount: "1", usd: 0.000001 })).toBe("0.000001 USDC (<$0.01)");
  });

  it("say plainly when the token had no price, and where a payment went when not to the staker", () => {
    expect(say("partner", ptn("50000000000000000", null))).toEqual(["detail-partner: 0.05 PTN (no price)"]);
    expect(say("partner", ptn("1000000000000000000", 0.5, "0x00000000000000000000000000000000000000B2"))).toEqual([
      "detail-partner: 1 PTN ($0.50)", "detail-partner-to: sent to 0x0000…00B2",
    ]);
  });

  it("say an owed total, a funding's new rate and end, and a reclaim", () => {
    expect(say("partnerOwed", ptn("2000000000000000000", 1))).toEqual([
      "detail-partner: 2 PTN ($1.00) owed in all: paid with your next action in the pool, or claim it",
    ]);
    expect(say("streamFunded", ptn("10000000000000000000000", null, null), { streaming: "12345678900000000000000", endBlock: "200123" })).toEqual([
      "detail-partner: added 10,000 PTN (no price)", "detail-stream: now streams 12,345.6 PTN until block 200,123",
    ]);
    expect(say("streamReclaimed", ptn("40000000000000000000", 20))).toEqual(["detail-partner: took back 40 PTN ($20.00), released while nothing was staked"]);
  });

  it("go into the CSV with the exact amount, the token and its USD; other rows leave those columns empty", () => {
    const base = { pid: 0, lp: "0", amount0: "0", amount1: "0", reward: "0", lpPriceUsd: null, price0Usd: null, price1Usd: null, valueUsd: null, rewardUsd: null, detail: null, block: 9, timestamp: 0, txHash: "0xdef" };
    const rows: ActionRow[] = [
      { ...base, kind: "partner", partner: { symbol: "PTN", decimals: 18, amount: "12500000000000000001", usd: 6.25 } },
      { ...base, kind: "harvest", reward: "1000000000000000000", rewardUsd: 2 },
    ];
    const pools = new Map([[0, { symbol0: "USDC", symbol1: "WETH", decimals0: 6, decimals1: 18 }]]);
    const lines = activityCsv(rows, pools, { symbol: "RWD", decimals: 18 }).split("\r\n");
    expect(lines[0].endsWith(",partner amount,partner token,partner value (USD)")).toBe(true);
    expect(lines[1]).toBe("1970-01-01T00:00:00.000Z,9,0xdef,0 USDC/WETH,Partner reward,0,0,USDC,0,WETH,0,,,12.500000000000000001,PTN,6.25");
    expect(lines[2]).toBe("1970-01-01T00:00:00.000Z,9,0xdef,0 USDC/WETH,Harvest,0,0,USDC,0,WETH,1,,2,,,");
  });

  it("total per token in earnings, USD at each payment, saying what had no price", () => {
    const t = { symbol: "PTN", decimals: 18, total: "25000000000000000000" };
    expect(partnerTotalText({ ...t, totalUsd: 6.2, unpriced: 0 })).toBe("25 PTN ($6.20)");
    expect(partnerTotalText({ ...t, totalUsd: 0, unpriced: 3 })).toBe("25 PTN (no price)");
    expect(partnerTotalText({ ...t, totalUsd: 1.5, unpriced: 1 })).toBe("25 PTN ($1.50 for the priced part)");
  });
});
