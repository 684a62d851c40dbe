/**
 * The gas report as people read it (Markdown tables, pasted as is into the README) and as
 * machines read it (reports/gas.json, generated: not committed).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import type { GasReport } from "./run.js";

const REPORT_FILE = path.resolve(import.meta.dirname, "..", "reports", "gas.json");

const number = (n: number) => n.toLocaleString("en-US");
const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** "pass", "FAIL: ..." or, for a known miss within its ceiling, by how much it misses. */
function verdict(report: GasReport, name: string): string {
  const [gas, budget, miss] = [report.gas[name], report.budgets[name], report.knownMisses[name]];
  const failed = [
    ...(budget !== undefined && gas > budget && !(miss && gas <= miss.ceiling) ? ["over budget"] : []),
    ...(report.spread[name] > report.flatness ? ["not flat"] : []),
  ];
  if (failed.length > 0) return `FAIL: ${failed.join(", ")}`;
  if (budget !== undefined && gas > budget) return `MISS by ${number(gas - budget)} (known)`;
  return "pass";
}

/** The figures against the budgets and the flatness bound, then every figure at every farm size. */
export function formatGasReport(report: GasReport): string {
  const summary = table(
    ["operation", "gas", "budget", `spread (max ${percent(report.flatness)})`, "verdict"],
    Object.entries(report.gas).map(([name, gas]) => {
      const budget = report.budgets[name];
      return [name, number(gas), budget === undefined ? "" : number(budget), percent(report.spread[name]), verdict(report, name)];
    }),
  );
  const scaling = table(
    ["pools × stakers", ...report.scaling.map(({ pools, stakers }) => `${number(pools)} × ${number(stakers)}`)],
    Object.keys(report.gas).map((name) => [name, ...report.scaling.map(({ gas }) => (name in gas ? number(gas[name]) : "-"))]),
  );
  const failed = report.checks.filter((check) => !check.pass).map((check) => check.check);
  const misses = Object.entries(report.knownMisses)
    .filter(([name]) => report.gas[name] > report.budgets[name])
    .map(([name, { why }]) => `Known miss: ${name} is ${number(report.gas[name] - report.budgets[name])} gas over its budget: ${why}.`);
  const { yearUntouched: year, yearUntouchedBudgets: yearBudgets } = report;
  const worst = table(
    [`harvest passing ${number(year.boundaries)} lock ends, a year untouched`, "gas", "budget"],
    [
      ["the pool idle, the rest of the farm active", number(year.poolIdle), number(yearBudgets.poolIdle)],
      ["the whole farm idle", number(year.farmIdle), number(yearBudgets.farmIdle)],
      ["the whole farm idle, four partner tokens streaming", number(year.partnered), number(yearBudgets.partnered)],
    ],
  );
  const outcome = failed.length === 0 ? `All ${report.checks.length} checks pass.` : `Failed: ${failed.join("; ")}.`;
  return [summary, "", scaling, "", worst, "", ...misses, outcome].join("\n");
}

export async function writeGasReport(report: GasReport): Promise<string> {
  await mkdir(path.dirname(REPORT_FILE), { recursive: true });
  await writeFile(REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`);
  return REPORT_FILE;
}
