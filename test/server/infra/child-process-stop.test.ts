import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GalleyError } from '../../../src/server/errors';
import { ChildProcessRegistry, childProcesses, runProcess } from '../../../src/server/infra/child-process';
import { TerraformValidator } from '../../../src/server/infra/terraform-validate';
import { alive } from '../helpers/process-alive';

// A child that outlives a broken stop would hold a test for its whole minute.
jest.setTimeout(20_000);
const BASE = { env: { PATH: process.env.PATH ?? '' }, timeoutMs: 60_000, maxOutputBytes: 1024 * 1024 };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'galley-stop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

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
  test('a run still going at the limit has its directory removed all the same', async () => {
    const terraform = join(dir, 'terraform-stuck');
    // Ignores SIGTERM, and nothing has stopped it yet: a run stuck past the limit (the next test's stopAll ends it).
    writeFileSync(terraform, `#!/bin/sh\ntrap '' TERM\npwd > "${dir}/cwd-stuck"\nexec sleep 60\n`);
    chmodSync(terraform, 0o755);
    const validator = new TerraformValidator({ workDir: join(dir, 'work-stuck'), env: BASE.env, terraform, timeoutMs: 60_000 });
    void validator.validate('session-b', new Map([['main.tf', 'terraform {}\n']])).catch(() => undefined);
    const cwd = await fileAppears(join(dir, 'cwd-stuck'));
    await validator.close(50);
    expect(existsSync(cwd)).toBe(false);
  });
  test('a validate whose terraform is stopped removes its working directory before close() resolves', async () => {
    const terraform = join(dir, 'terraform');
    writeFileSync(terraform, `#!/bin/sh\npwd > "${dir}/cwd"\nexec sleep 60\n`);
    chmodSync(terraform, 0o755);
    const workDir = join(dir, 'work');
    const validator = new TerraformValidator({ workDir, env: BASE.env, terraform });

    const run = validator.validate('session-a', new Map([['main.tf', 'terraform {}\n']]));
    const cwd = await fileAppears(join(dir, 'cwd'));
    expect(cwd.startsWith(join(workDir, 'session-a-'))).toBe(true);
    expect(existsSync(join(cwd, 'main.tf'))).toBe(true);

    await childProcesses.stopAll();
    await validator.close(5_000);
    expect(validator.inFlight).toBe(0);
    expect(existsSync(cwd)).toBe(false);
    await expect(run).rejects.toMatchObject({ kind: 'command_failed' });
  });

});
