/**
 * Why history cannot be shown, in a sentence a person can act on. History comes from the indexer;
 * the farms page never depends on it.
 */

export type HistoryAvailability = "checking" | "none" | "unreachable" | "catching-up" | "ready";

export interface HistoryStatusInput {
  availability: HistoryAvailability;
  /** The indexer's URL, its last indexed block and the chain's head, where known. */
  url?: string;
  indexedBlock?: number;
  headBlock?: number;
  /** When it will be asked again (ms). */
  retryMs?: number;
}

/** The sentence for a state other than "ready" (which needs none): undefined when ready. */
export function historyStatusSentence(input: HistoryStatusInput): string | undefined {
  switch (input.availability) {
    case "ready":
      return undefined;
    case "checking":
      return "Asking the indexer for history…";
    case "none":
      return "History is unavailable: this deployment names no indexer (the deployments file has no \"indexer\" URL). Farms, staking and harvesting work as usual.";
    case "unreachable": {
      const again = input.retryMs ? ` Trying again in ${Math.round(input.retryMs / 1000)} s.` : "";
      return `History is unavailable: the indexer${input.url ? ` at ${input.url}` : ""} is not answering. Farms, staking and harvesting work as usual.${again}`;
    }
    case "catching-up": {
      const behind =
        input.indexedBlock !== undefined && input.headBlock !== undefined && input.headBlock > input.indexedBlock
          ? ` (block ${input.indexedBlock.toLocaleString("en-US")} of ${input.headBlock.toLocaleString("en-US")})`
          : input.indexedBlock !== undefined
            ? ` (at block ${input.indexedBlock.toLocaleString("en-US")})`
            : "";
      return `History is not ready yet: the indexer is still catching up with the chain${behind}. This page fills in by itself when it has.`;
    }
  }
}
