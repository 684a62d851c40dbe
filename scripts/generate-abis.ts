/** `npm run abis`: Hardhat compiles the contracts, then this writes the dapp's ABIs (./lib/abis.ts). */
import path from "node:path";

import { ABIS_FILE, writeAbis } from "./lib/abis.js";

try {
  await writeAbis();
  console.log(`wrote ${path.relative(process.cwd(), ABIS_FILE)}`);
} catch (error) {
  console.error(`Error: ${(error as Error).message}`);
  process.exit(1);
}
