/**
 * The branch probes (see index.ts). Under `--coverage`, every project file Hardhat
 * instruments is handed to this hook after Hardhat's own instrumentation, which keeps line numbers
 * and appends an import of its coverage library, `__NomicFoundationCoverage`. Then:
 *
 * - the condition of every `if` and `?:`, and each operand of `&&` / `||`, becomes
 *   `hit(condition, tagIfTrue, tagIfFalse)`, a free function appended to the file that reports one
 *   tag or the other through `__NomicFoundationCoverage.sendHit` and returns the condition;
 * - every clause of a `try` (the success block and each `catch`) starts with `sendHit(tag)`;
 * - so does the body of every function and modifier, for function coverage.
 *
 * Hardhat records every tag sent, its own and these, in coverage/data/<runner>/*.json. The list of
 * probes (tag, line, kind, side, condition text) goes to coverage/branches/<file>.json, which
 * scripts/coverage-check.ts matches against those hits.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import type { SolidityHooks } from "hardhat/types/hooks";

export interface BranchProbe {
  /** 64 hex digits, as Hardhat writes tags in coverage/data. */
  tag: string;
  /** 1-based line in the original file (Hardhat's instrumentation keeps lines). */
  line: number;
  kind: "if" | "?:" | "&&" | "||" | "try" | "function";
  side: "true" | "false" | "success" | "catch" | "called";
  /** The condition, the called expression (`try`) or the function's name, as written. */
  code: string;
}

interface AstNode {
  nodeType?: string;
  src?: string;
  [key: string]: unknown;
}

interface Insertion {
  at: number;
  text: string;
  /** Ordering of insertions at the same byte: closers of inner ranges first, then openers of outer ones. */
  rank: number;
}

const LIBRARY = "__NomicFoundationCoverage";

export default async (): Promise<Partial<SolidityHooks>> => ({
  preprocessProjectFileBeforeBuilding: async (context, sourceName, fsPath, fileContent, solcVersion, next) => {
    const instrumented = await next(context, sourceName, fsPath, fileContent, solcVersion);
    // Hardhat left the file alone: coverage is off, or the file is a test or in coverage.skipFiles.
    if (context.globalOptions.coverage !== true || instrumented === fileContent) return instrumented;
    if (!instrumented.includes(LIBRARY)) return instrumented; // nothing executable, nothing to branch

    const file = path.relative(context.config.paths.root, fsPath);
    const { source, probes } = addBranchProbes(instrumented, file, solcVersion);
    const record = path.join(context.config.paths.root, "coverage", "branches", `${file}.json`);
    await mkdir(path.dirname(record), { recursive: true });
    await writeFile(record, `${JSON.stringify({ file, probes }, null, 2)}\n`);
    return source;
  },
});

