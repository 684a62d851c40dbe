/**
 * A stand-in browser wallet, injected into the page before the app loads: a minimal EIP-1193
 * provider that announces itself with EIP-6963 (as real extensions do: a name, an icon, an rdns;
 * or, as older wallets do, only sets `window.ethereum`) and says it is on whatever chain the test
 * chose. Several can be installed in one page, as a person may have several extensions. It answers only what connecting and switching chains ask
 * (accounts, chain id, permissions, wallet_switchEthereumChain); anything else is refused with
 * 4200, so a test never mistakes it for a wallet that can sign, unless it is given a node
 * (`rpcUrl`): it then passes everything else there, and the node signs with its unlocked account.
 *
 * The test plays the person holding the wallet through `window.fakeWallet` (see the helpers at
 * the end): refuse chosen requests as a person clicking "Reject" does (EIP-1193 code 4001), move
 * the wallet to another chain, and read which requests the page made.
 */
import type { Page } from "playwright-core";

export interface FakeWalletOptions {
  name: string;
  account: `0x${string}`;
  chainId: number;
  /** Chains wallet_switchEthereumChain accepts; others answer 4902 ("unrecognised chain"). */
  knownChains: number[];
  /** The node that answers (and signs) everything the wallet does not answer itself. */
  rpcUrl?: string;
  /** The icon it announces (EIP-6963: a data: URI); a small green disc unless said. */
  icon?: string;
  /** Its EIP-6963 reverse-DNS id; one derived from the name unless said (wagmi keeps one wallet per rdns). */
  rdns?: string;
  /** Announces itself with EIP-6963 (true unless said). */
  announce?: boolean;
  /** Also sets `window.ethereum`, as most extensions do (false unless said). */
  windowEthereum?: boolean;
  /**
   * Remembers that the site connected across reloads, as a real extension does (false unless
   * said: the page then starts with the wallet not connected).
   */
  remembers?: boolean;
}

/** A wallet_watchAsset request's parameters (EIP-747). */
export interface WatchedAsset {
  type: string;
  options: { address: string; symbol: string; decimals: number };
}

/** A green disc: visible in a screenshot, so a shown icon is seen. */
export const FAKE_WALLET_ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Ccircle cx='16' cy='16' r='15' fill='%2334a06e'/%3E%3C/svg%3E";

/** What the test can do with the wallet from outside the page. */
interface FakeWalletControl {
  /** Methods the person refuses, answered with 4001 "User rejected the request." */
  refuse: string[];
  /** Every method the page asked of the wallet, in order. */
  requests: string[];
  /** Tokens the page asked the wallet to show (wallet_watchAsset), as asked. */
  watched: WatchedAsset[];
  /** The person moves the wallet to another chain (as from the wallet's own menu). */
  switchChain(chainId: number): void;
}

