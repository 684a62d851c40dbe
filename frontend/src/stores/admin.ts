/**
 * The owner's actions. None is sent straight away: each is proposed, reviewed (lib/admin-review.ts:
 * old → new, emission per day, the cap's date, every pool's share, warnings) and sent only when
 * the owner confirms. Also what the page checks before proposing: a token for the pair picker,
 * the factory's pair of two tokens, a pasted LP address. Notices name the pool's pair.
 */
import { defineStore } from "pinia";
import { type Address, getAddress, isAddress, isAddressEqual } from "viem";
import { computed, shallowRef } from "vue";

import { farmAbi, uniswapV2FactoryAbi } from "../chain/abis.generated";
import { findPair, readToken } from "../chain/pair-lookup";
import { describePairs } from "../chain/pairs";
import { readClient } from "../chain/wagmi";
import { type AdminChange, buildReview, changeTitle, type Review } from "../lib/admin-review";
import type { PairMeta } from "../lib/farm-snapshot";
import { knownTokens as listKnownTokens, pairOrder, type TokenMeta } from "../lib/known-tokens";
import { pairName } from "../lib/pair-name";
import { shortHex } from "../lib/format";
import type { PairState } from "../lib/prices";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useTransactionsStore } from "./transactions";

export type LpInspection =
  | { ok: true; address: Address; pair?: PairMeta; name: string }
  | { ok: false; reason: string };

export type TokenChoice = { ok: true; token: TokenMeta } | { ok: false; reason: string };

/** The factory's answer for two tokens: no pair yet, or the pair, its state and its pool if it has one. */
export type PairLookup =
  | { kind: "missing"; name: string; tokens: [TokenMeta, TokenMeta] }
  | { kind: "found"; name: string; meta: PairMeta; state: PairState; pid?: number };

const ADDRESS_SENTENCE = "Enter an address: 0x followed by 40 hexadecimal digits.";

