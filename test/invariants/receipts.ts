/**
 * Reading what a transaction did from its raw receipt: the farm's events, the reward token's
 * mints, and the custom error a reverted call carried. Raw JSON-RPC shapes, no ethers wrappers:
 * thousands of receipts are read per campaign.
 */
import { Interface, type InterfaceAbi, type LogDescription, ZeroAddress, zeroPadValue } from "ethers";

import type { InvariantWorld } from "./world.js";

export interface RawLog {
  address: string;
  topics: string[];
  data: string;
}

export interface RawReceipt {
  blockNumber: string;
  transactionIndex: string;
  status: string;
  logs: RawLog[];
}

/** A custom error: its name and arguments. */
export interface NamedError {
  name: string;
  args: unknown[];
}

const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
const FROM_ZERO_TOPIC = zeroPadValue(ZeroAddress, 32);

/** Arguments compared as text: numbers in decimal, addresses in lower case. */
export function normalized(args: readonly unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a.toLowerCase() : String(a))).join(",");
}

/** An expected error that may be anything (a hostile token's own revert). */
export const ANY_ERROR = "*";

export function describeError(error: NamedError): string {
  return `${error.name}(${normalized(error.args)})`;
}

export class ReceiptReader {
  readonly #farm: Interface;
  readonly #farmAddress: string;
  readonly #rewardTokenAddress: string;
  /** Both contracts' custom errors, so any revert can be named. */
  readonly #errors: Interface;

  constructor(world: InvariantWorld) {
    this.#farm = world.farm.interface;
    this.#farmAddress = world.farmAddress.toLowerCase();
    this.#rewardTokenAddress = world.rewardTokenAddress.toLowerCase();
    const seen = new Set<string>();
    const hostile = world.partnerTokens.find((t) => t.kind === "hostile")!.contract;
    const all = [...world.farm.interface.fragments, ...world.rewardToken.interface.fragments, ...world.rewarder.interface.fragments, ...hostile.interface.fragments];
    const fragments = all.filter((f) => {
      if (f.type !== "error" || seen.has(f.format())) return false;
      seen.add(f.format());
      return true;
    });
    this.#errors = new Interface(fragments as unknown as InterfaceAbi);
  }

  /** The farm's events called `name`, in log order. */
  events(receipt: RawReceipt, name: string): LogDescription[] {
    return receipt.logs
      .filter((log) => log.address.toLowerCase() === this.#farmAddress)
      .map((log) => this.#farm.parseLog(log))
      .filter((event): event is LogDescription => event !== null && event.name === name);
  }

  /** The reward token's mints: [recipient (lower case), amount]. */
  mints(receipt: RawReceipt): Array<[string, bigint]> {
    return receipt.logs
      .filter((log) => log.address.toLowerCase() === this.#rewardTokenAddress && log.topics[0] === TRANSFER_TOPIC && log.topics[1] === FROM_ZERO_TOPIC)
      .map((log) => [`0x${log.topics[2].slice(26)}`, BigInt(log.data)]);
  }

  /** The custom error in a revert's data, or a description of data that is not one. */
  decodeError(data: string): NamedError {
    try {
      const parsed = this.#errors.parseError(data);
      if (parsed !== null) return { name: parsed.name, args: [...parsed.args] };
    } catch {
      // not one of ours
    }
    return { name: `unknown revert ${data}`, args: [] };
  }
}
