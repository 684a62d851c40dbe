/** `npm run abis`: Hardhat compiles the contracts, then this writes the dapp's ABIs (./lib/abis.ts). */
import path from "node:path";

import { ABIS_FILE, writeAbis } from "./lib/abis.js";

await writeAbis();
console.log(`wrote ${path.relative(process.cwd(), ABIS_FILE)}`);