export const useAdminStore = defineStore("admin", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const tx = useTransactionsStore();

  const farmContract = () => ({ address: farm.deployment!.farm, abi: farmAbi }) as const;
  const client = () => readClient(connection.config!, farm.chainId!);
  /** Quote tokens from weakest to strongest, for pair names (as the farms page names pools). */
  const quotes = () => (farm.deployment ? [farm.deployment.weth, farm.deployment.stablecoin] : []);
  const nameOf = (pair: { token0: string; token1: string; symbol0: string; symbol1: string }) => pairName(pair, quotes());

  // ---- Review, then send ----------------------------------------------------------------------

  const poolPoints = () => farm.pools.map(({ pid, name, allocPoint }) => ({ pid, name, allocPoint }));

  /** The change under review, and how to tell its proposer the outcome. */
  const proposal = shallowRef<{ change: AdminChange; settle: (sent: boolean) => void }>();

  /** The review of the proposed change, recomputed from every new read of the farm. */
  const review = computed<Review | undefined>(() => {
    const snap = farm.snapshot;
    if (!proposal.value || !snap) return undefined;
    return buildReview({
      change: proposal.value.change,
      farm: snap,
      pools: poolPoints(),
      blockSeconds: farm.blockSeconds,
      reward: farm.reward,
      rewardPriceUsd: farm.rewardPrice,
    });
  });

  /**
   * Opens the review of `change`. Resolves true once the owner confirmed and the transaction was
   * mined, false if they went back or it failed (its notice says why). A change proposed while
   * another is under review replaces it. A wallet on another chain is told so at once (a notice):
   * nothing it could send is worth reviewing.
   */
  function propose(change: AdminChange): Promise<boolean> {
    if (tx.refuseOffChain(changeTitle(change, poolPoints(), farm.reward))) return Promise.resolve(false);
    proposal.value?.settle(false);
    return new Promise((settle) => (proposal.value = { change, settle }));
  }

  /** Back to editing: nothing is sent. */
  function back(): void {
    proposal.value?.settle(false);
    proposal.value = undefined;
  }

  /** Sends the change under review (the review closes; its notice follows the transaction). */
  async function confirm(): Promise<void> {
    const current = proposal.value;
    const title = review.value?.title;
    if (!current || !title) return;
    proposal.value = undefined;
    current.settle(await send(current.change, title));
  }

  function send(change: AdminChange, title: string): Promise<boolean> {
    switch (change.kind) {
      case "emission":
        return tx.send(title, { ...farmContract(), functionName: "setRewardPerBlock", args: [change.rewardPerBlock] });
      case "allocation":
        return tx.send(title, { ...farmContract(), functionName: "set", args: [BigInt(change.pid), change.allocPoint] });
      case "add-pool":
        return tx.send(title, { ...farmContract(), functionName: "add", args: [change.allocPoint, change.lpToken] });
      case "pause":
        return tx.send(title, { ...farmContract(), functionName: change.paused ? "pause" : "unpause", args: [] });
    }
  }

  // ---- The pair picker -----------------------------------------------------------------------

  /** Tokens to pick from: those of the farm's pools and price pairs, and the reward token. */
  const knownTokens = computed<TokenMeta[]>(() => {
    const d = farm.deployment;
    const reward = d && farm.reward.symbol ? [{ address: d.rewardToken, ...farm.reward }] : [];
    return listKnownTokens([...farm.pairs, ...farm.pricePairs], reward);
  });

  /** A token typed by address: checked to be an ERC-20 token on this network, else a sentence. */
  async function inspectToken(input: string): Promise<TokenChoice> {
    const text = input.trim();
    if (!isAddress(text, { strict: false })) return { ok: false, reason: ADDRESS_SENTENCE };
    const known = knownTokens.value.find((t) => isAddressEqual(t.address, text));
    if (known) return { ok: true, token: known };
    const found = await readToken(client(), getAddress(text));
    switch (found.kind) {
      case "token":
        return { ok: true, token: found.token };
      case "no-contract":
        return { ok: false, reason: "There is no contract at this address on this network." };
      case "pair":
        return { ok: false, reason: "That is a Uniswap V2 pair (an LP token): pick its two tokens, or paste it under “Paste an LP token address”." };
      case "not-a-token":
        return { ok: false, reason: "That contract is not an ERC-20 token: it has no symbol or decimals." };
    }
  }

  /** The factory's pair of `a` and `b`, if it has one, and the farm's pool for it. */
  async function lookupPair(a: TokenMeta, b: TokenMeta): Promise<PairLookup> {
    const [first, second] = pairOrder(a, b);
    const state = await findPair(client(), farm.deployment!.uniswapV2Factory, first, second);
    const named = { token0: first.address, token1: second.address, symbol0: first.symbol, symbol1: second.symbol };
    if (!state) return { kind: "missing", name: nameOf(named), tokens: [first, second] };
    const meta: PairMeta = { ...named, address: state.address, decimals0: first.decimals, decimals1: second.decimals };
    const pid = farm.pairs.findIndex((p) => isAddressEqual(p.address, state.address));
    return { kind: "found", name: nameOf(meta), meta, state, pid: pid >= 0 ? pid : undefined };
  }

  /** Creates the factory's pair of `tokens` (anyone may; it starts empty). */
  function createPair(missing: Extract<PairLookup, { kind: "missing" }>): Promise<boolean> {
    const [a, b] = missing.tokens;
    return tx.send(`Create the ${missing.name} pair`, {
      address: farm.deployment!.uniswapV2Factory,
      abi: uniswapV2FactoryAbi,
      functionName: "createPair",
      args: [a.address, b.address],
    });
  }

  /** What the page says about a pasted LP address before anything is proposed. */
  async function inspectLp(input: string): Promise<LpInspection> {
    const text = input.trim();
    if (!isAddress(text, { strict: false })) return { ok: false, reason: ADDRESS_SENTENCE };
    const address = getAddress(text);
    const existing = farm.pairs.findIndex((p) => isAddressEqual(p.address, address));
    if (existing >= 0) return { ok: false, reason: `The farm already has a pool for this LP token (pool ${existing}).` };
    if (farm.deployment && isAddressEqual(address, farm.deployment.rewardToken)) {
      return { ok: false, reason: "That is the reward token: it cannot be staked in its own farm." };
    }
    const code = await client().getCode({ address });
    if (!code || code === "0x") return { ok: false, reason: "There is no contract at this address on this network." };
    const [pair] = await describePairs(client(), [address]);
    return { ok: true, address, pair, name: pair ? nameOf(pair) : shortHex(address) };
  }

  return { review, propose, back, confirm, knownTokens, inspectToken, lookupPair, createPair, inspectLp };
});
