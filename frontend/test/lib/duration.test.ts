import { describe, expect, it } from "vitest";

import { formatDateTime, formatDuration, isoDateTime } from "../../src/lib/duration";

describe("formatDuration", () => {
  it("says the two largest units that matter, rounded down", () => {
    expect(formatDuration(0)).toBe("under a minute");
    expect(formatDuration(59)).toBe("under a minute");
    expect(formatDuration(200)).toBe("3 min");
    expect(formatDuration(3_600)).toBe("1 h");
    expect(formatDuration(5 * 3_600 + 12 * 60 + 59)).toBe("5 h 12 min");
    expect(formatDuration(86_400)).toBe("1 day");
    expect(formatDuration(3 * 86_400 + 4 * 3_600 + 1)).toBe("3 days 4 h");
    expect(formatDuration(7 * 86_400)).toBe("7 days");
    expect(formatDuration(114.5 * 86_400)).toBe("114 days");
    expect(formatDuration(365 * 86_400)).toBe("1 year");
    expect(formatDuration(2 * 365 * 86_400 + 41 * 86_400 + 7)).toBe("2 years 41 days");
    expect(formatDuration(1_500 * 365 * 86_400)).toBe("over 1,000 years");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("over 1,000 years");
  });
});

describe("formatDateTime and isoDateTime", () => {
  it("name the instant, and nothing past what a calendar can hold", () => {
    expect(isoDateTime(1_700_000_000)).toBe("2023-11-14T22:13:20.000Z");
    expect(formatDateTime(1_700_000_000)).toMatch(/^Nov 1[45], 2023, \d{1,2}:\d{2}\s[AP]M$/);
    expect(formatDateTime(1e25)).toBeUndefined();
    expect(isoDateTime(1e25)).toBeUndefined();
  });
});
