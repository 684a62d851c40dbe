/**
 * What the browser tests that take the node away share: the route the app reaches its node by
 * (its own /rpc, which a test can refuse or hold open), the sentence the page then says, and how
 * soon it must say it.
 */
export const RPC = "**/rpc";
export const NODE_AWAY = "The node is not answering. Check that it is running; this page reconnects by itself.";
/** The world mines a block every 2 s: "a few blocks" is 10 s. */
export const FEW_BLOCKS_MS = 10_000;
