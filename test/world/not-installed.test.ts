/**
 * A newcomer who runs `npm start` or `npm run fork` before `npm install`: a checkout with no
 * node_modules (this repository's package.json and install check, copied to a new directory)
 * is told what to do in one sentence, and the command exits non-zero without starting anything.
 */
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { expect } from "chai";

import { npm } from "../../fixtures/processes.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe("npm start and npm run fork before npm install", function () {
  let checkout: string;

  before(async function () {
    checkout = await mkdtemp(path.join(os.tmpdir(), "farm-uninstalled-"));
    for (const file of ["package.json", "scripts/check-install.mjs"]) {
      await cp(path.join(ROOT, file), path.join(checkout, file), { recursive: true });
    }
  });

  for (const command of [["start"], ["run", "fork"]]) {
    it(`npm ${command.join(" ")} says to run npm install first and exits 1`, async function () {
      const run = npm(command, { FORK_URL: "http://127.0.0.1:1" }, checkout);
      expect((await run.exited).code, run.output).to.equal(1);
      expect(run.output).to.include("the dependencies are not installed (no node_modules/hardhat). Run `npm install` first");
      expect(run.output).to.not.include("Starting a Hardhat node");
    });
  }
});
