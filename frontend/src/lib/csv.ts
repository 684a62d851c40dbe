/**
 * Comma-separated values as spreadsheets read them (RFC 4180): a field holding a comma, a quote or
 * a line break is quoted, its quotes doubled; lines end in CRLF.
 */

export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
