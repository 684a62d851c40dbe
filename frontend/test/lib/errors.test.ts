import { ConnectorChainMismatchError } from "@wagmi/core";
import {
  BaseError,
  ChainMismatchError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  HttpRequestError,
  InsufficientFundsError,
  TimeoutError,
  UserRejectedRequestError,
  encodeErrorResult,
  parseAbi,
} from "viem";
import { describe, expect, it } from "vitest";

import { farmAbi, farmZapAbi, partnerRewarderAbi } from "../../src/chain/abis.generated";
import { CANCELLED_IN_WALLET, errorSentence, isUserRejection } from "../../src/lib/errors";

const ACCOUNT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const LP_TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const E18 = 10n ** 18n;

/** A custom error shaped as viem throws it from writeContract / simulateContract. */
function farmRevert(errorName: string, args?: readonly unknown[]) {
  return {
    name: "ContractFunctionExecutionError",
    shortMessage: 'The contract function "deposit" reverted.',
    cause: {
      name: "ContractFunctionRevertedError",
      shortMessage: 'The contract function "deposit" reverted.',
      data: { errorName, args },
    },
  };
}

describe("user rejection", () => {
  const rejections = [
    new UserRejectedRequestError(new Error("User rejected the request.")),
    { name: "TransactionExecutionError", cause: new UserRejectedRequestError(new Error("no")) },
    { shortMessage: "x", cause: { cause: { code: 4001 } } },
    new Error("MetaMask Tx Signature: User denied transaction signature."),
    { message: "User rejected the request." },
  ];

  it("is recognised however deep and however the wallet says it, and said as cancelled", () => {
    for (const rejection of rejections) {
      expect(isUserRejection(rejection)).toBe(true);
      expect(errorSentence(rejection)).toBe(CANCELLED_IN_WALLET);
    }
  });

  it("is not any other error", () => {
    expect(isUserRejection(new Error("fetch failed"))).toBe(false);
    expect(isUserRejection({ code: 4100, message: "Unauthorized" })).toBe(false);
    expect(isUserRejection(farmRevert("EnforcedPause"))).toBe(false);
  });
});

