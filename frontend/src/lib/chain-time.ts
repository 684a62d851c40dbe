/** A block's timestamp as a person reads it, in their own time zone: "12 Nov 2026, 14:03:12". */
const chainTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

export function formatChainTime(timestamp: bigint): string {
  return chainTimeFormat.format(new Date(Number(timestamp) * 1000));
}
