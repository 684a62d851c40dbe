/**
 * Any error the wallet, viem, the node or the farm can throw, as one sentence a person can act
 * on. viem wraps errors in layers (ContractFunctionExecutionError → ContractFunctionRevertedError
 * → ...), and what matters is often deep inside, so every check walks the whole `.cause` chain.
 */
import { LP_DECIMALS } from "./conventions";
import { formatSignificant, formatTokenAmount } from "./format";
import { liquidityRevertSentence } from "./liquidity-errors";

/** What the sentence may say about the token being moved; LP with 18 decimals if unsaid. */
type ErrorContext = { decimals?: number; symbol?: string };

/** The fields read from each error in the chain; any of them may be missing or of any type. */
type ErrorLink = {
  name?: unknown;
  message?: unknown;
  shortMessage?: unknown;
  details?: unknown;
  code?: unknown;
  data?: unknown;
  reason?: unknown;
  cause?: unknown;
};

/** A revert viem decoded against the ABI (`ContractFunctionRevertedError.data`), and its text. */
type DecodedRevert = { errorName: string; args: readonly unknown[]; reason: string };

/** Said whenever a write waits for the wallet to be on the farm's chain. */
export const WRONG_NETWORK =
  "Your wallet is on another network. Switch to the farm's network and try again.";

/** Said whenever the node does not answer: on the page's banner and for a write it stopped. */
export const NODE_NOT_ANSWERING =
  "The node is not answering. Check that it is running; this page reconnects by itself.";

/** The longest message quoted back to the user: past that it is a dump, not a sentence. */
const MAX_MESSAGE_LENGTH = 200;

/** A cause chain deeper than this is a cycle or a bug, not information. */
const MAX_CHAIN_LENGTH = 32;

/** Said when the user rejected a request in the wallet: not an error, nothing was sent. */
export const CANCELLED_IN_WALLET = "You cancelled it in your wallet; nothing was sent.";

/** True when the user rejected the request in the wallet, however deep and however the wallet says it. */
export function isUserRejection(error: unknown): boolean {
  return causeChain(error).some(isRejectionLink);
}

/**
 * The sentence to show for `error`. `context` names the token whose amount the failed call
 * moved, for sentences that quote an amount. A rejection in the wallet is told apart by
 * `isUserRejection`: it is shown as cancelled, not as a failure.
 */
export function errorSentence(error: unknown, context: ErrorContext = {}): string {
  const chain = causeChain(error);
  if (chain.some(isRejectionLink)) return CANCELLED_IN_WALLET;
  const revert = findDecodedRevert(chain);
  if (revert) return revertSentence(revert, context);
  const reason = findRevertReason(chain);
  if (reason) return revertedWith(reason);
  if (chain.some(isInsufficientFunds)) {
    return "Your account does not have enough ETH to pay for gas.";
  }
  if (chain.some(isChainMismatch)) return WRONG_NETWORK;
  if (chain.some(isNetworkFailure)) {
    return NODE_NOT_ANSWERING;
  }
  return fallbackSentence(error, chain);
}

/** `error` and its causes, outermost first. Only objects: a thrown string has no fields. */
function causeChain(error: unknown): ErrorLink[] {
  const chain: ErrorLink[] = [];
  for (let link = error; isObject(link) && chain.length < MAX_CHAIN_LENGTH; link = link.cause) {
    if (chain.includes(link)) break;
    chain.push(link);
  }
  return chain;
}

function isObject(value: unknown): value is ErrorLink {
  return typeof value === "object" && value !== null;
}

function isRejectionLink(link: ErrorLink): boolean {
  return (
    link.name === "UserRejectedRequestError" ||
    link.code === 4001 ||
    /User (rejected|denied)/i.test(text(link.message))
  );
}

function isInsufficientFunds(link: ErrorLink): boolean {
  return link.name === "InsufficientFundsError" || /insufficient funds/i.test(text(link.message));
}

const CHAIN_MISMATCH_ERRORS = ["ChainMismatchError", "ConnectorChainMismatchError", "SwitchChainError"];

function isChainMismatch(link: ErrorLink): boolean {
  // viem's (wallet vs transaction), wagmi's (connector vs request), and a refused switch.
  return CHAIN_MISMATCH_ERRORS.includes(text(link.name));
}

function isNetworkFailure(link: ErrorLink): boolean {
  if (link.name === "HttpRequestError" || link.name === "TimeoutError") return true;
  // Chrome says "Failed to fetch", Node "fetch failed"; viem puts either in `details`.
  const said = `${text(link.message)} ${text(link.details)}`;
  return /Failed to fetch|fetch failed|ECONNREFUSED/i.test(said);
}

