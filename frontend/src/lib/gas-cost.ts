/** A transaction's gas in USD: its gas units at a gas price in wei, the ETH it costs at ETH's USD price. */
import { formatEther } from "viem";

export function gasCostUsd(gasUnits: bigint, gasPriceWei: bigint, ethPriceUsd: number): number {
  return Number(formatEther(gasUnits * gasPriceWei)) * ethPriceUsd;
}
