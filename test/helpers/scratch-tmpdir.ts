import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temporary directory per jest run, removed at its end.
 *
 * cdktf's `Testing.synthScope()` and `Testing.app()` make a `cdktf.outdir.*`
 * directory in `os.tmpdir()` for every synth and never remove it (a full run
 * left about 40), and neither lets a caller choose or learn the directory.
 * `os.tmpdir()` reads TMPDIR, so pointing TMPDIR at a directory of the run's
 * own catches those and any other scratch directory a test or its child
 * processes forget. It must be set in jest's global setup, in the main
 * process before the workers start: a test file's `process.env` is a copy
 * that `os.tmpdir()` never sees.
 */
const OUTER = 'GALLEY_JEST_OUTER_TMPDIR';

export function enterScratchTmpdir(): void {
  const scratch = mkdtempSync(join(tmpdir(), 'galley-jest-'));
  process.env[OUTER] = process.env.TMPDIR ?? '';
  process.env.TMPDIR = scratch;
}

export function leaveScratchTmpdir(): void {
  const scratch = process.env.TMPDIR;
  const outer = process.env[OUTER];
  if (outer === undefined || !scratch) return;
  if (outer === '') delete process.env.TMPDIR;
  else process.env.TMPDIR = outer;
  delete process.env[OUTER];
  rmSync(scratch, { recursive: true, force: true });
}
