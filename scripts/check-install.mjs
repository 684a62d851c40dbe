// Runs before `npm start` and `npm run fork` under whatever Node the shell has: says plainly what
// to do when the dependencies (Hardhat, and the Node 22 it runs on) are not installed yet.
import { existsSync } from "node:fs";

const missing = ["node_modules/hardhat/package.json", "node_modules/.bin/node"].filter((path) => !existsSync(path));
if (missing.length > 0) {
  console.error("Error: the dependencies are not installed (no node_modules/hardhat). Run `npm install` first, then try again.");
  process.exit(1);
}
