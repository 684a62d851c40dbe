/**
 * One campaign: random sequences (fast-check, seeded) played against one deployment, restored from
 * a snapshot before each sequence, every step checked against the model (driver.ts, checks.ts).
 * Shared by the campaigns of farm.invariants.test.ts and the mutants of mutants.test.ts.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import fc from "fast-check";

import { sequence } from "./actions.js";
import { SequenceDriver } from "./driver.js";
import { StateReader } from "./reader.js";
import { CampaignStats } from "./stats.js";
import type { InvariantWorld } from "./world.js";

export interface CampaignOptions {
  runs: number;
  steps: number;
  seed: number;
  /** With the seed: replay only this failing sequence (fast-check's counterexample path). */
  path?: string;
}

export interface CampaignResult {
  stats: CampaignStats;
  seconds: number;
  /** The first broken property, or undefined if every step of every sequence held. */
  failure?: { error: unknown; path: string };
}

export async function runCampaign(ethers: HardhatEthers, world: InvariantWorld, options: CampaignOptions): Promise<CampaignResult> {
  const started = Date.now();
  const reader = new StateReader(world);
  const initialPoolTokens = world.initialPools.map(({ token }) => world.stakeables[token].address);
  let snapshot = await ethers.provider.send("evm_snapshot", []);
  const stats = new CampaignStats();

  const run = await fc.check(
    fc.asyncProperty(sequence(options.steps, world.profile), async (actions) => {
      await ethers.provider.send("evm_revert", [snapshot]);
      snapshot = await ethers.provider.send("evm_snapshot", []);
      const start = await reader.read({ poolTokens: initialPoolTokens, wallets: [], lockPositions: [], terms: true, full: true, partnerPools: [] });
      stats.sequences += 1;
      await new SequenceDriver(world, reader, stats, start).play(actions);
    }),
    // No shrinking: each candidate would replay a whole sequence on chain. The failure names its
    // step and the actions before it, and the seed and path replay it alone.
    { seed: options.seed, numRuns: options.path === undefined ? options.runs : 1, path: options.path, endOnFailure: true },
  );
  // Leave the chain as the world was deployed, for whatever runs next.
  await ethers.provider.send("evm_revert", [snapshot]);

  const seconds = (Date.now() - started) / 1000;
  const failure = run.failed ? { error: run.errorInstance, path: run.counterexamplePath ?? "" } : undefined;
  return { stats, seconds, failure };
}
