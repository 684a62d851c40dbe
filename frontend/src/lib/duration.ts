/**
 * Time ahead as people say it: how long until something ("3 days 4 h") and when ("Mar 12, 2027,
 * 2:05 PM"). Used for the day the reward cap is reached, which may be minutes or millennia away.
 */
import { SECONDS_PER_DAY } from "./conventions";

const MINUTE = 60;
const HOUR = 3_600;
const YEAR = 365 * SECONDS_PER_DAY;
/** Past this a duration is no plan anyone makes: "over 1,000 years". */
const LONGEST_SAID = 1_000 * YEAR;
/** The latest instant a JavaScript Date holds (±8.64e15 ms), in seconds. */
const LATEST_DATE_SECONDS = 8.64e12;

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

/**
 * `seconds` from now in the two largest units that matter: "under a minute", "12 min",
 * "5 h 12 min", "3 days 4 h", "114 days", "2 years 41 days", "over 1,000 years". Rounded down,
 * so a deadline is never said to be further than it is.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds >= LONGEST_SAID) return "over 1,000 years";
  if (seconds < MINUTE) return "under a minute";
  if (seconds < HOUR) return `${Math.floor(seconds / MINUTE)} min`;
  if (seconds < SECONDS_PER_DAY) return joined(Math.floor(seconds / HOUR), "h", Math.floor((seconds % HOUR) / MINUTE), "min");
  // Hours stop mattering after a few days, days after a few months.
  if (seconds < 10 * SECONDS_PER_DAY) return joined(Math.floor(seconds / SECONDS_PER_DAY), "day", Math.floor((seconds % SECONDS_PER_DAY) / HOUR), "h");
  if (seconds < YEAR) return unit(Math.floor(seconds / SECONDS_PER_DAY), "day");
  return joined(Math.floor(seconds / YEAR), "year", Math.floor((seconds % YEAR) / SECONDS_PER_DAY), "day");
}

/** "3 days 4 h", "3 days" when the smaller part is 0. */
function joined(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? unit(big, bigUnit) : `${unit(big, bigUnit)} ${unit(small, smallUnit)}`;
}

/** Units written short, which take no plural. */
const ABBREVIATED = new Set(["h", "min"]);

/** "1 day", "2 days", "5 h": words get a plural, abbreviations do not. */
function unit(count: number, name: string): string {
  const plural = count !== 1 && !ABBREVIATED.has(name) ? "s" : "";
  return `${grouped.format(count)} ${name}${plural}`;
}

/**
 * The local date and time of a Unix time in seconds ("Mar 12, 2027, 2:05 PM"), or undefined
 * past the latest date a calendar here can name.
 */
export function formatDateTime(unixSeconds: number): string | undefined {
  if (!Number.isFinite(unixSeconds) || Math.abs(unixSeconds) > LATEST_DATE_SECONDS) return undefined;
  return dateTime.format(new Date(unixSeconds * 1000));
}

/** The same instant for machines (a <time> element's datetime): ISO 8601 in UTC, or undefined as above. */
export function isoDateTime(unixSeconds: number): string | undefined {
  if (!Number.isFinite(unixSeconds) || Math.abs(unixSeconds) > LATEST_DATE_SECONDS) return undefined;
  return new Date(unixSeconds * 1000).toISOString();
}
