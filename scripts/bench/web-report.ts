/** The benchmark's verdict: each figure against its budget, as a table and as reports/web.json. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The most `value` may be. */
  budget: number;
  /** Decimals shown in the table. */
  decimals: number;
  /** The raw material: samples, per-method counts, per-file sizes. */
  detail: unknown;
}

export function passes(figure: Pick<Figure, "value" | "budget">): boolean {
  return figure.value <= figure.budget;
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [f.name, `${f.value.toFixed(f.decimals)} ${f.unit}`, `≤ ${f.budget} ${f.unit}`, passes(f) ? "pass" : "FAIL"]);
  const header = ["", "measured", "budget", ""];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i])).join("   ").trimEnd()}`);
}

export async function writeReport(file: string, figures: Figure[], environment: Record<string, unknown>): Promise<void> {
  const report = {
    date: new Date().toISOString(),
    pass: figures.every(passes),
    figures: figures.map(({ decimals: _, ...f }) => ({ ...f, pass: passes(f) })),
    environment,
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
