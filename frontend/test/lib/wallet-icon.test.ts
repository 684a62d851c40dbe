import { describe, expect, it } from "vitest";

import { walletIcon } from "../../src/lib/wallet-icon";

describe("walletIcon", () => {
  it("keeps image data URIs, as EIP-6963 wallets announce them", () => {
    const svg = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";
    const png = "data:image/png;base64,iVBORw0KGgo=";
    const webp = "data:image/webp;base64,UklGRg==";
    for (const icon of [svg, png, webp, "data:image/svg+xml;base64,PHN2Zy8+", "DATA:IMAGE/PNG;base64,AA=="]) {
      expect(walletIcon(icon), icon).toBe(icon);
    }
  });

  it("drops anything else: the wallet is then shown by its name alone", () => {
    const refused = [
      "https://wallet.example/icon.png", // would tell a server who opened the menu
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "data:image/x-icon;base64,AA==",
      "data:image/svg+xmlx,<svg/>",
      " data:image/png;base64,AA==",
      "<img src=x onerror=alert(1)>",
      "",
      undefined,
      42,
    ];
    for (const icon of refused) expect(walletIcon(icon), String(icon)).toBeUndefined();
  });
});