/** Adds the probes to `instrumented` (the text of `file` after Hardhat's instrumentation). */
export function addBranchProbes(instrumented: string, file: string, solcVersion: string): { source: string; probes: BranchProbe[] } {
  const bytes = Buffer.from(instrumented, "utf8"); // solc's source ranges count bytes
  const ast = parse(instrumented, file, solcVersion);
  const hit = `__branchHit_${hash(file).slice(0, 12)}`;
  const probes: BranchProbe[] = [];
  const insertions: Insertion[] = [];

  const range = (node: AstNode): [start: number, end: number] => {
    const [start, length] = node.src!.split(":").map(Number);
    return [start, start + length];
  };
  const lineAt = (offset: number): number => bytes.subarray(0, offset).toString("utf8").split("\n").length;
  const textOf = (node: AstNode): string => {
    const [start, end] = range(node);
    return bytes.subarray(start, end).toString("utf8").replace(/\s+/g, " ");
  };
  const probe = (at: number, kind: BranchProbe["kind"], side: BranchProbe["side"], code: string): string => {
    const tag = hash(`${file}|${at}|${kind}|${side}`);
    probes.push({ tag, line: lineAt(at), kind, side, code });
    return tag;
  };

  /** `condition` becomes `hit(condition, tagIfTrue, tagIfFalse)`. */
  const wrap = (condition: AstNode, kind: BranchProbe["kind"], depth: number): void => {
    const [start, end] = range(condition);
    const code = textOf(condition);
    const ifTrue = probe(start, kind, "true", code);
    const ifFalse = probe(start, kind, "false", code);
    insertions.push({ at: start, text: `${hit}(`, rank: depth });
    insertions.push({ at: end, text: `, 0x${ifTrue}, 0x${ifFalse})`, rank: -depth });
  };

  const walk = (node: unknown, depth: number): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child, depth);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as AstNode;
    // A constant's initializer must stay a compile-time constant: no probe calls there.
    if (n.nodeType === "VariableDeclaration" && n.constant === true) return;
    switch (n.nodeType) {
      case "IfStatement":
        wrap(n.condition as AstNode, "if", depth);
        break;
      case "Conditional":
        wrap(n.condition as AstNode, "?:", depth);
        break;
      case "BinaryOperation":
        if (n.operator === "&&" || n.operator === "||") {
          wrap(n.leftExpression as AstNode, n.operator, depth + 1);
          wrap(n.rightExpression as AstNode, n.operator, depth + 1);
        }
        break;
      case "FunctionDefinition":
      case "ModifierDefinition":
        if (n.body !== null && n.body !== undefined) {
          const [bodyStart] = range(n.body as AstNode);
          const name = n.nodeType === "ModifierDefinition" ? `modifier ${n.name}` : String(n.name || n.kind);
          const tag = probe(bodyStart, "function", "called", name);
          insertions.push({ at: bodyStart + 1, text: `${LIBRARY}.sendHit(0x${tag});`, rank: 0 });
        }
        break;
      case "TryStatement": {
        const code = textOf(n.externalCall as AstNode);
        for (const [i, clause] of (n.clauses as AstNode[]).entries()) {
          const [blockStart] = range(clause.block as AstNode);
          const tag = probe(blockStart, "try", i === 0 ? "success" : "catch", code);
          insertions.push({ at: blockStart + 1, text: `${LIBRARY}.sendHit(0x${tag});`, rank: 0 });
        }
        break;
      }
    }
    for (const [key, child] of Object.entries(n)) {
      if (key !== "src" && typeof child === "object") walk(child, depth + 1);
    }
  };
  walk(ast, 0);

  // Build the new text front to back, so every range refers to the original bytes. At one
  // position: closers of deeper ranges first, then openers of shallower ones (outer calls wrap
  // inner ones).
  insertions.sort((a, b) => a.at - b.at || a.rank - b.rank);
  const parts: Buffer[] = [];
  let from = 0;
  for (const { at, text } of insertions) {
    parts.push(bytes.subarray(from, at), Buffer.from(text, "utf8"));
    from = at;
  }
  parts.push(bytes.subarray(from));
  parts.push(
    Buffer.from(
      `\nfunction ${hit}(bool condition, uint256 ifTrue, uint256 ifFalse) pure returns (bool) {\n` +
        `    ${LIBRARY}.sendHit(condition ? ifTrue : ifFalse);\n` +
        "    return condition;\n" +
        "}\n",
      "utf8",
    ),
  );
  return { source: Buffer.concat(parts).toString("utf8"), probes };
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The file's syntax tree, from the solc-js that compiles it (hardhat.config.ts installs each
 * version as the npm alias `solc-<version>`). Parsing only: imports need not resolve.
 */
function parse(content: string, file: string, solcVersion: string): AstNode {
  const require = createRequire(import.meta.url);
  const solc = require(`solc-${solcVersion}`) as { compile(input: string): string };
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { [file]: { content } },
        settings: { stopAfter: "parsing", outputSelection: { "*": { "": ["ast"] } } },
      }),
    ),
  ) as { errors?: { severity: string; formattedMessage: string }[]; sources?: Record<string, { ast: AstNode }> };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0 || output.sources?.[file] === undefined) {
    throw new Error(`branch coverage: cannot parse ${file}:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  }
  return output.sources[file].ast;
}
