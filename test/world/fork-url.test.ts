/**
 * A bad FORK_URL fails within seconds with a sentence (worlds/fork-url.ts), instead of
 * Hardhat's minute of retries: missing, malformed, unreachable, silent, not JSON-RPC, wrong chain.
 */
import http from "node:http";
import net from "node:net";

import { expect } from "chai";
import { network } from "hardhat";

import { checkForkUrl, redact } from "../../worlds/fork-url.js";
import { freePort, npm } from "../../fixtures/processes.js";

async function refusal(url: string | undefined): Promise<string> {
  const error = await checkForkUrl(url).then(() => undefined, (e: Error) => e);
  expect(error, `expected ${url} to be refused`).to.be.instanceOf(Error);
  return error!.message;
}

/** Starts `server` on a free loopback port and returns its URL. */
async function serve(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

describe("FORK_URL checks", function () {
  it("says what to set when FORK_URL is missing", async function () {
    expect(await refusal(undefined)).to.include("FORK_URL is not set. Give it an Ethereum mainnet JSON-RPC URL");
    expect(await refusal("")).to.include("FORK_URL is not set");
  });

  it("refuses what is not an http(s) URL", async function () {
    expect(await refusal("mainnet")).to.equal("FORK_URL is not a URL; it should look like https://<host>/<path> or http://127.0.0.1:8546.");
    expect(await refusal("ws://127.0.0.1:8545")).to.equal("FORK_URL must be an http:// or https:// URL, not ws://.");
  });

  it("never prints the URL's path, where providers put the API key", async function () {
    expect(redact(new URL("https://eth-mainnet.example.com/v2/SECRETKEY"))).to.equal("https://eth-mainnet.example.com/…");
    expect(redact(new URL("https://rpc.example.com/?key=SECRET"))).to.equal("https://rpc.example.com/…");
    expect(redact(new URL("http://127.0.0.1:8546"))).to.equal("http://127.0.0.1:8546");
    const url = `http://127.0.0.1:${await freePort()}/v3/SECRETKEY`;
    expect(await refusal(url)).to.not.include("SECRETKEY");
  });

  it("says the node cannot be reached when nothing listens", async function () {
    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await refusal(url)).to.equal(`FORK_URL ${url} cannot be reached (ECONNREFUSED). Check the URL, and that the node behind it is running.`);
  });

  it("gives up on a node that accepts but never answers, within seconds", async function () {
    const silent = net.createServer(() => {}); // accepts connections, says nothing
    const url = await serve(silent);
    const started = Date.now();
    try {
      expect(await refusal(url)).to.include("cannot be reached (no answer within 5 s)");
      expect(Date.now() - started).to.be.below(7_000);
    } finally {
      silent.close();
    }
  });

  it("tells a web server from a JSON-RPC node", async function () {
    const web = http.createServer((_, response) => response.writeHead(404).end("<html>not here</html>"));
    const url = await serve(web);
    try {
      expect(await refusal(url)).to.equal(`FORK_URL ${url} answered (HTTP 404) but not as an Ethereum JSON-RPC node.`);
    } finally {
      web.close();
    }
  });

  it("refuses a node of another chain, and accepts chain 1", async function () {
    const port = await freePort();
    const other = await network.createServer({ network: "default" }, "127.0.0.1", port);
    await other.listen();
    const mainnetPort = await freePort();
    const mainnet = await network.createServer({ network: "default", override: { chainId: 1 } }, "127.0.0.1", mainnetPort);
    await mainnet.listen();
    try {
      expect(await refusal(`http://127.0.0.1:${port}`)).to.equal(
        `FORK_URL http://127.0.0.1:${port} is chain 31337, not Ethereum mainnet (chain 1): the fork farms mainnet's Uniswap V2 pairs.`,
      );
      expect(await checkForkUrl(`http://127.0.0.1:${mainnetPort}`)).to.equal(`http://127.0.0.1:${mainnetPort}`);
    } finally {
      await other.close();
      await mainnet.close();
    }
  });

  it("npm run fork with an unreachable FORK_URL exits 1 within seconds, naming the step", async function () {
    const url = `http://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const run = npm(["run", "fork"], { FORK_URL: url, PORT: String(await freePort()), UI_PORT: String(await freePort()) });
    expect((await run.exited).code).to.equal(1);
    expect(Date.now() - started).to.be.below(15_000);
    expect(run.output).to.include(`Error: Checking FORK_URL failed: FORK_URL ${url} cannot be reached (ECONNREFUSED).`);
  });
});