/** Runs in the page (serialised by Playwright): no imports, no closures over test code. */
function installFakeWallet(options: FakeWalletOptions & { icon: string }): void {
  let chainId = options.chainId;
  const memory = `fake-wallet:${options.name}:connected`;
  let connected = options.remembers === true && sessionStorage.getItem(memory) === "yes";
  const setConnected = (now: boolean) => {
    connected = now;
    if (options.remembers) sessionStorage.setItem(memory, now ? "yes" : "no");
  };
  const listeners = new Map<string, Set<(value: unknown) => void>>();
  const emit = (event: string, value: unknown) => listeners.get(event)?.forEach((listener) => listener(value));
  const hex = (n: number) => `0x${n.toString(16)}`;
  const rpcError = (code: number, message: string) => Object.assign(new Error(message), { code });
  const permissions = () => [{ parentCapability: "eth_accounts", caveats: [{ type: "restrictReturnedAccounts", value: [options.account] }] }];
  const control: FakeWalletControl = {
    refuse: [],
    requests: [],
    watched: [],
    switchChain(wanted: number) {
      chainId = wanted;
      emit("chainChanged", hex(chainId));
    },
  };
  // The first wallet installed is the one the helpers below play; each is also found by its name.
  const pageWindow = window as unknown as { fakeWallet?: FakeWalletControl; fakeWallets?: Record<string, FakeWalletControl> };
  pageWindow.fakeWallet ??= control;
  pageWindow.fakeWallets = { ...pageWindow.fakeWallets, [options.name]: control };
  let nextId = 1;
  const forward = async (method: string, params?: unknown[]): Promise<unknown> => {
    const response = await fetch(options.rpcUrl!, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params: params ?? [] }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw Object.assign(rpcError(body.error.code, body.error.message), { data: body.error.data });
    return body.result;
  };

  const provider = {
    async request({ method, params }: { method: string; params?: unknown[] }): Promise<unknown> {
      control.requests.push(method);
      if (control.refuse.includes(method)) throw rpcError(4001, "User rejected the request.");
      switch (method) {
        // Like a real wallet, it shows the account only once the site has asked to connect.
        case "eth_requestAccounts":
          setConnected(true);
          return [options.account];
        case "eth_accounts":
          return connected ? [options.account] : [];
        case "eth_chainId":
          return hex(chainId);
        case "net_version":
          return String(chainId);
        case "wallet_requestPermissions":
          setConnected(true);
          return permissions();
        case "wallet_getPermissions":
          return connected ? permissions() : [];
        case "wallet_revokePermissions":
          setConnected(false);
          return null;
        // The person accepts the token (EIP-747); the test reads what was asked from `requests`.
        case "wallet_watchAsset":
          control.watched.push(params as unknown as WatchedAsset);
          return true;
        case "wallet_switchEthereumChain": {
          const wanted = Number((params?.[0] as { chainId: string }).chainId);
          if (!options.knownChains.includes(wanted)) throw rpcError(4902, `Unrecognized chain ID ${hex(wanted)}`);
          control.switchChain(wanted);
          return null;
        }
        default:
          if (options.rpcUrl) return forward(method, params);
          throw rpcError(4200, `The fake wallet does not support ${method}`);
      }
    },
    on(event: string, listener: (value: unknown) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event: string, listener: (value: unknown) => void) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };

  if (options.windowEthereum) (window as unknown as { ethereum: unknown }).ethereum = provider;
  if (options.announce === false) return;
  const rdns = options.rdns ?? `test.${options.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const info = { uuid: crypto.randomUUID(), name: options.name, icon: options.icon, rdns };
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  // EIP-6963: announce now, and again whenever the dapp asks.
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
}

/** Installs a wallet in every page `page` loads from now on (reloads too); call once per wallet. */
export async function injectFakeWallet(page: Page, options: FakeWalletOptions): Promise<void> {
  await page.addInitScript(installFakeWallet, { icon: FAKE_WALLET_ICON, ...options });
}

type WithWallet = { fakeWallet: FakeWalletControl };

/** From now on the person clicks "Reject" on these requests (e.g. "eth_signTypedData_v4"); none: accepts all. */
export async function refuseInWallet(page: Page, methods: string[]): Promise<void> {
  await page.evaluate((list) => ((window as unknown as WithWallet).fakeWallet.refuse = list), methods);
}

/** The methods the page has asked of the wallet so far, oldest first. */
export function walletRequests(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as WithWallet).fakeWallet.requests]);
}

/** The person moves the wallet to `chainId` from the wallet itself, not through the page. */
export async function switchWalletChain(page: Page, chainId: number): Promise<void> {
  await page.evaluate((id) => (window as unknown as WithWallet).fakeWallet.switchChain(id), chainId);
}

/** The tokens the page asked the wallet to show, in order. */
export function watchedAssets(page: Page): Promise<WatchedAsset[]> {
  return page.evaluate(() => [...(window as unknown as WithWallet).fakeWallet.watched]);
}
