/**
 * The sponsor page's reads and writes (loaded with the page): whether the connected account may
 * fund streams, a partner token's symbol, decimals, the account's balance and allowance for the
 * rewarder and its USD price (through its pairs with WETH and the stablecoin, as every price), and
 * the actions: approve + fund, reclaim, and the owner's approving or revoking of sponsors.
 */
import { defineStore } from "pinia";
import { type Address, erc20Abi, isAddressEqual } from "viem";
import { ref, shallowRef, watch } from "vue";

import { partnerRewarderAbi } from "../chain/abis.generated";
import { findPair, readToken } from "../chain/pair-lookup";
import { readClient } from "../chain/wagmi";
import { shortHex } from "../lib/format";
import type { TokenMeta } from "../lib/known-tokens";
import { type PairState, priceOf, tokenPricesUsd } from "../lib/prices";
import { useConnectionStore } from "./connection";
import { useFarmStore } from "./farm";
import { useTransactionsStore } from "./transactions";

/** A partner token as the form needs it, for the connected account. */
export interface SponsorToken extends TokenMeta {
  balance: bigint;
  allowance: bigint;
  priceUsd?: number;
}

export type TokenLookup = { ok: true; token: SponsorToken } | { ok: false; reason: string };

const NOT_A_TOKEN = {
  "no-contract": "There is no contract at that address on this network. Check the token's address.",
  "not-a-token": "That contract is not an ERC-20 token (it has no symbol or decimals). Enter the partner token's address.",
  pair: "That is a Uniswap pair's LP token. Enter the address of the token to stream.",
} as const;

export const useSponsorStore = defineStore("sponsor", () => {
  const connection = useConnectionStore();
  const farm = useFarmStore();
  const tx = useTransactionsStore();

  const client = () => readClient(connection.config!, farm.chainId!);
  const rewarder = () => farm.snapshot?.partnerRewarder;
  /** The pool the page is about: sponsors are approved per pool. */
  const pid = ref<number>();
  /** Whether the connected account may fund streams in `pid` (the owner always may); undefined until read. */
  const isSponsor = ref<boolean>();
  const token = shallowRef<TokenLookup>();

  async function refreshSponsor(): Promise<void> {
    const account = connection.address;
    isSponsor.value = account && rewarder() && pid.value !== undefined
      ? await client().readContract({ address: rewarder()!, abi: partnerRewarderAbi, functionName: "isSponsor", args: [BigInt(pid.value), account] }).catch(() => undefined)
      : undefined;
  }

  /** The token at `address`: what it is, the account's balance and allowance, and its USD price. */
  async function lookUp(address: Address): Promise<TokenLookup> {
    const d = farm.deployment!;
    const read = await readToken(client(), address);
    if (read.kind !== "token") return { ok: false, reason: NOT_A_TOKEN[read.kind] };
    const meta = read.token;
    const user = connection.address;
    const [balance, allowance] = user
      ? await client().multicall({
        contracts: [
          { address, abi: erc20Abi, functionName: "balanceOf", args: [user] },
          { address, abi: erc20Abi, functionName: "allowance", args: [user, rewarder()!] },
        ],
        allowFailure: false,
        batchSize: 0,
      })
      : [0n, 0n];
    return { ok: true, token: { ...meta, balance, allowance, priceUsd: await priceUsd(meta, d.weth, d.stablecoin) } };
  }

  /** `meta`'s USD price through its own pairs with WETH and the stablecoin, beside the pairs the farm reads. */
  async function priceUsd(meta: TokenMeta, weth: Address, stablecoin: Address): Promise<number | undefined> {
    const known = priceOf(farm.prices, meta.address);
    if (known !== undefined) return known;
    const stableDecimals = farm.pairs.flatMap((p) => [[p.token0, p.decimals0], [p.token1, p.decimals1]] as const).find(([a]) => isAddressEqual(a, stablecoin))?.[1] ?? 6;
    const quotes = [{ address: weth, symbol: "WETH", decimals: 18 }, { address: stablecoin, symbol: "USD", decimals: stableDecimals }];
    const own = (await Promise.all(quotes.map((q) => findPair(client(), farm.deployment!.uniswapV2Factory, meta, q).catch(() => undefined)))).filter((p): p is PairState => !!p);
    const snap = farm.snapshot;
    const pairs = [...(snap?.pools.map((p) => p.pair) ?? []), ...(snap?.pricePairs ?? []), ...own];
    return priceOf(tokenPricesUsd(pairs, stablecoin, weth), meta.address);
  }

  async function choose(address: Address | undefined): Promise<void> {
    token.value = undefined;
    if (!address) return;
    try {
      token.value = await lookUp(address);
    } catch {
      token.value = { ok: false, reason: "The node did not answer about that token. Try again in a moment." };
    }
  }

  /** Approves the rewarder for `amount` when its allowance is short, then funds the stream. */
  async function fund(pid: number, poolName: string, chosen: SponsorToken, amount: bigint, endBlock: bigint): Promise<boolean> {
    const address = rewarder()!;
    const context = { decimals: chosen.decimals, symbol: chosen.symbol };
    if (chosen.allowance < amount) {
      const approve = { address: chosen.address, abi: erc20Abi, functionName: "approve", args: [address, amount] } as const;
      if (!(await tx.send(`Approve ${chosen.symbol} for the partner rewarder`, approve, context))) return false;
    }
    const sent = await tx.send(`Fund ${chosen.symbol} on ${poolName}`, { address, abi: partnerRewarderAbi, functionName: "fund", args: [BigInt(pid), chosen.address, amount, endBlock] }, context);
    await choose(chosen.address);
    return sent;
  }

  function reclaim(pid: number, poolName: string, tokenAddress: Address, symbol: string, decimals: number): Promise<boolean> {
    return tx.send(`Reclaim ${symbol} from ${poolName}`, { address: rewarder()!, abi: partnerRewarderAbi, functionName: "reclaim", args: [BigInt(pid), tokenAddress] }, { decimals, symbol });
  }

  /** The owner approves `account` as a sponsor of pool `poolId`, or revokes it. */
  async function setSponsor(poolId: number, poolName: string, account: Address, approved: boolean): Promise<boolean> {
    const what = `${approved ? "Approve" : "Revoke"} sponsor ${shortHex(account)} for ${poolName}`;
    const sent = await tx.send(what, { address: rewarder()!, abi: partnerRewarderAbi, functionName: "setSponsor", args: [BigInt(poolId), account, approved] });
    await refreshSponsor();
    return sent;
  }

  watch([() => connection.address, () => farm.chainId, () => farm.snapshot?.partnerRewarder, pid], () => void refreshSponsor(), { immediate: true });

  return { pid, isSponsor, token, choose, fund, reclaim, setSponsor };
});
