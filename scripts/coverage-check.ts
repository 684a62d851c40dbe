/**
 * Fails unless the last `hardhat test --coverage` run covered every line, branch and function of
 * the contracts it measured (contracts/ minus coverage.skipFiles), Farm.sol and RewardToken.sol
 * among them. Reads what that run wrote under coverage/:
 * - lcov.info: lines (Hardhat marks a line uncovered if any statement on it did not run, so 100 %
 *   of lines is also 100 % of statements);
 * - branches/<file>.json: the branch and function probes (plugins/branch-coverage/hooks.ts), and
 *   data/<runner>/*.json: every coverage tag the run hit, Hardhat's and the probes'.
 *
 * Usage: `node scripts/coverage-check.ts` after `hardhat test --coverage ...`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const REQUIRED = ["contracts/Farm.sol", "contracts/RewardToken.sol"];

interface Probe {
  tag: string;
  line: number;
  kind: string;
  side: string;
  code: string;
}

const root = path.resolve(import.meta.dirname, "..");
const coverage = path.join(root, "coverage");
const lcovPath = path.join(coverage, "lcov.info");

function fail(message: string): never {
  console.error(`coverage check: ${message}`);
  process.exit(1);
}

if (!existsSync(lcovPath)) fail("no coverage/lcov.info: run `hardhat test --coverage` first");

/** lcov.info: per source file, each instrumented line and whether it ran. */
const lines = new Map<string, Map<number, boolean>>();
let current: Map<number, boolean> | undefined;
for (const record of readFileSync(lcovPath, "utf8").split("\n")) {
  if (record.startsWith("SF:")) lines.set(record.slice(3), (current = new Map()));
  else if (record.startsWith("DA:") && current !== undefined) {
    const [line, count] = record.slice(3).split(",").map(Number);
    current.set(line, count > 0);
  }
}

/** Every tag the run hit, from every runner's data files. */
const hits = new Set<string>();
const dataDir = path.join(coverage, "data");
for (const runner of existsSync(dataDir) ? readdirSync(dataDir) : []) {
  for (const name of readdirSync(path.join(dataDir, runner)).filter((n) => n.endsWith(".json"))) {
    const counts = JSON.parse(readFileSync(path.join(dataDir, runner, name), "utf8")) as Record<string, number>;
    for (const [tag, count] of Object.entries(counts)) if (count > 0) hits.add(tag.toLowerCase());
  }
}
if (hits.size === 0) fail("coverage/data holds no hits: run `hardhat test --coverage` first");

const problems: string[] = [];
for (const file of REQUIRED) if (!lines.has(file)) problems.push(`${file} is missing from coverage/lcov.info`);

const rows = [];
for (const [file, byLine] of [...lines].sort(([a], [b]) => a.localeCompare(b))) {
  const missedLines = [...byLine].filter(([, ran]) => !ran).map(([line]) => line);

  const recordPath = path.join(coverage, "branches", `${file}.json`);
  let probes: Probe[] = [];
  if (existsSync(recordPath)) {
    if (statSync(recordPath).mtimeMs > statSync(lcovPath).mtimeMs) {
      problems.push(`${file}: branch probes are newer than lcov.info (a build ran after the coverage run): rerun coverage`);
    }
    probes = (JSON.parse(readFileSync(recordPath, "utf8")) as { probes: Probe[] }).probes.sort((a, b) => a.line - b.line);
  } else if (byLine.size > 0) {
    problems.push(`${file}: no branch record in coverage/branches (was the branch-coverage plugin loaded?)`);
  }
  const functions = probes.filter((p) => p.kind === "function");
  const branches = probes.filter((p) => p.kind !== "function");
  const missedFunctions = functions.filter((p) => !hits.has(p.tag));
  const missedBranches = branches.filter((p) => !hits.has(p.tag));

  rows.push({
    file,
    lines: ratio(byLine.size - missedLines.length, byLine.size),
    branches: ratio(branches.length - missedBranches.length, branches.length),
    functions: ratio(functions.length - missedFunctions.length, functions.length),
  });
  if (missedLines.length > 0) problems.push(`${file}: lines never run: ${missedLines.join(", ")}`);
  for (const p of missedBranches) problems.push(`${file}:${p.line}: ${p.kind} (${p.code}) never ${describe(p.side)}`);
  for (const p of missedFunctions) problems.push(`${file}:${p.line}: ${p.code} never called`);
}

console.table(rows);
if (problems.length > 0) fail(`not fully covered:\n  ${problems.join("\n  ")}`);
console.log("coverage check: every line, branch and function covered");

function ratio(covered: number, total: number): string {
  return total === 0 ? "-" : `${covered}/${total} (${((covered * 100) / total).toFixed(2)} %)`;
}

function describe(side: string): string {
  switch (side) {
    case "true":
      return "true";
    case "false":
      return "false";
    case "success":
      return "succeeded";
    default:
      return "reached its catch";
  }
}