describe("farm custom errors", () => {
  const cases: [string, readonly unknown[] | undefined, string][] = [
    [
      "PoolNotFound",
      [7n, 3n],
      "That pool does not exist (pool 7; the farm has 3). Reload the page.",
    ],
    [
      "ZeroRecipient",
      undefined,
      "Rewards and LP cannot go to the zero address. Enter another recipient.",
    ],
    [
      "FarmAsRecipient",
      undefined,
      "Rewards and LP cannot go to the farm itself: they could never leave it. Enter another recipient.",
    ],
    [
      "PoolStakeTooLarge",
      [0n, 2n ** 112n, 2n ** 112n - 1n],
      // 2^112 − 1 wei = 5,192,296,858,534,827.628530496329220095 LP: LP shows significant digits (every integer digit).
      "That is more than the pool can hold: at most 5,192,296,858,534,827 LP can be staked in it in all. Enter a smaller amount.",
    ],
    [
      "LpTokenZeroAddress",
      undefined,
      "The LP token address is the zero address. Enter the LP token's address.",
    ],
    ["LpTokenNotAContract", [LP_TOKEN], `${LP_TOKEN} is not a contract on this network.`],
    [
      "LpTokenIsRewardToken",
      [LP_TOKEN],
      "The reward token cannot be staked in its own farm. Enter an LP token's address instead.",
    ],
    [
      "PoolAlreadyExists",
      [LP_TOKEN, 2n],
      "The farm already has a pool for that LP token (pool 2).",
    ],
    [
      "AllocPointTooLarge",
      [2n ** 16n, 2n ** 16n - 1n],
      "An allocation of 65,536 points is too large: a pool can have at most 65,535.",
    ],
    [
      "RewardPerBlockTooLarge",
      [2n ** 96n, 2n ** 96n - 1n],
      // 2^96 − 1 wei = 79,228,162,514.264337593543950335 tokens.
      "That reward per block is too large: the farm accepts at most 79,228,162,514.264337593543950335 per block.",
    ],
    [
      "TooManyPools",
      [16_777_215n],
      "The farm already has the most pools it can hold (16,777,215).",
    ],
    [
      "PermitExpired",
      [1_700_000_000n, 1_700_000_012n],
      "The signature expired before the transaction was mined. Try again.",
    ],
    [
      "PermitInvalid",
      [LP_TOKEN],
      "The token refused the signature. Try again; the page will ask for an approval instead.",
    ],
    [
      "EnforcedPause",
      undefined,
      "The farm is paused: staking and harvesting are stopped for now. Unstaking still works.",
    ],
    ["ExpectedPause", undefined, "The farm is not paused, so there is nothing to resume."],
    [
      "OwnableUnauthorizedAccount",
      [ACCOUNT],
      `Only the farm's owner can do that; you are connected as ${ACCOUNT}.`,
    ],
    ["OwnableInvalidOwner", [ACCOUNT], `${ACCOUNT} cannot own the farm. Enter another address.`],
    [
      "OwnershipCannotBeRenounced",
      undefined,
      "The farm's ownership cannot be renounced: a paused farm would keep its rewards forever. Transfer it instead.",
    ],
    [
      "ReentrancyGuardReentrantCall",
      undefined,
      "A token called back into the farm (or its zap) in the middle of the transaction, and it was refused. That token cannot be used here.",
    ],
    [
      "ERC20InsufficientBalance",
      [ACCOUNT, 15n * 10n ** 17n, 2n * E18],
      `Not enough tokens: ${ACCOUNT} holds 1.5 tokens and this needs 2 tokens. Enter a smaller amount.`,
    ],
    [
      "ERC20InsufficientAllowance",
      [ACCOUNT, 0n, 2n * E18],
      `The approval is too small: ${ACCOUNT} may move 0 tokens and this needs 2 tokens. Approve the amount, then try again.`,
    ],
    ["SafeERC20FailedOperation", [LP_TOKEN], `The token ${LP_TOKEN} refused the transfer.`],
    ["FarmIsNotMinter", [ACCOUNT], "The farm refused the transaction (FarmIsNotMinter)."],
  ];

  for (const [errorName, args, sentence] of cases) {
    it(`explains ${errorName}`, () => {
      expect(errorSentence(farmRevert(errorName, args))).toBe(sentence);
    });
  }

  it("quotes LP with significant digits, as the card shows it, cut and never rounded up", () => {
    // 0.000011234567890123 LP (an LP worth $29,995 a token reads like this): six significant digits.
    const tiny = farmRevert("WithdrawExceedsStake", [0n, 5n * E18, 11_234_567_890_123n]);
    expect(errorSentence(tiny)).toBe("You can unstake at most 0.0000112345 LP from this pool.");
    expect(errorSentence(tiny, { decimals: 18, symbol: "DAI/WETH LP" })).toBe("You can unstake at most 0.0000112345 DAI/WETH LP from this pool.");
    // 1,234.567891 LP: six significant digits are 1,234.56 (the 7 is cut, not rounded up).
    const big = farmRevert("WithdrawExceedsStake", [0n, 5_000n * E18, 1_234_567_891_000_000_000_000n]);
    expect(errorSentence(big)).toBe("You can unstake at most 1,234.56 LP from this pool.");
    // Another token keeps every decimal: a limit must be exact.
    expect(errorSentence(big, { decimals: 18, symbol: "DAI" })).toBe("You can unstake at most 1,234.567891 DAI from this pool.");
  });

  it("quotes the stake exactly, in the LP's decimals and symbol", () => {
    const error = farmRevert("WithdrawExceedsStake", [0n, 5n, 3n]);
    // 3 wei of an 18-decimal LP, written out in full: never rounded to "<0.0001".
    expect(errorSentence(error)).toBe(
      "You can unstake at most 0.000000000000000003 LP from this pool.",
    );
    const big = farmRevert("WithdrawExceedsStake", [1n, 5n * E18, 1_234_500_000_000_000_000_000n]);
    expect(errorSentence(big)).toBe("You can unstake at most 1,234.5 LP from this pool.");
    expect(errorSentence(big, { decimals: 18, symbol: "USDC-WETH LP" })).toBe(
      "You can unstake at most 1,234.5 USDC-WETH LP from this pool.",
    );
    const sixDecimals = farmRevert("WithdrawExceedsStake", [1n, 5n, 2_500_000n]);
    expect(errorSentence(sixDecimals, { decimals: 6, symbol: "TKN" })).toBe(
      "You can unstake at most 2.5 TKN from this pool.",
    );
  });

  it("uses the token's symbol in ERC20 sentences", () => {
    const error = farmRevert("ERC20InsufficientBalance", [ACCOUNT, 1_000_000n, 2_000_000n]);
    expect(errorSentence(error, { decimals: 6, symbol: "USDC" })).toBe(
      `Not enough tokens: ${ACCOUNT} holds 1 USDC and this needs 2 USDC. Enter a smaller amount.`,
    );
  });

  it("does not take a prototype name for a known error", () => {
    expect(errorSentence(farmRevert("toString"))).toBe(
      "The farm refused the transaction (toString).",
    );
  });

  it("reads real viem errors decoded against the farm's ABI", () => {
    // The generated ABI, so an error renamed or reshaped in IFarm breaks this decoding.
    const abi = farmAbi;
    const data = encodeErrorResult({
      abi,
      errorName: "WithdrawExceedsStake",
      args: [0n, 5n * E18, 3n * E18],
    });
    const reverted = new ContractFunctionRevertedError({ abi, data, functionName: "withdraw" });
    const thrown = new ContractFunctionExecutionError(reverted, {
      abi,
      functionName: "withdraw",
      args: [0n, 5n * E18],
    });
    expect(errorSentence(thrown)).toBe("You can unstake at most 3 LP from this pool.");

    // A parameterless error: viem leaves `args` undefined.
    const zero = new ContractFunctionRevertedError({
      abi,
      data: encodeErrorResult({ abi, errorName: "ZeroRecipient" }),
      functionName: "depositFor",
    });
    expect(errorSentence(zero)).toBe(
      "Rewards and LP cannot go to the zero address. Enter another recipient.",
    );
  });
});

