import { describe, expect, it } from "vitest";
import { zeroAddress } from "viem";

import {
  checkPenaltyRate,
  checkPenaltyRecipient,
  checkPenaltyTerms,
  EXISTING_LOCKS_KEEP_PENALTY,
  formatBps,
  formatLpShare,
  penaltyAt,
  reviewPenalty,
} from "../../src/lib/lock-penalty-terms";

const FARM = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OWNER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const OTHER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const CURRENT = { penaltyBps: 1_000n, recipient: OWNER } as const;
/** The farm's cap: 50%. */
const LIMITS = { maxPenaltyBps: 5_000n };

describe("checkPenaltyRate", () => {
  it("reads percent to the basis point: 0 to the farm's 50% cap", () => {
    expect(checkPenaltyRate("10", LIMITS)).toEqual({ ok: true, bps: 1_000n });
    expect(checkPenaltyRate(" 12.5 % ", LIMITS)).toEqual({ ok: true, bps: 1_250n });
    expect(checkPenaltyRate("12,25", LIMITS)).toEqual({ ok: true, bps: 1_225n });
    expect(checkPenaltyRate("0", LIMITS)).toEqual({ ok: true, bps: 0n });
    expect(checkPenaltyRate("0.01", LIMITS)).toEqual({ ok: true, bps: 1n });
    expect(checkPenaltyRate("50", LIMITS)).toEqual({ ok: true, bps: 5_000n });
  });

  it("refuses each bad rate with a sentence", () => {
    expect(checkPenaltyRate("", LIMITS)).toEqual({ ok: false, reason: "Enter the penalty in percent, from 0 to 50%, like 10." });
    expect(checkPenaltyRate("50.01", LIMITS)).toEqual({ ok: false, reason: "The penalty can be at most 50% of the locked LP: the farm's cap." });
    expect(checkPenaltyRate("-5", LIMITS)).toEqual({ ok: false, reason: "The penalty cannot be negative: enter 0 to 50%." });
    expect(checkPenaltyRate("12.345", LIMITS)).toEqual({ ok: false, reason: "The penalty has at most 2 decimals, like 12.25%: the farm counts it in hundredths of a percent." });
    expect(checkPenaltyRate("ten", LIMITS)).toEqual({ ok: false, reason: "Enter the penalty as a number of percent, from 0 to 50%, like 10." });
    expect(checkPenaltyRate("0.1", { maxPenaltyBps: 5n })).toEqual({ ok: false, reason: "The penalty can be at most 0.05% of the locked LP: the farm's cap." });
  });

  it("says rates in percent, to the basis point", () => {
    expect([0n, 1n, 1_000n, 1_250n, 1_225n, 5_000n].map(formatBps)).toEqual(["0%", "0.01%", "10%", "12.5%", "12.25%", "50%"]);
  });
});

describe("checkPenaltyRecipient", () => {
  it("takes any address, as typed or pasted, checksummed", () => {
    expect(checkPenaltyRecipient(`  ${OTHER.toLowerCase()} `, FARM)).toEqual({ ok: true, address: OTHER });
  });

  it("refuses what is not an address, the zero address and the farm", () => {
    expect(checkPenaltyRecipient("", FARM)).toEqual({ ok: false, reason: "Enter the address the penalties go to: 0x followed by 40 hexadecimal digits." });
    expect(checkPenaltyRecipient("0x1234", FARM)).toEqual({ ok: false, reason: "That is not an address: enter 0x followed by 40 hexadecimal digits." });
    expect(checkPenaltyRecipient(zeroAddress, FARM)).toEqual({ ok: false, reason: "The penalty cannot go to the zero address: no one could ever use it. Enter another address." });
    expect(checkPenaltyRecipient(FARM.toLowerCase(), FARM)).toEqual({ ok: false, reason: "The penalty cannot go to the farm itself: it could never leave it. Enter another address." });
  });
});

describe("checkPenaltyTerms", () => {
  it("gives both terms to send when either changes", () => {
    expect(checkPenaltyTerms("20", OWNER, CURRENT, FARM, LIMITS)).toEqual({ ok: true, terms: { penaltyBps: 2_000n, recipient: OWNER } });
    expect(checkPenaltyTerms("10", OTHER, CURRENT, FARM, LIMITS)).toEqual({ ok: true, terms: { penaltyBps: 1_000n, recipient: OTHER } });
  });

  it("says what is wrong in each field, and refuses the terms set now", () => {
    expect(checkPenaltyTerms("60", "0x0", CURRENT, FARM, LIMITS)).toEqual({
      ok: false,
      rate: "The penalty can be at most 50% of the locked LP: the farm's cap.",
      recipient: "That is not an address: enter 0x followed by 40 hexadecimal digits.",
    });
    expect(checkPenaltyTerms("10.00", OWNER.toLowerCase(), CURRENT, FARM, LIMITS)).toEqual({
      ok: false,
      unchanged: "These are the terms set now (10% to the same recipient): change the rate or the recipient.",
    });
  });
});

describe("reviewPenalty", () => {
  it("shows what an exit costs at the start and halfway, now and after", () => {
    const review = reviewPenalty(CURRENT, { penaltyBps: 2_500n, recipient: OWNER });
    expect(review.title).toBe("Set the early-exit penalty to 25%");
    expect(review.costs).toEqual({ start: [0.1, 0.25], halfway: [0.05, 0.125] });
    expect(review.notes[0]).toBe(EXISTING_LOCKS_KEEP_PENALTY);
    expect(review.warnings).toEqual([]);
  });

  it("names a change of recipient in the title", () => {
    expect(reviewPenalty(CURRENT, { penaltyBps: 1_000n, recipient: OTHER }).title).toBe("Send early-exit penalties to a new recipient");
    expect(reviewPenalty(CURRENT, { penaltyBps: 500n, recipient: OTHER }).title).toBe("Set the early-exit penalty to 5%, paid to a new recipient");
  });

  it("warns that a penalty of 0 makes a boost free to take and leave", () => {
    const review = reviewPenalty(CURRENT, { penaltyBps: 0n, recipient: OWNER });
    expect(review.warnings).toEqual(["With no penalty, anyone can lock for the highest boost and leave whenever they like at no cost: the boost would reward no commitment."]);
  });

  it("scales the rate with the time left", () => {
    expect(penaltyAt(5_000n, 1n, 4n)).toBe(0.125);
    expect(penaltyAt(5_000n, 0n, 4n)).toBe(0);
  });
});

describe("formatLpShare", () => {
  it("says a share of the LP in percent, trailing zeros dropped, to the thousandth", () => {
    expect([0.1, 0.1025, 0.10005, 0, 0.5].map(formatLpShare)).toEqual(["10%", "10.25%", "10.005%", "0%", "50%"]);
  });
});
