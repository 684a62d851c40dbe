/**
 * Launching the project's commands (`npm start`, `npm run fork`, ...) as a user would, in their
 * own process group, so a test can press "Ctrl-C" (SIGINT to the whole group, as a terminal does)
 * and then prove that no process of the group is left behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Processes whose process group is `group` (read from /proc/<pid>/stat). */
export function groupMembers(group: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // state, ppid, pgrp, ...
      if (Number(fields[2]) === group && fields[0] !== "Z") members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export class Launched {
  #printed = "";
  #ended = false;
  /** Exit code, or the signal that ended it (npm re-raises Ctrl-C's SIGINT on itself). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly #child: ChildProcess;

  constructor(command: string, args: string[], env: Record<string, string>, cwd = ROOT) {
    this.#child = spawn(command, args, { cwd, detached: true, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const record = (chunk: Buffer) => (this.#printed += chunk.toString());
    this.#child.stdout!.on("data", record);
    this.#child.stderr!.on("data", record);
    this.exited = new Promise((resolve) =>
      this.#child.once("exit", (code, signal) => {
        this.#ended = true;
        resolve({ code, signal });
      }),
    );
  }

  /** Everything printed so far, colours stripped (CI may force them on: FORCE_COLOR). */
  get output(): string {
    return stripVTControlCharacters(this.#printed);
  }

  get group(): number {
    return this.#child.pid!;
  }

  /** Resolves once the output matches `pattern`; rejects (with the output) on exit or timeout. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (this.#ended || Date.now() > deadline) {
        throw new Error(`${this.#ended ? "exited" : "timed out"} before ${pattern}; output:\n${this.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Ctrl-C: SIGINT to every process in the group, as a terminal sends it. */
  interrupt(): void {
    process.kill(-this.group, "SIGINT");
  }

  /** Ctrl-C, then SIGKILL if the group is still there after `graceMs`; resolves once it exited. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.#ended) return;
    this.interrupt();
    const timer = setTimeout(() => this.kill(), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Last resort for a failed test: nothing may outlive it. */
  kill(): void {
    try {
      process.kill(-this.group, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/** `npm <args>` from the repository root, or from `cwd`. */
export function npm(args: string[], env: Record<string, string>, cwd = ROOT): Launched {
  return new Launched("npm", args, env, cwd);
}
