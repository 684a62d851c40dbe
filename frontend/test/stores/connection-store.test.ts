// @vitest-environment happy-dom
/**
 * The connection store against the real local world: every way to connect is offered (the node's
 * dev accounts, WalletConnect only when a project id is configured, no generic "Injected" without
 * a wallet), a dev account connects, and a page loaded again reconnects it until it is disconnected.
 */
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";

import { useConnectionStore } from "../../src/stores/connection";

const appUrl = inject("devAppUrl");

beforeAll(() => {
  // The page's origin serves /rpc, as in the browser (happy-dom enforces CORS).
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(appUrl);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

async function freshStore() {
  setActivePinia(createPinia());
  const connection = useConnectionStore();
  await connection.init();
  return connection;
}

describe("connection store", () => {
  it("offers a dev wallet per node account, no WalletConnect without a project id, and no browser wallet without one", async () => {
    vi.stubEnv("VITE_WALLETCONNECT_PROJECT_ID", "");
    const connection = await freshStore();
    const kinds = connection.options.map((option) => option.kind);
    expect(kinds).not.toContain("walletConnect");
    expect(kinds).not.toContain("injected"); // happy-dom has no window.ethereum and no wallet announces itself
    expect(connection.devNode).toBe("answered");
    const dev = connection.options.filter((option) => option.kind === "dev");
    expect(dev.length).toBe(connection.devAccounts.length);
    expect(dev[0].label).toMatch(/^Dev account #0 \(0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}\)$/);
  });

  it("offers WalletConnect, before the dev accounts, when a project id is configured", async () => {
    vi.stubEnv("VITE_WALLETCONNECT_PROJECT_ID", "0123456789abcdef0123456789abcdef");
    // The connector asks Reown's servers for the project's limits as it starts: the test runs
    // offline, so only the local node is reachable (nothing is fetched from the internet).
    const localFetch = globalThis.fetch;
    vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return localFetch(input, init);
      return Promise.reject(new TypeError(`offline test: ${url.hostname} is not reachable`));
    });
    const connection = await freshStore();
    const walletConnect = connection.options.filter((option) => option.kind === "walletConnect");
    expect(walletConnect.map((option) => option.label)).toEqual(["WalletConnect (QR code)"]);
    const kinds = connection.options.map((option) => option.kind);
    expect(kinds.indexOf("walletConnect")).toBeLessThan(kinds.indexOf("dev"));
  });

  it("connects a dev account and reports its address and the local chain", async () => {
    vi.stubEnv("VITE_WALLETCONNECT_PROJECT_ID", "");
    const connection = await freshStore();
    await connection.connectWith(connection.options.find((option) => option.kind === "dev")!.connector);
    expect(connection.address?.toLowerCase()).toBe(connection.devAccounts[0].toLowerCase());
    expect(connection.chainId).toBe(31337);
    await connection.disconnectWallet();
    expect(connection.connected).toBe(false);
  });

  it("reconnects the dev account a page loaded again had, until it is disconnected", async () => {
    vi.stubEnv("VITE_WALLETCONNECT_PROJECT_ID", "");
    const first = await freshStore();
    // Dev account #17, which no other file connects; connecting sends nothing.
    const mine = first.options.filter((option) => option.kind === "dev")[17];
    await first.connectWith(mine.connector);
    expect(first.address).toBe(first.devAccounts[17]);

    // The page again (the same localStorage): the same account, with no click.
    const again = await freshStore();
    expect(again.address).toBe(again.devAccounts[17]);
    expect(again.activeOption?.name).toBe("Dev account #17");
    expect(again.awaitingDevAccount).toBeUndefined();

    await again.disconnectWallet();
    const afterDisconnect = await freshStore();
    expect(afterDisconnect.connected).toBe(false);
  });
});
