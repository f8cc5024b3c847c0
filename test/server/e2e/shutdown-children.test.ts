import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_TF } from '../helpers/infra-world';
import { callError, callOk, connectClient, runHearing } from '../helpers/mcp-client';
import { alive } from '../helpers/process-alive';
import { startServerProcess } from '../helpers/server-process';

jest.setTimeout(240_000);
const TOKEN = 'shutdown-children-token-0123456789abcdef0123';

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Stand-ins for `terraform` and `oci` that take their time, as a cold init or
 * an `oci ... --wait-for-state` does. Each starts a grandchild (what the real
 * tools start: providers, plugins) and records both pids; terraform also
 * records where it runs and what it was given there.
 */
function writeSlowTools(dir: string, bin: string): void {
  for (const name of ['terraform', 'oci']) {
    writeFileSync(join(bin, name), [
      '#!/bin/sh',
      `pwd > "${dir}/${name}.cwd"`,
      `ls > "${dir}/${name}.ls"`,
      'sleep 120 &',
      `echo $! > "${dir}/${name}.grandchild"`,
      `echo $$ > "${dir}/${name}.pid"`,
      'wait',
      '',
    ].join('\n'));
    chmodSync(join(bin, name), 0o755);
  }
}

describe.each(['SIGTERM', 'SIGINT'] as const)('%s while terraform and oci run', (signal) => {
  test('the children and what they started are stopped, their calls answer command_failed, the validate directory is removed, and the process exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-shutdown-'));
    const bin = join(dir, 'bin');
    const tmp = join(dir, 'tmp');
    mkdirSync(bin);
    mkdirSync(tmp);
    writeSlowTools(dir, bin);
    const server = await startServerProcess({
      PATH: `${bin}:${process.env.PATH}`,
      TMPDIR: tmp,
      GALLEY_URL_TOKEN: TOKEN,
      GALLEY_DATA_DIR: join(dir, 'data'),
      GALLEY_WORK_COMPARTMENT_ID: 'ocid1.compartment.oc1..aaaaaaaawork',
      GALLEY_OCI_CLI: join(bin, 'oci'),
    });
    const pids: number[] = [];
    try {
      const client = await connectClient(server.base, TOKEN, 'streamable-http');
      const { sessionId } = await runHearing(client);
      await callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'main.tf', content: FIXTURE_TF });
      const plan = callError(client, 'run_terraform_plan', { session_id: sessionId });
      const cli = callError(client, 'run_oci_cli', { args: ['compute', 'instance', 'list', '--compartment-id', 'ocid1.compartment.oc1..x'] });
      await until(() => ['terraform', 'oci'].every((name) => existsSync(join(dir, `${name}.pid`))), 'both children to start');
      for (const name of ['terraform', 'oci']) {
        pids.push(Number(readFileSync(join(dir, `${name}.pid`), 'utf8')), Number(readFileSync(join(dir, `${name}.grandchild`), 'utf8')));
      }
      // The session's Terraform is on disk while terraform runs.
      const workDir = readFileSync(join(dir, 'terraform.cwd'), 'utf8').trim();
      expect(workDir.startsWith(join(tmp, 'galley-terraform', `${sessionId}-`))).toBe(true);
      expect(readFileSync(join(dir, 'terraform.ls'), 'utf8')).toContain('main.tf');
      expect(pids.every(alive)).toBe(true);

      const exited = server.stop(signal);
      const [planError, cliError] = await Promise.all([plan, cli]);
      expect(planError).toEqual({ error: 'command_failed', message: expect.stringMatching(/shutting down, and `terraform` was stopped/) });
      expect(cliError).toEqual({ error: 'command_failed', message: expect.stringMatching(/shutting down, and `oci` was stopped/) });
      expect(await exited).toBe(0);

      // Checked once the process is gone: nothing it started outlives it.
      expect(pids.filter(alive)).toEqual([]);
      expect(existsSync(workDir)).toBe(false);
    } finally {
      for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
      await server.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