describe("revert strings", () => {
  it("quotes a Uniswap-style reason", () => {
    const error = {
      name: "ContractFunctionExecutionError",
      shortMessage: 'The contract function "swap" reverted with the following reason:',
      cause: { name: "ContractFunctionRevertedError", reason: "UniswapV2: INSUFFICIENT_LIQUIDITY" },
    };
    expect(errorSentence(error)).toBe(
      "The transaction was reverted: UniswapV2: INSUFFICIENT_LIQUIDITY.",
    );
  });

  it("reads Error(string) as viem decodes it", () => {
    const abi = parseAbi(["function swap(uint256 amount)"]);
    const data = encodeErrorResult({
      abi: parseAbi(["error Error(string)"]),
      errorName: "Error",
      args: ["UniswapV2: K"],
    });
    const reverted = new ContractFunctionRevertedError({ abi, data, functionName: "swap" });
    expect(errorSentence(reverted)).toBe("The transaction was reverted: UniswapV2: K.");
  });

  it("reads a panic from viem's reason", () => {
    const error = {
      name: "ContractFunctionRevertedError",
      data: { errorName: "Panic", args: [17] },
      reason: "Arithmetic operation resulted in underflow or overflow.",
    };
    expect(errorSentence(error)).toBe(
      "The transaction was reverted: Arithmetic operation resulted in underflow or overflow.",
    );
  });

  it("strips a node's 'execution reverted' prefix and skips a bare one", () => {
    expect(errorSentence({ reason: "execution reverted: ds-math-sub-underflow" })).toBe(
      "The transaction was reverted: ds-math-sub-underflow.",
    );
    const bare = {
      shortMessage: 'The contract function "deposit" reverted.',
      cause: { name: "ContractFunctionRevertedError", reason: "execution reverted" },
    };
    expect(errorSentence(bare)).toBe('The contract function "deposit" reverted.');
  });
});

describe("account, network and chain failures", () => {
  it("explains missing gas money", () => {
    const sentence = "Your account does not have enough ETH to pay for gas.";
    expect(errorSentence({ name: "TransactionExecutionError", cause: new InsufficientFundsError() })).toBe(
      sentence,
    );
    expect(errorSentence(new Error("insufficient funds for gas * price + value"))).toBe(sentence);
  });

  it("explains a node that does not answer", () => {
    const sentence =
      "The node is not answering. Check that it is running; this page reconnects by itself.";
    const http = new HttpRequestError({ url: "http://127.0.0.1:8545", details: "Failed to fetch" });
    expect(errorSentence(http)).toBe(sentence);
    expect(errorSentence(new TimeoutError({ body: {}, url: "http://127.0.0.1:8545" }))).toBe(
      sentence,
    );
    expect(errorSentence(new TypeError("Failed to fetch"))).toBe(sentence);
    expect(errorSentence({ cause: new Error("connect ECONNREFUSED 127.0.0.1:8545") })).toBe(
      sentence,
    );
  });

  it("explains a wallet on another network", () => {
    const sentence = "Your wallet is on another network. Switch to the farm's network and try again.";
    const mismatch = new ChainMismatchError({
      chain: { id: 31337, name: "Hardhat" } as never,
      currentChainId: 1,
    });
    expect(errorSentence(mismatch)).toBe(sentence);
    expect(errorSentence({ name: "SwitchChainError", message: "whatever" })).toBe(sentence);
    // wagmi's, when the wallet moved between the page's check and the request.
    const moved = new ConnectorChainMismatchError({ connectionChainId: 31337, connectorChainId: 1 });
    expect(errorSentence(moved)).toBe(sentence);
  });
});

