/**
 * The launchers' Hardhat node: Hardhat's own JSON-RPC server, in this process, bound to loopback.
 * Running it in-process means Ctrl-C (or SIGTERM) stops everything at once and no node is left
 * behind; the launcher still talks to it over HTTP like any wallet or dapp would.
 */
import net from "node:net";

import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

export const HOST = "127.0.0.1";

export interface RunningNode {
  url: string;
  port: number;
  /** A connection over HTTP to the node, with hardhat-ethers. */
  connection: NetworkConnection<"l1">;
  close(): Promise<void>;
}

/** The port from `variable` (e.g. PORT), or `fallback`; a bad value is a sentence, not a crash. */
export function portFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable}=${raw} is not a port number (1 to 65535).`);
  }
  return port;
}

/** Seconds between interval-mined blocks: BLOCK_SECONDS, default 3 so pending rewards visibly grow. */
export function blockSeconds(): number {
  const raw = process.env.BLOCK_SECONDS ?? "3";
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`BLOCK_SECONDS=${raw} is not a positive number of seconds.`);
  return value;
}

/** Blocks the dapp looks back over for its first estimate of the block time. */
export const BLOCK_TIME_HISTORY = 10;

/**
 * Mines `BLOCK_TIME_HISTORY` empty blocks `seconds` apart. A world just built stamped its many
 * set-up blocks a second apart; without a past at the real pace, the dapp's first block-time
 * estimate, and so every APR it shows, would be off until enough real blocks had come.
 */
export async function mineBlockTimeHistory(ethers: HardhatEthers, seconds: number): Promise<void> {
  const interval = Math.max(1, Math.round(seconds)); // hardhat_mine takes whole seconds
  await ethers.provider.send("hardhat_mine", [`0x${BLOCK_TIME_HISTORY.toString(16)}`, `0x${interval.toString(16)}`]);
}

/** Fails with a sentence when something already listens on `port`. */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "EADDRINUSE"
            ? `port ${port} on ${HOST} is already in use (another copy still running?). Stop what holds it, or pick another port: ${variable}=${port + 1}`
            : `cannot listen on ${HOST}:${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, HOST, () => probe.close(() => resolve()));
  });
}

/** Starts a node on HOST:port; `forkUrl` makes it a fork of that chain. */
export async function startNode(port: number, forkUrl?: string): Promise<RunningNode> {
  const override = forkUrl ? { forking: { enabled: true, url: forkUrl } } : undefined;
  const server = await network.createServer({ network: "default", override }, HOST, port);
  const { port: actual } = await server.listen();
  const url = `http://${HOST}:${actual}`;
  const connection = await network.create({ network: "localhost", chainType: "l1", override: { url } });
  return {
    url,
    port: actual,
    connection,
    async close() {
      await connection.close();
      await server.close();
    },
  };
}

/** Resolves with the signal's name when the user presses Ctrl-C or the process is told to stop. */
export function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => resolve(signal));
  });
}

/** For racing a start-up against Ctrl-C: stop while still starting is a failure, said plainly. */
export function interrupted(signal: NodeJS.Signals): never {
  throw new Error(`stopped by ${signal} before the world was ready`);
}
