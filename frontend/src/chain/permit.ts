/**
 * EIP-2612 permits, signed in the wallet: the farm's depositWithPermit takes an LP token's, the
 * router's removeLiquidityWithPermit a pair's. One signing path for both.
 */
import { signTypedData } from "@wagmi/core";
import { type Address, domainSeparator, type Hex, parseSignature, type TypedDataDomain } from "viem";

import type { WagmiConfig } from "./wagmi";

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export interface PermitMessage {
  owner: Address;
  spender: Address;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}

/**
 * The EIP-2612 domain of `token` (a Uniswap V2 pair or a token like it: version "1") when this
 * chain can satisfy it, from its `name` and `DOMAIN_SEPARATOR` as read (undefined where either
 * call failed): a token deployed on another chain id (a mainnet pair seen from a fork) keeps that
 * id in its separator, and then no permit signed here is valid; undefined then, and the caller
 * approves instead.
 */
export function usablePermitDomain(token: Address, chainId: number, name: string | undefined, separator: Hex | undefined): TypedDataDomain | undefined {
  if (name === undefined || separator === undefined) return undefined;
  const domain = { name, version: "1", chainId, verifyingContract: token };
  return domainSeparator({ domain }) === separator ? domain : undefined;
}

/** `message` signed by its owner in `domain`, split as contracts take it (v, r, s). */
export async function signPermit(config: WagmiConfig, domain: TypedDataDomain, message: PermitMessage) {
  const signature = await signTypedData(config, { account: message.owner, domain, types: PERMIT_TYPES, primaryType: "Permit", message });
  const { r, s, v, yParity } = parseSignature(signature);
  return { r, s, v: Number(v ?? BigInt(yParity + 27)) };
}
