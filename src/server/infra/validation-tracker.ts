import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TerraformCheck } from './infra-service';
import type { ValidationResult } from './terraform-validate';

/** Only a plain path segment is ever swept (session ids are; anything else is left alone). */
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * The local validate, with the runs in flight counted, so a shutdown can let
 * them end before the process exits. A run whose terraform a shutdown stopped
 * removes its own working directory in its `finally`, but only if the process
 * lives that long; `drain()` waits for that, and past its limit removes the
 * directories itself, so no session's Terraform stays on the server's disk.
 */
export class ValidationTracker implements TerraformCheck {
  private readonly running = new Map<Promise<unknown>, string>();

  /** `workDir` is the validator's: it keeps a run's files in `<workDir>/<key>`. */
  constructor(private readonly validator: TerraformCheck, private readonly workDir: string) {}

  validate(key: string, files: ReadonlyMap<string, string>): Promise<ValidationResult> {
    const run = this.validator.validate(key, files);
    const settled = run.then(() => undefined, () => undefined);
    this.running.set(settled, key);
    void settled.then(() => this.running.delete(settled));
    return run;
  }

  /** How many runs are in flight. */
  get size(): number {
    return this.running.size;
  }

  /** Waits up to `limitMs` for the runs in flight to end, then removes the working directory of each. */
  async drain(limitMs: number): Promise<void> {
    const runs = [...this.running];
    if (runs.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(runs.map(([settled]) => settled)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, limitMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    // allSettled: a directory that cannot go must not keep the process from exiting.
    await Promise.allSettled(
      runs
        .map(([, key]) => key)
        .filter((key) => SAFE_KEY.test(key))
        .map((key) => rm(join(this.workDir, key), { recursive: true, force: true })),
    );
  }
}
