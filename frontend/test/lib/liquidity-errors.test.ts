/** The router's and the pair's refusals read as sentences, however viem wraps them. */
import { ContractFunctionExecutionError, ContractFunctionRevertedError, encodeErrorResult, parseAbi } from "viem";
import { describe, expect, it } from "vitest";

import { errorSentence } from "../../src/lib/errors";
import { liquidityRevertSentence } from "../../src/lib/liquidity-errors";

const routerAbi = parseAbi(["function addLiquidity(address,address,uint256,uint256,uint256,uint256,address,uint256)"]);

/** A revert with `reason` as viem reports a failed simulation of the router. */
function simulationFailure(reason: string): ContractFunctionExecutionError {
  const data = encodeErrorResult({ abi: parseAbi(["error Error(string)"]), errorName: "Error", args: [reason] });
  const reverted = new ContractFunctionRevertedError({ abi: routerAbi, data, functionName: "addLiquidity" });
  return new ContractFunctionExecutionError(reverted, { abi: routerAbi, functionName: "addLiquidity", args: [] });
}

describe("router and pair refusals", () => {
  it("a price that moved past the slippage says so and what to do, for either side", () => {
    for (const side of ["A", "B"]) {
      expect(errorSentence(simulationFailure(`UniswapV2Router: INSUFFICIENT_${side}_AMOUNT`))).toBe(
        "The pool's price moved past your slippage tolerance before the transaction ran, so nothing happened. " +
          "Check the new amounts and try again, or allow more slippage in the settings.",
      );
    }
  });

  it("an expired deadline points at the setting", () => {
    expect(errorSentence(simulationFailure("UniswapV2Router: EXPIRED"))).toMatch(/deadline passed.*allow more minutes/);
  });

  it("amounts too small to mint or burn ask for more", () => {
    expect(errorSentence(simulationFailure("UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED"))).toBe("Those amounts are too small to mint any LP. Enter larger amounts.");
    expect(errorSentence(simulationFailure("UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED"))).toBe("That is too little LP to return any tokens. Enter a larger amount.");
  });

  it("leaves other reasons to the general sentence", () => {
    expect(liquidityRevertSentence("UniswapV2: K")).toBeUndefined();
    expect(liquidityRevertSentence("toString")).toBeUndefined(); // not an inherited key
    expect(errorSentence(simulationFailure("UniswapV2: K"))).toBe("The transaction was reverted: UniswapV2: K.");
  });
});
