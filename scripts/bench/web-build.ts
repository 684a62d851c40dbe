/**
 * The production build the benchmark measures: always built afresh, so a stale or missing
 * frontend/dist is never what gets measured, and into a folder of its own, so a test run serving
 * frontend/dist meanwhile is neither measured nor disturbed.
 */
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** `npm run build:web` (the ABIs, then `vite build`, which takes the extra arguments) into `outDir`. */
export async function buildApp(outDir: string): Promise<void> {
  try {
    await promisify(execFile)("npm", ["run", "build:web", "--", "--outDir", outDir, "--emptyOutDir"], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build:web failed:\n${stdout}${stderr}`);
  }
}

/** JavaScript sizes after gzip, in bytes. */
export interface JavascriptSize {
  total: number;
  /** What index.html loads up front (its module script and module preloads): a first visit's download. */
  initial: number;
  files: Record<string, number>;
}

/**
 * Every JavaScript file of the build in `outDir`, gzipped at zlib's default level, as servers
 * compress. `total` counts lazily loaded chunks too: the budget is for the whole app.
 */
export async function javascriptGzipBytes(outDir: string): Promise<JavascriptSize> {
  const assets = path.join(outDir, "assets");
  const files: Record<string, number> = {};
  for (const name of (await readdir(assets)).filter((n) => n.endsWith(".js")).sort()) {
    files[name] = gzipSync(await readFile(path.join(assets, name))).length;
  }
  const html = await readFile(path.join(outDir, "index.html"), "utf8");
  const upFront = [...html.matchAll(/(?:src|href)="[^"]*\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const sum = (names: string[]) => names.reduce((total, name) => total + (files[name] ?? 0), 0);
  return { total: sum(Object.keys(files)), initial: sum(upFront), files };
}
