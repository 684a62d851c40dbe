/**
 * The folder boundaries of the README's "Repository layout", checked on every import of every
 * source file (.ts, .mts, .cts, .mjs, .cjs and the <script> blocks of .vue files; node_modules,
 * build output, generated files and dot-folders left out):
 *
 * - entry folders (scripts/, test/, frontend/e2e/, frontend/test/) are run, never imported: no file
 *   outside an entry folder imports from it, so scripts/ never imports test/ or frontend/e2e/ and
 *   test/ never imports scripts/. An entry folder's own helpers (scripts/lib/, test/helpers/, ...)
 *   serve that folder alone; code two of them share lives in a library folder;
 * - library folders import only the library folders listed for them below, so the production
 *   deploy path (deploy/) imports nothing else, and never a demo world (worlds/);
 * - config files (hardhat.config.ts, the frontend's Vite config) are imported by config files only.
 *
 * Every file must fall in a folder of the table, so a new folder is placed (here and in the
 * README) before it is used.
 */
import fs from "node:fs";
import path from "node:path";

import { expect } from "chai";
import ts from "typescript";

const ROOT = path.resolve(import.meta.dirname, "..");

type Kind = "entry" | "library" | "config";

interface Area {
  /** A folder ("deploy/") or, for a config file, the file itself. Paths relative to the root. */
  path: string;
  kind: Kind;
  /** For a library: the library folders it may import (its own is always allowed). */
  mayImport?: string[];
}

const AREAS: Area[] = [
  // Entry folders: what npm scripts, Hardhat and vitest run.
  { path: "scripts/", kind: "entry" },
  { path: "test/", kind: "entry" },
  { path: "frontend/e2e/", kind: "entry" },
  { path: "frontend/test/", kind: "entry" },
  // Library folders, each allowed the libraries below it: deploy/ stands alone.
  { path: "deploy/", kind: "library", mayImport: [] },
  { path: "worlds/", kind: "library", mayImport: ["deploy/"] },
  { path: "fixtures/", kind: "library", mayImport: ["deploy/", "worlds/"] },
  { path: "gas-benchmark/", kind: "library", mayImport: ["deploy/", "worlds/", "fixtures/"] },
  { path: "plugins/branch-coverage/", kind: "library", mayImport: [] },
  // The indexer (Ponder runs it): the deployments file's types, and the dapp's pure price and APR
  // maths, so its figures are the dapp's.
  { path: "indexer/", kind: "library", mayImport: ["deploy/", "frontend/src/lib/", "indexer/api-types.ts"] },
  // What the indexer's API answers: types only, imported by the dapp that reads it (as it imports
  // the deployments file's types from deploy/), so the two cannot drift apart.
  { path: "indexer/api-types.ts", kind: "library", mayImport: [] },
  // The dapp in layers, each importing only those before it: pure lib/, chain/ (talks to a
  // node), stores/ (state and lifecycle), then components, views and the app's root files. The
  // deployments file's types come from deploy/deployments.ts.
  { path: "frontend/src/lib/", kind: "library", mayImport: [] },
  { path: "frontend/src/chain/", kind: "library", mayImport: ["deploy/", "frontend/src/lib/", "indexer/api-types.ts"] },
  { path: "frontend/src/stores/", kind: "library", mayImport: ["frontend/src/lib/", "frontend/src/chain/"] },
  { path: "frontend/src/", kind: "library", mayImport: ["deploy/", "frontend/src/lib/", "frontend/src/chain/", "frontend/src/stores/"] },
  // Config files: the tools load them.
  { path: "hardhat.config.ts", kind: "config" },
  { path: "frontend/vite.config.ts", kind: "config" },
  { path: "frontend/deployments-server.ts", kind: "config" },
];

const SOURCE = /\.(ts|mts|cts|mjs|cjs|vue)$/;
/** Skipped wherever they are. */
const SKIP_ANYWHERE = new Set(["node_modules", "dist"]);
/** Skipped at the root: build output, generated types, reports and runtime files (all git-ignored). */
const SKIP_AT_ROOT = new Set(["artifacts", "cache", "coverage", "reports", "deployments", "types"]);

/** Source files, relative to `root`, with "/" separators. */
function sourceFiles(root: string, dir = ""): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const name = entry.name;
    if (name.startsWith(".") || SKIP_ANYWHERE.has(name) || (dir === "" && SKIP_AT_ROOT.has(name))) continue;
    const relative = dir === "" ? name : `${dir}/${name}`;
    if (entry.isDirectory()) files.push(...sourceFiles(root, relative));
    else if (SOURCE.test(name) && !name.includes(".generated.") && !name.endsWith(".d.ts")) files.push(relative);
  }
  return files;
}

/** `file` without its extension: an import names "./x.js" or "./x" for x.ts. */
function stem(file: string): string {
  return file.replace(/\.[cm]?[jt]s$/, "");
}

