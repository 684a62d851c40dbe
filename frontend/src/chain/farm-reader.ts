/**
 * Whole read or only some pools: a farm of up to 250 pools is read whole every block (one lens
 * call, chain/farm-reads.ts). A bigger one is read whole every few blocks, and in between only the
 * pools the page shows and those the user holds or stakes, laid over the last whole read, so a
 * read stays one call under a node's gas cap whatever the farm's size.
 */
import type { Address } from "viem";

import type { FarmSnapshot } from "../lib/farm-snapshot";
import { POOLS_PER_CALL, readFarm, type ReadPlan, readSomePools } from "./farm-reads";
import type { ReadClient } from "./wagmi";

/** A big farm is read whole every this many blocks: its other pools' figures are at most this old. */
const WHOLE_READ_BLOCKS = 10n;
/** The most pools read between whole reads, to stay one call under a node's gas cap. */
const WATCHED_POOLS = 250;

/** True for a farm one call reads whole: it is read whole every block. */
export function readWholeEveryBlock(poolCount: number): boolean {
  return poolCount <= POOLS_PER_CALL;
}

/** The pools a big farm reads between whole reads: those shown, and those the user holds or stakes. */
export function watchedPids(previous: FarmSnapshot, shownPids: readonly number[]): number[] {
  const held = previous.pools.filter((p) => p.user && (p.user.staked > 0n || p.user.wallet > 0n)).map((p) => p.pid);
  return [...new Set([...shownPids, ...held])].slice(0, WATCHED_POOLS);
}

/** Reads one farm for one page: remembers its last whole read, to know when the next is due. */
export class FarmReader {
  /** The last whole read: its block, and for whom. */
  #lastWhole: { block: bigint; user?: Address } | undefined;

  /** The next read is whole: the pools or the chain changed under the last one. */
  forget(): void {
    this.#lastWhole = undefined;
  }

  /**
   * Reads the farm whole, or, for a big farm whose last whole read (for the same user) is recent,
   * its watched pools laid over `previous`.
   */
  async read(client: ReadClient, plan: ReadPlan, previous: FarmSnapshot | undefined, shownPids: readonly number[]): Promise<FarmSnapshot> {
    const last = this.#lastWhole;
    const between = !!previous && !!last && last.user === plan.user && previous.blockNumber - last.block < WHOLE_READ_BLOCKS;
    if (!readWholeEveryBlock(plan.pools.length) && between) return readSomePools(client, plan, watchedPids(previous, shownPids), previous);
    const snap = await readFarm(client, plan);
    this.#lastWhole = { block: snap.blockNumber, user: plan.user };
    return snap;
  }
}
