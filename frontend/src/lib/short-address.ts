/**
 * An address short enough for a phone's line, "0xf39F…2266": the first four and last four hex
 * digits, which is how wallets show it too. The whole address stays one click away (copy).
 */
export function shortAddress(address: string): string {
  return address.length <= 12 ? address : `${address.slice(0, 6)}…${address.slice(-4)}`;
}
