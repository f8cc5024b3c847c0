import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GalleyError } from '../../../src/server/errors';
import { ChildProcessRegistry, childProcesses, runProcess } from '../../../src/server/infra/child-process';
import type { TerraformCheck } from '../../../src/server/infra/infra-service';
import { TerraformValidator, ValidationResult } from '../../../src/server/infra/terraform-validate';
import { ValidationTracker } from '../../../src/server/infra/validation-tracker';

// A child that outlives a broken stop would hold a test for its whole minute.
jest.setTimeout(20_000);
const BASE = { env: { PATH: process.env.PATH ?? '' }, timeoutMs: 60_000, maxOutputBytes: 1024 * 1024 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'galley-stop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Running, not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function fileAppears(path: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    if (existsSync(path) && readFileSync(path, 'utf8').trim()) return readFileSync(path, 'utf8').trim();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} never appeared`);
}

/** A shell child that starts a grandchild and records both pids once both run. */
function slowScript(prefix = ''): string[] {
  return ['sh', '-c', `${prefix} sleep 60 & echo $! > "${dir}/grandchild"; echo $$ > "${dir}/child"; wait`];
}

async function runningPids(): Promise<number[]> {
  return [Number(await fileAppears(join(dir, 'child'))), Number(await fileAppears(join(dir, 'grandchild')))];
}

describe('stopping the children at shutdown', () => {
  test('stopAll ends a running child and what it started, and its run rejects with command_failed', async () => {
    const registry = new ChildProcessRegistry();
    const run = runProcess(slowScript(), { ...BASE, registry });
    const pids = await runningPids();
    expect(registry.size).toBe(1);

    await registry.stopAll();
    // The grandchild holds the output pipes too, so stopAll saw them close only once both were gone.
    expect(pids.filter(alive)).toEqual([]);
    expect(registry.size).toBe(0);
    await expect(run).rejects.toEqual(new GalleyError('command_failed', 'Galley is shutting down, and `sh` was stopped: run the tool again once Galley is back'));
  });

  test('a child that ignores SIGTERM is killed once the grace is over', async () => {
    const registry = new ChildProcessRegistry();
    // The trap makes sh and the grandchild it forks ignore SIGTERM.
    const run = runProcess(slowScript("trap '' TERM;"), { ...BASE, registry });
    const pids = await runningPids();

    await registry.stopAll(300);
    expect(pids.filter(alive)).toEqual([]);
    await expect(run).rejects.toBeInstanceOf(GalleyError);
  });

  test('once stopped, no child starts: the run is refused before spawn', async () => {
    const registry = new ChildProcessRegistry();
    await registry.stopAll();
    const marker = join(dir, 'started');
    await expect(runProcess(['touch', marker], { ...BASE, registry })).rejects.toEqual(
      new GalleyError('command_failed', 'Galley is shutting down, and `touch` was not started: run the tool again once Galley is back'),
    );
    expect(existsSync(marker)).toBe(false);
  });

  test('a child that already finished is a plain result, and stopping one registry leaves another alone', async () => {
    const registry = new ChildProcessRegistry();
    const other = new ChildProcessRegistry();
    await expect(runProcess(['true'], { ...BASE, registry })).resolves.toMatchObject({ exitCode: 0 });
    const run = runProcess(slowScript(), { ...BASE, registry: other });
    const pids = await runningPids();
    await registry.stopAll();
    expect(pids.every(alive)).toBe(true);
    await other.stopAll();
    await expect(run).rejects.toBeInstanceOf(GalleyError);
  });
});

describe('the local validate at shutdown', () => {
  test('a validate whose terraform is stopped removes its working directory before drain() resolves', async () => {
    const terraform = join(dir, 'terraform');
    writeFileSync(terraform, `#!/bin/sh\npwd > "${dir}/cwd"\nexec sleep 60\n`);
    chmodSync(terraform, 0o755);
    const workDir = join(dir, 'work');
    const tracker = new ValidationTracker(new TerraformValidator({ workDir, env: BASE.env, terraform }), workDir);

    const run = tracker.validate('session-a', new Map([['main.tf', 'terraform {}\n']]));
    const cwd = await fileAppears(join(dir, 'cwd'));
    expect(cwd).toBe(join(workDir, 'session-a'));
    expect(existsSync(join(cwd, 'main.tf'))).toBe(true);

    await childProcesses.stopAll();
    await tracker.drain(5_000);
    expect(tracker.size).toBe(0);
    expect(existsSync(cwd)).toBe(false);
    await expect(run).rejects.toMatchObject({ kind: 'command_failed' });
  });

  test('a run still going at the drain limit has its directory swept; a key that is no path segment is left alone', async () => {
    const workDir = join(dir, 'work');
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    // A run that never ends, as one stuck past the limit would be.
    const stuck: TerraformCheck = {
      validate: (key) => {
        mkdirSync(join(workDir, key), { recursive: true });
        return new Promise<ValidationResult>(() => undefined);
      },
    };
    const tracker = new ValidationTracker(stuck, workDir);
    void tracker.validate('session-b', new Map());
    void tracker.validate('../outside', new Map());

    await tracker.drain(50);
    expect(existsSync(join(workDir, 'session-b'))).toBe(false);
    expect(existsSync(outside)).toBe(true);
  });
});