describe("anything else", () => {
  it("uses the deepest shortMessage, first line only", () => {
    const error = {
      shortMessage: "Outer summary.",
      cause: { shortMessage: "Inner summary.\nDetails: noise", cause: { message: "raw" } },
    };
    expect(errorSentence(error)).toBe("Inner summary.");
    expect(errorSentence(new BaseError("A viem summary."))).toBe("A viem summary.");
  });

  it("falls back to the first line of the message", () => {
    const error = new Error("boom");
    error.stack = "Error: boom\n    at somewhere (file.ts:1:1)";
    expect(errorSentence(error)).toBe("Something went wrong: boom");
    expect(errorSentence(new Error("first line\nsecond line"))).toBe(
      "Something went wrong: first line",
    );
    expect(errorSentence("a thrown string")).toBe("Something went wrong: a thrown string");
    expect(errorSentence(undefined)).toBe("Something went wrong.");
    expect(errorSentence({})).toBe("Something went wrong.");
  });

  it("cuts a long message at 200 characters", () => {
    const sentence = errorSentence(new Error("x".repeat(500)));
    expect(sentence).toBe(`Something went wrong: ${"x".repeat(199)}…`);
  });

  it("survives a cause chain that loops", () => {
    const a: { message: string; cause?: unknown } = { message: "loop" };
    a.cause = { message: "back", cause: a };
    expect(errorSentence(a)).toBe("Something went wrong: loop");
  });
});

describe("every custom error the farm can revert with", () => {
  /** Errors only a deployment meets (the constructor's), never a dapp user. */
  const DEPLOYMENT_ONLY = ["FarmIsNotMinter", "EmissionBudgetTooLarge", "StartBlockTooLarge"];

  // From the generated ABI, so a new error in IFarm without a sentence here fails this test.
  type AbiError = Extract<(typeof farmAbi)[number], { type: "error" }>;
  const errors = farmAbi.filter((item): item is AbiError => item.type === "error").filter((e) => !DEPLOYMENT_ONLY.includes(e.name));

  it.each(errors.map((e) => [e.name]))("%s has a sentence of its own", (name) => {
    const inputs: readonly { type: string }[] = errors.find((e) => e.name === name)!.inputs;
    const args = inputs.map((input) => (input.type === "address" ? ACCOUNT : 7n));
    const sentence = errorSentence(farmRevert(name, args));
    expect(sentence).not.toBeNull();
    expect(sentence).not.toBe(`The farm refused the transaction (${name}).`);
  });
});