/** The first revert in the chain that viem decoded against the ABI. */
function findDecodedRevert(chain: ErrorLink[]): DecodedRevert | undefined {
  for (const link of chain) {
    const data = link.data as { errorName?: unknown; args?: unknown } | undefined;
    if (isObject(data) && typeof data.errorName === "string") {
      // viem leaves `args` undefined for an error without parameters.
      const args = Array.isArray(data.args) ? data.args : [];
      return { errorName: data.errorName, args, reason: text(link.reason) };
    }
  }
  return undefined;
}

/**
 * A revert string from a contract that reverts with `require(cond, "...")`, as Uniswap V2 does
 * ("UniswapV2: INSUFFICIENT_LIQUIDITY"). A bare "execution reverted" says nothing and is skipped.
 */
function findRevertReason(chain: ErrorLink[]): string | undefined {
  for (const link of chain) {
    const reason = text(link.reason).replace(/^execution reverted:?\s*/i, "");
    if (reason !== "") return reason;
  }
  return undefined;
}

function revertedWith(reason: string): string {
  const known = liquidityRevertSentence(reason.trim());
  if (known) return known;
  const said = reason.trim().replace(/\.+$/, "");
  return said === "" ? "The transaction was reverted." : `The transaction was reverted: ${said}.`;
}

function revertSentence(revert: DecodedRevert, context: ErrorContext): string {
  const { errorName, args, reason } = revert;
  // Error(string) and Panic(uint256) are Solidity's own: viem puts their text in `reason`.
  if (errorName === "Error") return revertedWith(text(args[0]) || reason);
  if (errorName === "Panic") return revertedWith(reason || `panic ${String(args[0])}`);
  if (Object.hasOwn(CUSTOM_ERRORS, errorName)) return CUSTOM_ERRORS[errorName]!(args, context);
  return `The farm refused the transaction (${errorName}).`;
}

type SentenceFor = (args: readonly unknown[], context: ErrorContext) => string;

/**
 * A sentence per custom error the farm can revert with: its own (IFarm.sol, IFarmLocks.sol) and those of the
 * OpenZeppelin contracts it and the reward token are built on. Arguments as in the Solidity.
 */
