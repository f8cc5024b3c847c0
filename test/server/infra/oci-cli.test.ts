import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureOciCli } from '../../../scripts/oci-cli';
import { loadConfig } from '../../../src/server/config';
import { GalleyError } from '../../../src/server/errors';
import { MAX_STDOUT_BYTES, OciCliRunner, checkOciCliArgs } from '../../../src/server/infra/oci-cli';
import { standInTrusting } from '../helpers/object-storage-fixture';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';

const TOKEN = 'tok3n-0123456789abcdef0123456789abcdef0123456789';

function refusal(args: string[]): string {
  try {
    checkOciCliArgs(args);
  } catch (err) {
    expect(err).toBeInstanceOf(GalleyError);
    expect((err as GalleyError).kind).toBe('command_refused');
    return (err as GalleyError).message;
  }
  throw new Error(`not refused: ${args.join(' ')}`);
}

describe('run_oci_cli: what is refused before anything runs', () => {
  test.each([
    [['os', 'ns', 'get', ';', 'id'], 'shell metacharacters'],
    [['os', 'ns', 'get', '|', 'sh'], 'shell metacharacters'],
    [['os', 'ns', 'get', '--x', '$(id)'], 'shell metacharacters'],
    [['os', 'ns', 'get', '`id`'], 'shell metacharacters'],
    [['os', 'ns', 'get', '>', '/tmp/x'], 'shell metacharacters'],
    [['os', 'ns', 'get', 'a\nb'], 'shell metacharacters'],
    [['marketplace', 'listing', 'list'], "not on Galley's list"],
    [['--region', 'x', 'os', 'ns', 'get'], 'service group'],
    // Review of issue 13: bypasses of the first guard.
    [['--debug', 'os', 'ns', 'get'], '`--debug` is refused'],
    [['os', 'ns', 'get', '--debug'], '`--debug` is refused'],
    [['os', 'ns', 'get', '-d'], '`-d` is refused'],
    [['os', 'ns', 'get', '-di'], '`-di` is refused'],
    [['os', 'ns', 'get', '-i'], '`-i` is refused'],
    [['os', 'ns', 'get', '--cli-auto-prompt'], 'is refused'],
    [['os', 'ns', 'get', '--defaults-file', '/tmp/x'], '`--defaults-file` is refused'],
    [['os', 'ns', 'get', '--Defaults-File=/tmp/x'], '`--defaults-file` is refused'],
    [['os', 'ns', 'get', '--cli-rc-file', '/tmp/x'], '`--cli-rc-file` is refused'],
    [['os', 'ns', 'get', '--config-source', 'x'], '`--config-source` is refused'],
    [['compute', 'instance', 'launch', '--user-data-file', '/proc/1/environ', '--compartment-id', 'x'], '`--user-data-file` is refused'],
    [['compute', 'instance', 'launch', '--ssh-authorized-keys-file', '/proc/1/environ'], '`--ssh-authorized-keys-file` is refused'],
    [['os', 'object', 'bulk-upload', '--src-path', '/etc'], '`--src-path` is refused'],
    [['os', 'object', 'sync', '--some-dir', '/etc'], '`--some-dir` is refused'],
    [['compute', 'instance', 'launch', '--metadata', 'FILE:///proc/self/environ'], 'local files'],
    [['compute', 'instance', 'launch', '--metadata', '{"a":"file:///proc/self/environ"}'], 'local files'],
    [['iam', 'policy', '--region', 'list', 'create', '--name', 'p'], 'whole command before any option'],
    [['iam', 'policy', '--request-id', 'x', 'create', '--name', 'p'], 'whole command before any option'],
    [['iam', 'policy', 'list', '--region', 'x', 'create'], 'follows a value'],
    [['iam', '--region', 'x', 'policy', 'create'], 'whole command before any option'],
    [['iam', 'user', 'api-key', 'upload', '--user-id', 'x'], 'IAM may be read'],
    [['kms', '--region', 'x', 'crypto', 'decrypt'], 'whole command before any option'],
    [['secrets', 'secret-bundle', 'get', '--secret-id', 'x'], 'secret contents'],
    [['vault', 'secret-bundle', 'get'], 'secret material'],
    [['kms', 'crypto', 'decrypt', '--ciphertext', 'x'], 'secret material'],
    [['iam', 'auth-token', 'list', '--user-id', 'x'], 'secret material'],
    [['iam', 'policy', 'create', '--name', 'x'], 'IAM may be read'],
    [['iam', 'group', 'add-user'], 'IAM may be read'],
    [['iam', 'dynamic-group', 'delete', '--force'], 'IAM may be read'],
    [['os', 'ns', 'get', '--auth', 'api_key'], '`--auth` is refused'],
    [['os', 'ns', 'get', '--auth=security_token'], '`--auth` is refused'],
    [['os', 'ns', 'get', '--config-file', '/root/.oci/config'], '`--config-file` is refused'],
    [['os', 'ns', 'get', '--profile', 'ADMIN'], '`--profile` is refused'],
    [['os', 'object', 'put', '--file', '/etc/passwd'], '`--file` is refused'],
    [['compute', 'instance', 'launch', '--from-json', '{}'], '`--from-json` is refused'],
    [['compute', 'instance', 'launch', '--metadata', 'file:///proc/self/environ'], 'local files'],
    // Only the value of --query may hold shell metacharacters: not another option's, not a word after it.
    [['compute', 'instance', 'list', '--display-name', 'a && b'], 'shell metacharacters'],
    [['compute', 'instance', 'list', '--query', 'data', '--display-name', 'a|b'], 'shell metacharacters'],
    [['compute', 'instance', 'list', '--query-x=a|b'], 'shell metacharacters'],
    [['compute', 'instance', 'list', '--query=a', 'b|c'], 'shell metacharacters'],
    [['compute', 'instance', 'list', '--query', 'data[*].id', '$(id)'], 'shell metacharacters'],
    // It writes ~/.kube/config on the server, whatever the options say.
    [['ce', 'cluster', 'create-kubeconfig', '--cluster-id', 'ocid1.cluster.oc1..x'], 'writes a kubeconfig (~/.kube/config by default) on Galley\'s server and is refused'],
    [['oci', 'ce', 'cluster', 'create-kubeconfig', '--cluster-id', 'x', '--token-version', '2.0.0'], 'reads and writes no local files'],
  ])('%j', (args, message) => {
    expect(refusal(args)).toContain(message);
  });

  test('reads and ordinary commands pass, a leading `oci` is dropped', () => {
    expect(checkOciCliArgs(['oci', 'iam', 'policy', 'list', '--compartment-id', 'ocid1.compartment.oc1..x'])).toEqual(['iam', 'policy', 'list', '--compartment-id', 'ocid1.compartment.oc1..x']);
    expect(checkOciCliArgs(['compute', 'instance', 'list', '--compartment-id', 'c', '--region', 'ap-osaka-1'])).toHaveLength(7);
    expect(checkOciCliArgs(['network', 'vcn', 'create', '--freeform-tags', '{"galley":"poc"}'])).toHaveLength(5);
    expect(checkOciCliArgs(['iam', 'user', 'api-key', 'list', '--user-id', 'x'])).toHaveLength(6);
    expect(checkOciCliArgs(['iam', 'compartment', 'get', '--compartment-id', 'x', '--query', 'data.name', '--raw-output'])).toHaveLength(8);
    expect(checkOciCliArgs(['logging-search', 'search-logs', '--search-query', 'search "x"'])).toHaveLength(4);
    expect(checkOciCliArgs(['compute', 'instance', 'list', '--all', '--compartment-id', 'c', '--limit', '-1'])).toHaveLength(8);
    expect(checkOciCliArgs(['ce', 'cluster', 'get', '--cluster-id', 'ocid1.cluster.oc1..x'])).toHaveLength(5);
  });

  test.each([
    'data[?"lifecycle-state"==\'RUNNING\' && shape==\'VM.Standard.E4.Flex\'].id',
    'data[*].id | [0]',
    'data[?a || b].{name: "display-name"} | sort_by(@, &name)',
    'data[?contains("display-name", \'$poc\')] | length(@)',
  ])('a JMESPath --query passes whole, as a separate value or after =: %s', (query) => {
    const args = ['compute', 'instance', 'list', '--compartment-id', 'c'];
    expect(checkOciCliArgs([...args, '--query', query])).toEqual([...args, '--query', query]);
    expect(checkOciCliArgs([...args, `--query=${query}`])).toEqual([...args, `--query=${query}`]);
  });

  test('a refusal never quotes the token back', async () => {
    const runner = new OciCliRunner({ executable: 'oci', auth: { kind: 'config-file' }, env: {}, secrets: [TOKEN] });
    await expect(runner.run(['os', 'ns', 'get', `--x=${TOKEN};`])).rejects.toThrow(/shell metacharacters.*\[REDACTED\]/);
    await expect(runner.run(['os', 'ns', 'get', `--x=${TOKEN};`])).rejects.not.toThrow(TOKEN);
  });
});

