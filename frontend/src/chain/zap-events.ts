/** The zap's events in a transaction receipt, decoded for lib/zap-summary.ts. */
import { type Address, isAddressEqual, type Log, parseEventLogs } from "viem";

import { ZAP_EVENTS, type ZapEvent } from "../lib/zap-summary";
import { farmZapAbi } from "./abis.generated";

/** The events `zap` itself emitted in `logs`. */
export function zapEventsIn(logs: Log[], zap: Address): ZapEvent[] {
  return parseEventLogs({ abi: farmZapAbi, logs, eventName: [...ZAP_EVENTS] })
    .filter((log) => isAddressEqual(log.address, zap))
    .map(({ eventName, args }) => ({ eventName, args }) as ZapEvent);
}
