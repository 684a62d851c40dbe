import { describe, expect, test } from "vitest";

import { adminBlocked, ONLY_OWNER_SENDS } from "../../src/lib/admin-gate";
import { NODE_NOT_ANSWERING } from "../../src/lib/errors";

describe("adminBlocked", () => {
  test("the owner on the farm's network, with the node answering, may send", () => {
    expect(adminBlocked({ canAdmin: true, offline: false })).toBeUndefined();
  });

  test("anyone else, or the owner on another chain, is told only the owner on the farm's network can", () => {
    expect(adminBlocked({ canAdmin: false, offline: false })).toBe("Only the farm's owner, on the farm's network, can send this.");
    expect(ONLY_OWNER_SENDS).toBe("Only the farm's owner, on the farm's network, can send this.");
  });

  test("a silent node blocks even the owner, and that is what is said first", () => {
    expect(adminBlocked({ canAdmin: true, offline: true })).toBe(NODE_NOT_ANSWERING);
    expect(adminBlocked({ canAdmin: false, offline: true })).toBe(NODE_NOT_ANSWERING);
    expect(NODE_NOT_ANSWERING).toBe("The node is not answering. Check that it is running; this page reconnects by itself.");
  });
});