describe("every custom error the partner rewarder can revert with", () => {
  // From the generated ABI, so a new error in IPartnerRewarder without a sentence here fails this test.
  type AbiError = Extract<(typeof partnerRewarderAbi)[number], { type: "error" }>;
  const errors = partnerRewarderAbi.filter((item): item is AbiError => item.type === "error");

  it.each(errors.map((e) => [e.name]))("%s has a sentence of its own", (name) => {
    const inputs: readonly { type: string }[] = errors.find((e) => e.name === name)!.inputs;
    const args = inputs.map((input) => (input.type === "address" ? ACCOUNT : 7n));
    const sentence = errorSentence(farmRevert(name, args));
    expect(sentence).not.toBe(`The farm refused the transaction (${name}).`);
    expect(sentence).toMatch(/\.$/);
  });

  it("says what a sponsor must do, with the figures the contract gives", () => {
    expect(errorSentence(farmRevert("EndBlockTooEarly", [1_000n, 1_500n]))).toBe(
      "An end at block 1,000 is too early: it must be at block 1,500 or later (after this block, and never before a running stream's end). Choose a later end.",
    );
    // The zap reverts with the same error and arguments (see the zap's errors below): one sentence for both.
    expect(errorSentence(farmRevert("FeeOnTransferToken", [LP_TOKEN, 100n * E18, 99n * E18]), { decimals: 18, symbol: "FEE" })).toBe(
      `${LP_TOKEN} takes a fee on transfers (less arrives than is sent), so it is refused: a zap could not swap it exactly, nor a stream of it pay what it promises. ` +
        "Add liquidity with both tokens instead of zapping, or fund the stream with another token.",
    );
    expect(errorSentence(farmRevert("NotSponsor", [3n, ACCOUNT]))).toMatch(/^0x7099.* is not an approved sponsor of pool 3: .* Ask the owner to approve you for it\.$/);
    expect(errorSentence(farmRevert("PoolBehind", [3n, 1_000n]))).toMatch(/^Pool 3's partner streams stand at block 1,000: .* then try again\.$/);
  });
});

describe("zap and operator custom errors", () => {
  const cases: [string, readonly unknown[] | undefined, { decimals?: number; symbol?: string } | undefined, string][] = [
    ["NotOperator", [ACCOUNT, LP_TOKEN], undefined, "The zap is not allowed to unstake or harvest for you. Allow it first (one transaction), then try again."],
    ["TokenNotInPair", ["0x0000000000000000000000000000000000000000", LP_TOKEN], undefined, "ETH is not one of this pair's tokens. Choose one of them."],
    ["EmptyPair", [LP_TOKEN], undefined, "This pair has no liquidity yet, so there is no price to swap at. Add both tokens instead."],
    [
      "InsufficientOutput",
      [1_990n * 10n ** 6n, 2_000n * 10n ** 6n],
      { decimals: 6, symbol: "USDC" },
      "The pool's price moved past your slippage tolerance before the transaction ran (it would give 1,990 USDC, below your minimum of 2,000 USDC), so nothing happened. Check the new figures and try again, or allow more slippage.",
    ],
    ["Expired", [1n, 2n], undefined, "The deadline passed before the transaction ran, so nothing happened. Try again, or allow more minutes in the settings."],
  ];

  for (const [errorName, args, context, sentence] of cases) {
    it(`explains ${errorName}`, () => {
      expect(errorSentence(farmRevert(errorName, args), context)).toBe(sentence);
    });
  }
});

describe("every custom error the zap can revert with", () => {
  // From the generated ABI, so a new error in IFarmZap without a sentence here fails this test.
  type AbiError = Extract<(typeof farmZapAbi)[number], { type: "error" }>;
  const errors = farmZapAbi.filter((item): item is AbiError => item.type === "error");

  it("lists the zap's errors", () => {
    expect(errors.map((e) => e.name)).toContain("InsufficientOutput");
  });

  it("says a zap's fee-on-transfer refusal in words that fit the zap, whatever LP the dialog was about", () => {
    // The zap's FeeOnTransferToken has the rewarder's arguments, and the zap passes its LP as context.
    const data = encodeErrorResult({ abi: farmZapAbi, errorName: "FeeOnTransferToken", args: [LP_TOKEN, 100n * E18, 99n * E18] });
    const reverted = new ContractFunctionRevertedError({ abi: farmZapAbi, data, functionName: "zapIn" });
    const sentence = errorSentence(reverted, { decimals: 18, symbol: "USDC-WETH LP" });
    expect(sentence).toMatch(/a zap could not swap it exactly/);
    expect(sentence).toMatch(/Add liquidity with both tokens instead of zapping/);
    expect(sentence).not.toMatch(/LP/);
  });

  it.each(errors.map((e) => [e.name]))("%s has a sentence of its own", (name) => {
    const error = errors.find((e) => e.name === name)!;
    const args = error.inputs.map((input) => (input.type === "address" ? ACCOUNT : 7n));
    // Encoded and decoded by viem against the zap's ABI, as a reverted zap call arrives.
    const data = encodeErrorResult({ abi: farmZapAbi, errorName: name, args } as Parameters<typeof encodeErrorResult>[0]);
    const reverted = new ContractFunctionRevertedError({ abi: farmZapAbi, data, functionName: "zapIn" });
    const zapIn = { abi: farmZapAbi, functionName: "zapIn", args: [0n, ACCOUNT, E18, 1n, 2n] } as const;
    const sentence = errorSentence(new ContractFunctionExecutionError(reverted, zapIn));
    expect(sentence).not.toBe(`The farm refused the transaction (${name}).`);
    expect(sentence).toMatch(/\.$/);
  });
});