describe('run_oci_cli: the real OCI CLI', () => {
  const credentials = createOciTestCredentials();
  const standIn = standInTrusting(credentials, ['galley-sessions']);
  let oci: string;

  beforeAll(async () => {
    oci = ensureOciCli();
    await standIn.start();
  });
  afterAll(() => standIn.stop());

  test('signs its request to the Object Storage stand-in with the config profile; JSON comes back parsed', async () => {
    const runner = new OciCliRunner({
      executable: oci,
      auth: { kind: 'config-file', file: credentials.configFile },
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' },
      extraArgs: ['--endpoint', standIn.endpoint],
    });
    const result = await runner.run(['os', 'ns', 'get']);
    expect(result).toMatchObject({ exit_code: 0, json: { data: standIn.namespace }, timed_out: false });
    expect(standIn.count('GetNamespace')).toBe(1);
    expect(standIn.unsignedRequests).toBe(0);

    // A JMESPath with && and | reaches the CLI as one argument, and the CLI evaluates it.
    const queried = await runner.run(['os', 'ns', 'get', '--query', 'data && data | length(@)']);
    expect(queried).toMatchObject({ exit_code: 0, json: standIn.namespace.length });
    expect(standIn.count('GetNamespace')).toBe(2);

    const missing = await runner.run(['os', 'object', 'list', '--bucket-name', 'no-such-bucket', '--namespace', standIn.namespace]);
    expect(missing.exit_code).not.toBe(0);
    expect(missing.stderr).toContain('BucketNotFound');
  }, 120_000);

  test('stdout past 64 KiB is cut, with a hint to use --query', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-big-oci-'));
    const fake = join(dir, 'oci');
    // A listing of 100 KiB, as `oci compute image list` can print.
    writeFileSync(fake, '#!/bin/sh\nyes \'{"name": "image"},\' | head -c 102400\n');
    chmodSync(fake, 0o755);
    const runner = new OciCliRunner({ executable: fake, auth: { kind: 'config-file' }, env: { PATH: process.env.PATH ?? '' } });
    const big = await runner.run(['compute', 'image', 'list']);
    expect(big.text).toMatch(/^\{"name": "image"\},/);
    expect(Buffer.byteLength(big.text!)).toBe(MAX_STDOUT_BYTES);
    expect(big.json).toBeUndefined();
    expect(big.truncated).toBe(true);
    expect(big.hint).toContain('--query');
    writeFileSync(fake, '#!/bin/sh\necho \'{"data":"small"}\'\n');
    const small = await runner.run(['compute', 'image', 'list']);
    expect(small).toMatchObject({ json: { data: 'small' }, truncated: false });
    expect(small.hint).toBeUndefined();
  });

  test('it runs with the scrubbed environment: no GALLEY_ variable, no token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-fake-oci-'));
    const fake = join(dir, 'oci');
    writeFileSync(fake, '#!/bin/sh\nenv\n');
    chmodSync(fake, 0o755);
    const config = loadConfig({ PATH: process.env.PATH, GALLEY_URL_TOKEN: TOKEN, GALLEY_OCI_CLI: fake, CALLBACK: `x${TOKEN}` });
    const runner = new OciCliRunner({ executable: config.infra.ociCli, auth: config.infra.auth, env: config.infra.childEnv });
    const result = await runner.run(['os', 'ns', 'get']);
    expect(result.exit_code).toBe(0);
    expect(result.text).toMatch(/^PATH=/m);
    expect(result.text).not.toContain(TOKEN);
    expect(result.text).not.toMatch(/^GALLEY_/m);
  });
});
