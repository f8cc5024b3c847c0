import { loadConfig } from '../../../src/server/config';
import { runProcess } from '../../../src/server/infra/child-process';

const TOKEN = 'tok3n-0123456789abcdef0123456789abcdef0123456789';
const BASE = { env: { PATH: process.env.PATH ?? '' }, timeoutMs: 30_000, maxOutputBytes: 1024 * 1024 };

describe('child processes', () => {
  test('arguments reach the child verbatim: no shell interprets them', async () => {
    const args = ['$(touch /tmp/galley-pwned)', '; echo hi', '`id`', '*', '"quoted"'];
    const result = await runProcess(['printf', '%s\\n', ...args], BASE);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').slice(0, -1)).toEqual(args);
  });

  test('a child past its timeout is killed, with what it started', async () => {
    const result = await runProcess(['sh', '-c', 'sleep 60 & sleep 60'], { ...BASE, timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, exitCode: null });
  });

  test('output past the cap is dropped and flagged', async () => {
    const result = await runProcess(['head', '-c', '100000', '/dev/zero'], { ...BASE, maxOutputBytes: 1000 });
    expect(result.stdout.length).toBe(1000);
    expect(result.truncated).toBe(true);
  });

  test('a missing executable is a result, not a crash', async () => {
    const result = await runProcess(['/nonexistent/galley-tool'], BASE);
    expect(result.exitCode).toBeNull();
    expect(result.stderr).toContain('ENOENT');
  });

  test('the configured child environment has no GALLEY_ variable and nothing holding the token', async () => {
    const config = loadConfig({
      PATH: process.env.PATH,
      HOME: '/home/galley',
      GALLEY_URL_TOKEN: TOKEN,
      GALLEY_WORK_COMPARTMENT_ID: 'ocid1.compartment.oc1..work',
      SOME_CALLBACK_URL: `https://gw.example.com/${TOKEN}/mcp`,
      TF_CLI_CONFIG_FILE: '/etc/terraformrc',
    });
    const result = await runProcess(['env'], { ...BASE, env: config.infra.childEnv });
    expect(result.stdout).not.toContain(TOKEN);
    expect(result.stdout).not.toMatch(/^GALLEY_/m);
    expect(result.stdout).toMatch(/^TF_CLI_CONFIG_FILE=\/etc\/terraformrc$/m);
    expect(result.stdout).toMatch(/^HOME=\/home\/galley$/m);
  });
});