const CUSTOM_ERRORS: Record<string, SentenceFor> = {
  PoolNotFound: ([pid, poolLength]) =>
    `That pool does not exist (pool ${pid}; the farm has ${poolLength}). Reload the page.`,
  WithdrawExceedsStake: ([, , staked], context) =>
    `You can unstake at most ${tokenAmount(staked, context, "LP")} from this pool.`,
  ZeroRecipient: () => "Rewards and LP cannot go to the zero address. Enter another recipient.",
  FarmAsRecipient: () =>
    "Rewards and LP cannot go to the farm itself: they could never leave it. " +
    "Enter another recipient.",
  PoolStakeTooLarge: ([, , max], context) =>
    `That is more than the pool can hold: at most ${tokenAmount(max, context, "LP")} ` +
    "can be staked in it in all. Enter a smaller amount.",
  LpTokenZeroAddress: () =>
    "The LP token address is the zero address. Enter the LP token's address.",
  LpTokenNotAContract: ([lpToken]) => `${lpToken} is not a contract on this network.`,
  LpTokenIsRewardToken: () =>
    "The reward token cannot be staked in its own farm. Enter an LP token's address instead.",
  PoolAlreadyExists: ([, pid]) =>
    `The farm already has a pool for that LP token (pool ${pid}).`,
  AllocPointTooLarge: ([allocPoint, max]) =>
    `An allocation of ${count(allocPoint)} points is too large: ` +
    `a pool can have at most ${count(max)}.`,
  RewardPerBlockTooLarge: ([, max], context) =>
    "That reward per block is too large: " +
    `the farm accepts at most ${tokenAmount(max, context, "")} per block.`,
  TooManyPools: ([max]) => `The farm already has the most pools it can hold (${count(max)}).`,
  PermitExpired: () => "The signature expired before the transaction was mined. Try again.",
  PermitInvalid: () =>
    "The token refused the signature. Try again; the page will ask for an approval instead.",
  EnforcedPause: () =>
    "The farm is paused: staking and harvesting are stopped for now. Unstaking still works.",
  ExpectedPause: () => "The farm is not paused, so there is nothing to resume.",
  OwnableUnauthorizedAccount: ([account]) =>
    `Only the farm's owner can do that; you are connected as ${account}.`,
  OwnableInvalidOwner: ([owner]) => `${owner} cannot own the farm. Enter another address.`,
  OwnershipCannotBeRenounced: () =>
    "The farm's ownership cannot be renounced: a paused farm would keep its rewards forever. " +
    "Transfer it instead.",
  ReentrancyGuardReentrantCall: () =>
    "A token called back into the farm (or its zap) in the middle of the transaction, and it was refused. " +
    "That token cannot be used here.",
  ERC20InsufficientBalance: ([sender, balance, needed], context) =>
    `Not enough tokens: ${sender} holds ${tokenAmount(balance, context, "tokens")} ` +
    `and this needs ${tokenAmount(needed, context, "tokens")}. Enter a smaller amount.`,
  ERC20InsufficientAllowance: ([spender, allowance, needed], context) =>
    `The approval is too small: ${spender} may move ${tokenAmount(allowance, context, "tokens")} ` +
    `and this needs ${tokenAmount(needed, context, "tokens")}. Approve the amount, then try again.`,
  SafeERC20FailedOperation: ([token]) => `The token ${token} refused the transfer.`,
  // Locks (IFarmLocks.sol).
  UnknownTier: ([, tierCount]) =>
    `That lock duration is no longer offered (the farm offers ${count(tierCount)}). Reload the page and choose again.`,
  // Locks, and partner streams' funding and reclaiming, share this one.
  ZeroAmount: () => "There is nothing to move: the amount is zero. Enter an amount above zero (a stream with nothing left to reclaim has nothing to return).",
  LockShortened: ([newEnd, end]) =>
    `That would end your lock at block ${count(newEnd)}, before its current end at block ${count(end)}. ` +
    "A lock can only be extended: choose a longer duration.",
  NotLocked: () => "You have no running lock in this pool: an ended lock's LP can simply be unstaked.",
  PoolEmergencyUnlocked: () =>
    "The owner ended every lock in this pool for good: it takes no new locks, and its LP can be unstaked without penalty.",
  LockTiersMismatch: ([durations, boosts]) =>
    `Each duration needs a boost: ${count(durations)} durations, ${count(boosts)} boosts.`,
  TooManyLockTiers: ([tiers, max]) => `At most ${count(max)} lock durations: remove ${count(BigInt(String(tiers)) - BigInt(String(max)))}.`,
  LockDurationInvalid: ([index, duration]) =>
    `Duration ${count(BigInt(String(index)) + 1n)} (${count(duration)} blocks) must be longer than the one before it, ` +
    "and at most 365 epochs.",
  BoostInvalid: ([index, boostBps]) =>
    `Boost ${count(BigInt(String(index)) + 1n)} (${Number(boostBps) / 10_000}×) must be from 1× to 3×, ` +
    "and not below the one before it.",
  PenaltyTooLarge: ([, max]) => `The early-exit penalty can be at most ${Number(max) / 100}%.`,
  EpochBlocksOutOfRange: ([epochBlocks]) => `An epoch of ${count(epochBlocks)} blocks is out of range.`,
  LockTermsChanged: () =>
    "The farm's lock terms changed since they were shown: nothing was locked. Check the new terms and confirm again.",
  // Operators (IFarmOperators.sol) and the zap (IFarmZap.sol): nothing moves when they refuse.
  NotOperator: () =>
    "The zap is not allowed to unstake or harvest for you. Allow it first (one transaction), then try again.",
  NotAPair: ([pid]) => `Pool ${pid}'s LP token is not a Uniswap V2 pair of this farm's factory, so the zap cannot use it: stake its LP token directly.`,
  TokenNotInPair: ([token]) =>
    `${token === "0x0000000000000000000000000000000000000000" ? "ETH" : String(token)} is not one of this pair's tokens. Choose one of them.`,
  EmptyPair: () => "This pair has no liquidity yet, so there is no price to swap at. Add both tokens instead.",
  // The zap's and the partner rewarder's, with the same (token, sent, received): the sentence
  // cannot tell which refused, so it serves both, and quotes no amount (the zap's context is its LP).
  FeeOnTransferToken: ([token]) =>
    `${token} takes a fee on transfers (less arrives than is sent), so it is refused: a zap could not swap it exactly, ` +
    "nor a stream of it pay what it promises. Add liquidity with both tokens instead of zapping, or fund the stream with another token.",
  InvalidAmount: () => "That amount is too small to swap, or there was no reward to compound. Enter a larger amount.",
  InsufficientOutput: ([amount, minimum], context) =>
    `The pool's price moved past your slippage tolerance before the transaction ran (it would give ${tokenAmount(amount, context, "")}, ` +
    `below your minimum of ${tokenAmount(minimum, context, "")}), so nothing happened. Check the new figures and try again, or allow more slippage.`,
  Expired: () => "The deadline passed before the transaction ran, so nothing happened. Try again, or allow more minutes in the settings.",
  InvalidPath: () => "The swap path does not lead from the reward token to this pair. Reload the page and try again.",
  UnexpectedEth: () => "The zap only takes ETH with a zap from ETH: choose ETH as the token to zap from, or send no ETH.",
  EthTransferFailed: () => "The zap could not send the ETH to your account: it refused to receive it. Zap out to WETH instead.",
  // Partner rewards (IPartnerRewarder.sol, IFarmPartners.sol): nothing moves when they refuse.
  NotFarm: () => "Only the farm reports staking actions to the partner rewarder.",
  NotPartnerRewarder: () => "Only the farm's partner rewarder turns partner rewards on for a pool: fund a stream to do it.",
  NotFarmOwner: ([account]) => `Only the farm's owner approves or revokes sponsors; you are connected as ${account}.`,
  NotSponsor: ([pid, account]) =>
    `${account} is not an approved sponsor of pool ${pid}: only the farm's owner and the sponsors it approves for a pool fund its streams. Ask the owner to approve you for it.`,
  NotSelf: () => "Only the partner rewarder itself makes its payments.",
  EndBlockTooLate: ([endBlock]) => `An end at block ${count(endBlock)} is beyond any block this chain will reach. Choose an earlier end.`,
  PoolBehind: ([pid, upTo]) =>
    `Pool ${pid}'s partner streams stand at block ${count(upTo)}: more lock ends passed than one update goes through. ` +
    "Bring them up to date first (anyone may call catchUp on the partner rewarder, once or a few times), then try again.",
  StreamSponsoredByOther: ([token, sponsor]) =>
    `The ${token} stream on this pool belongs to ${sponsor}: only that sponsor tops it up and reclaims it, until it has ended and been reclaimed.`,
  TooManyStreams: ([pid, max]) =>
    `Pool ${pid} already carries ${count(max)} partner tokens, the most a pool can. Top one of them up, or choose another pool.`,
  StreamNotFound: ([pid, token]) => `Pool ${pid} has no ${token} stream. Reload the page and pick a stream it has.`,
  EndBlockTooEarly: ([endBlock, earliest]) =>
    `An end at block ${count(endBlock)} is too early: it must be at block ${count(earliest)} or later ` +
    "(after this block, and never before a running stream's end). Choose a later end.",
  NotAToken: ([token]) => `${token} is not a token on this network (no contract there). Check the address.`,
  AmountTooLarge: ([, max], context) =>
    `That is more than one stream can ever be funded with (${tokenAmount(max, context, "")} over its life). Enter a smaller amount.`,
  StreamRunning: ([endBlock]) =>
    `The stream runs until block ${count(endBlock)}: what nobody earned can be reclaimed only after its end. Try again then.`,
  FarmPaused: () => "The farm is paused: partner rewards stay owed to you until it resumes. Claim them then.",
  ReentrantCall: () =>
    "A token called back into the partner rewarder in the middle of the transaction, and it refused. That token cannot be used for partner rewards.",
};

