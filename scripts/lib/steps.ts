/**
 * Step-by-step progress for the launchers: each step prints what it is doing, how long it took,
 * and on failure which step failed and why, then the launcher exits non-zero.
 */
export class StepFailure extends Error {
  constructor(readonly step: string, readonly reason: string) {
    super(`${step} failed: ${reason}`);
  }
}

export class Steps {
  readonly #started = Date.now();
  #done = 0;

  constructor(readonly total: number) {}

  /** Runs `work` as the next step; a thrown error becomes a StepFailure naming the step. */
  async run<T>(title: string, work: (note: (line: string) => void) => Promise<T>): Promise<T> {
    this.#done++;
    const started = Date.now();
    console.log(`[${this.#done}/${this.total}] ${title}…`);
    try {
      const result = await work((line) => console.log(`      ${line}`));
      console.log(`      done in ${seconds(Date.now() - started)}`);
      return result;
    } catch (error) {
      throw new StepFailure(title, explain(error));
    }
  }

  elapsed(): string {
    return seconds(Date.now() - this.#started);
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The most useful sentence in an error: ethers' short message, or the error's own. */
export function explain(error: unknown): string {
  if (error instanceof StepFailure) return error.reason;
  const e = error as { shortMessage?: string; message?: string };
  return e.shortMessage ?? e.message ?? String(error);
}

/** Prints a failure the way every launcher does and exits with status 1. */
export function fail(error: unknown): never {
  const message = error instanceof StepFailure ? error.message : explain(error);
  console.error(`\nError: ${message}`);
  process.exit(1);
}
