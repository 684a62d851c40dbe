/** The farm's user events in a transaction receipt, decoded for lib/tx-summary.ts. */
import { type Address, isAddressEqual, type Log, parseEventLogs } from "viem";

import { LOCK_EVENTS, type LockEvent } from "../lib/locks-summary";
import type { FarmEvent } from "../lib/tx-summary";
import { farmAbi } from "./abis.generated";

const USER_EVENTS = ["Deposit", "Withdraw", "Harvest", "EmergencyWithdraw", "RewardDeferred"] as const;

/** The events `farm` itself emitted in `logs` (a token's look-alike events are not the farm's). */
export function farmEventsIn(logs: Log[], farm: Address): (FarmEvent | LockEvent)[] {
  return parseEventLogs({ abi: farmAbi, logs, eventName: [...USER_EVENTS, ...LOCK_EVENTS] })
    .filter((log) => isAddressEqual(log.address, farm))
    // Each log's args are its event's (viem decodes them by name); mapped, the pairing needs saying.
    .map(({ eventName, args }) => ({ eventName, args }) as FarmEvent | LockEvent);
}
