/**
 * The address of the Uniswap V2 pair of two tokens, computed as the factory's CREATE2 does, so the
 * indexer can name the pairs that price a token without asking the chain (and before they exist).
 */
import { type Address, encodePacked, getAddress, getCreate2Address, keccak256 } from "viem";

/**
 * The hash of the official UniswapV2Pair creation code, which the factory's CREATE2 uses (the one
 * UniswapV2Library hard-codes). The local worlds deploy the official artifacts, so it holds there
 * as on mainnet; test/indexer/abis.test.ts checks it against a real factory's `getPair`.
 */
export const UNISWAP_V2_PAIR_INIT_CODE_HASH = "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f";

/** The pair of `a` and `b` made by `factory` (whether or not it exists yet). */
export function pairAddress(factory: Address, a: Address, b: Address): Address {
  const [token0, token1] = a.toLowerCase() < b.toLowerCase() ? [a, b] : [b, a];
  return getCreate2Address({
    from: getAddress(factory),
    salt: keccak256(encodePacked(["address", "address"], [getAddress(token0), getAddress(token1)])),
    bytecodeHash: UNISWAP_V2_PAIR_INIT_CODE_HASH,
  });
}