/** The area `file` belongs to: the longest matching folder, or the config file itself. */
function areaOf(file: string): Area | undefined {
  let best: Area | undefined;
  for (const area of AREAS) {
    const matches = area.path.endsWith("/") ? file.startsWith(area.path) : stem(file) === stem(area.path);
    if (matches && (best === undefined || area.path.length > best.path.length)) best = area;
  }
  return best;
}

interface Import {
  specifier: string;
  line: number;
}

/** Every module specifier `file` names: import and export declarations, import(), require(). */
function importsOf(root: string, file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const blocks: { code: string; offset: number }[] = [];
  if (file.endsWith(".vue")) {
    for (const match of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
      blocks.push({ code: match[1], offset: match.index + match[0].indexOf(">") + 1 });
    }
  } else {
    blocks.push({ code: text, offset: 0 });
  }
  return blocks.flatMap(({ code, offset }) =>
    ts.preProcessFile(code, true, true).importedFiles.map((ref) => ({
      specifier: ref.fileName,
      line: text.slice(0, offset + ref.pos).split("\n").length,
    })),
  );
}

/** Why `file` may not import `specifier`, or undefined if it may. */
function violation(file: string, specifier: string): string | undefined {
  // Packages and node: builtins; only paths can cross a folder boundary.
  if (!specifier.startsWith(".") && !path.isAbsolute(specifier)) return undefined;
  const from = areaOf(file)!;
  const absolute = path.resolve(ROOT, path.dirname(file), specifier);
  const target = path.relative(ROOT, absolute).split(path.sep).join("/");
  if (target.startsWith("node_modules/")) return undefined;
  const to = areaOf(target);
  if (to === undefined) return `${target} is in no folder of the layout`;
  if (to === from) return undefined;
  if (to.kind === "entry") {
    return `${to.path} is an entry folder: nothing outside it imports it (move what is shared to a library folder)`;
  }
  if (to.kind === "config") {
    return from.kind === "config" ? undefined : `${to.path} is a config file: only config files import it`;
  }
  if (from.kind === "library" && !from.mayImport!.includes(to.path)) {
    const allowed = [from.path, ...from.mayImport!].join(", ");
    return `${from.path} may import only ${allowed}, not ${to.path}`;
  }
  return undefined;
}

describe("folder boundaries (README, Repository layout)", function () {
  const files = sourceFiles(ROOT);

  it("finds every source file in a folder of the layout, and every folder of the layout in use", function () {
    const unplaced = files.filter((file) => areaOf(file) === undefined);
    expect(unplaced, "files in no folder of the layout (add the folder to AREAS and to the README)").to.deep.equal([]);
    const empty = AREAS.filter((area) => !files.some((file) => areaOf(file) === area)).map((area) => area.path);
    expect(empty, "folders of the layout that hold no source file (renamed or removed?)").to.deep.equal([]);
  });

  it("has no import across a boundary", function () {
    const found: string[] = [];
    for (const file of files) {
      if (areaOf(file) === undefined) continue;
      for (const { specifier, line } of importsOf(ROOT, file)) {
        const why = violation(file, specifier);
        if (why !== undefined) found.push(`${file}:${line} imports "${specifier}": ${why}`);
      }
    }
    expect(found, `imports across a folder boundary:\n  ${found.join("\n  ")}\n`).to.deep.equal([]);
  });

  it("catches what it is for", function () {
    // The rules themselves, on imports no file should ever hold.
    expect(violation("scripts/start.ts", "../test/helpers/scenario.js")).to.match(/test\/ is an entry folder/);
    expect(violation("scripts/bench/web.ts", "../../frontend/e2e/browser.js")).to.match(/frontend\/e2e\/ is an entry folder/);
    expect(violation("test/gas.test.ts", "../scripts/bench/gas.js")).to.match(/scripts\/ is an entry folder/);
    expect(violation("fixtures/world.ts", "../test/helpers/scenario.js")).to.match(/test\/ is an entry folder/);
    expect(violation("deploy/farm-stack.ts", "../worlds/local-world.js")).to.match(/deploy\/ may import only deploy\/, not worlds\//);
    expect(violation("worlds/local-world.ts", "../fixtures/chain.js")).to.match(/worlds\/ may import only worlds\/, deploy\/, not fixtures\//);
    expect(violation("deploy/plan.ts", "../hardhat.config.js")).to.match(/config file/);
    // And what they allow.
    expect(violation("test/admin.test.ts", "./helpers/farm-state.js")).to.equal(undefined);
    expect(violation("test/gas.test.ts", "../gas-benchmark/run.js")).to.equal(undefined);
    expect(violation("worlds/local-world.ts", "../deploy/farm-stack.js")).to.equal(undefined);
    expect(violation("hardhat.config.ts", "./plugins/branch-coverage/index.js")).to.equal(undefined);
    expect(violation("deploy/plan.ts", "ethers")).to.equal(undefined);
  });
});
