/**
 * EIP-2612 permits, signed in the wallet: the farm's depositWithPermit takes an LP token's, the
 * router's removeLiquidityWithPermit a pair's. One signing path for both.
 */
import { signTypedData } from "@wagmi/core";
import { type Address, parseSignature, type TypedDataDomain } from "viem";

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

/** `message` signed by its owner in `domain`, split as contracts take it (v, r, s). */
export async function signPermit(config: WagmiConfig, domain: TypedDataDomain, message: PermitMessage) {
  const signature = await signTypedData(config, { account: message.owner, domain, types: PERMIT_TYPES, primaryType: "Permit", message });
  const { r, s, v, yParity } = parseSignature(signature);
  return { r, s, v: Number(v ?? BigInt(yParity + 27)) };
}
