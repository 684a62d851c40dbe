/**
 * Whether two addresses name the same account, however their source writes them: checksummed (the
 * deployments file, viem's decoding), lower case (the indexer's JSON, a node's logs) or as typed.
 * For strings that are not typed `Address` yet; typed ones use viem's `isAddressEqual` directly.
 */
import { isAddress, isAddressEqual } from "viem";

/** True when both are addresses of the same account; false when either is not an address at all. */
export function sameAddress(a: string, b: string): boolean {
  return isAddress(a, { strict: false }) && isAddress(b, { strict: false }) && isAddressEqual(a, b);
}
