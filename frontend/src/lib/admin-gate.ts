/**
 * Whether an owner action can be sent from the admin page now, and if not, the one sentence that
 * says why: the same words under every review and beside every owner control.
 */
import { NODE_NOT_ANSWERING } from "./errors";

/** Said wherever someone other than the owner, or the owner on another chain, sees an owner action. */
export const ONLY_OWNER_SENDS = "Only the farm's owner, on the farm's network, can send this.";

/** Beside the owner's controls while the node is silent (the page's banner says the node's part). */
export const OWNER_ACTIONS_OFFLINE = "Owner actions are off while the node is not answering: nothing can be sent until it answers again.";

/**
 * Why an owner action cannot be sent, or undefined when it can. A silent node comes first: even
 * the owner can send nothing then, and connecting as the owner would not help.
 */
export function adminBlocked(gate: { canAdmin: boolean; offline: boolean }): string | undefined {
  if (gate.offline) return NODE_NOT_ANSWERING;
  return gate.canAdmin ? undefined : ONLY_OWNER_SENDS;
}