/**
 * A token amount in an error. LP with significant digits, as the card and the dialogs show it
 * ("0.0000112345 LP", not 18 decimals): the same figure in both places, and cut, never rounded
 * up, so a limit shown is never above the real one. Other tokens at full precision: an error
 * about a limit must show the limit exactly, not rounded to one side of it.
 */
function tokenAmount(value: unknown, context: ErrorContext, defaultSymbol: string): string {
  if (typeof value !== "bigint") return String(value);
  const decimals = context.decimals ?? LP_DECIMALS;
  const symbol = context.symbol ?? defaultSymbol;
  const amount = isLp(symbol) ? formatSignificant(value, decimals) : formatTokenAmount(value, decimals, decimals);
  return symbol === "" ? amount : `${amount} ${symbol}`;
}

/** An LP token by its name in a sentence: "LP", or a pool's "DAI/WETH LP". */
function isLp(symbol: string): boolean {
  return symbol === "LP" || symbol.endsWith(" LP");
}

/** A whole number, grouped in thousands. */
function count(value: unknown): string {
  return typeof value === "bigint" ? formatTokenAmount(value, 0) : String(value);
}

/** The deepest `shortMessage` (viem's sentence for people), else the raw message, trimmed. */
function fallbackSentence(error: unknown, chain: ErrorLink[]): string {
  const shortMessages = chain.map((link) => text(link.shortMessage)).filter((m) => m.trim());
  if (shortMessages.length > 0) return firstLine(shortMessages[shortMessages.length - 1]!);
  const message = firstLine(isObject(error) ? text(error.message) : text(error));
  return message === "" ? "Something went wrong." : `Something went wrong: ${message}`;
}

function firstLine(message: string): string {
  const line = message.trim().split("\n")[0]!.trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : line;
}

/** A field as text: strings as they are, numbers and bigints printed, anything else empty. */
function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return "";
}
