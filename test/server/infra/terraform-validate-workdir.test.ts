// Issue 13 review, item 4: the local validate leaves no session's files on
// disk, and its runs share one provider cache.
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformEnv } from '../../../scripts/terraform';
import { TerraformValidator } from '../../../src/server/infra/terraform-validate';
import { FIXTURE_TF } from '../helpers/infra-world';

describe('TerraformValidator work directories', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'galley-tf-workdir-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));
  const env = terraformEnv() as Record<string, string>;
  const { TF_PLUGIN_CACHE_DIR: _inherited, ...withoutCache } = env;
  const validator = new TerraformValidator({ workDir, env: withoutCache });

  test('a run\'s directory is removed when it ends, valid or not; the provider cache stays and is shared', async () => {
    const valid = await validator.validate('session-a', new Map([['main.tf', FIXTURE_TF]]));
    expect(valid.valid).toBe(true);
    expect(valid.formatted.get('main.tf')).toContain('oci_core_vcn');
    expect(readdirSync(workDir)).toEqual(['.plugin-cache']);
    expect(existsSync(join(workDir, '.plugin-cache', 'registry.terraform.io', 'oracle', 'oci'))).toBe(true);

    const invalid = await validator.validate('session-b', new Map([['main.tf', `${FIXTURE_TF}\nresource "oci_core_vcn" "bad" {\n  no_such_argument = 1\n}\n`]]));
    expect(invalid.valid).toBe(false);
    expect(invalid.diagnostics).toContainEqual(expect.objectContaining({ file: 'main.tf', summary: 'Unsupported argument' }));
    expect(readdirSync(workDir)).toEqual(['.plugin-cache']);

    const again = await validator.validate('session-a', new Map([['main.tf', FIXTURE_TF]]));
    expect(again.valid).toBe(true);
    expect(readdirSync(workDir)).toEqual(['.plugin-cache']);
  }, 300_000);
});

describe('TerraformValidator, against a shared host (issue 13, second review)', () => {
  const root = mkdtempSync(join(tmpdir(), 'galley-tf-private-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const env = terraformEnv() as Record<string, string>;
  const { TF_PLUGIN_CACHE_DIR: _inherited, ...withoutCache } = env;
  const files = new Map([['main.tf', FIXTURE_TF]]);

  // Another user who makes the directory first could plant a provider in its cache, and validate would run it.
  const planted: [string, (dir: string) => void][] = [
    ['writable by others', (dir) => { mkdirSync(dir); chmodSync(dir, 0o777); }],
    ['a link to elsewhere', (dir) => symlinkSync(root, dir)],
  ];
  // Only root can make a directory another user's.
  if (process.getuid?.() === 0) planted.push(['another user\'s', (dir) => { mkdirSync(dir, { mode: 0o700 }); chownSync(dir, 4242, 4242); }]);
  test.each(planted)('a work directory %s is refused before terraform runs', async (_name, make) => {
    const workDir = join(root, `w-${Math.random().toString(36).slice(2)}`);
    make(workDir);
    await expect(new TerraformValidator({ workDir, env: withoutCache }).validate('s', files)).rejects.toThrow(/is not a private directory/);
  });

  test('a diagnostic never shows the server\'s directories (path.cwd, path.root)', async () => {
    const workDir = join(root, 'paths');
    const result = await new TerraformValidator({ workDir, env: withoutCache })
      .validate('s', new Map([['main.tf', `${FIXTURE_TF}\nlocals {\n  a = tonumber(path.cwd)\n  b = tonumber(path.root)\n}\n`]]));
    expect(result.valid).toBe(false);
    const text = JSON.stringify(result.diagnostics);
    expect(text).toContain('Invalid function argument');
    expect(text).not.toContain(root);
  }, 300_000);

  test('a provider other than oracle/oci that init installed anyway is never run by validate', async () => {
    // A terraform in Terraform's place whose init "installs" another provider, and whose validate leaves a mark.
    const probe = join(root, 'terraform-probe');
    const ran = join(root, 'validate-ran');
    writeFileSync(probe, [
      '#!/bin/sh',
      'case "$1" in',
      '  init) printf \'provider "registry.terraform.io/hashicorp/http" {\\n}\\nprovider "registry.terraform.io/oracle/oci" {\\n}\\n\' > .terraform.lock.hcl ;;',
      `  validate) touch "${ran}"; echo '{"valid":true,"diagnostics":[]}' ;;`,
      'esac',
      'exit 0',
      '',
    ].join('\n'));
    chmodSync(probe, 0o755);
    const result = await new TerraformValidator({ workDir: join(root, 'foreign'), env: withoutCache, terraform: probe }).validate('s', files);
    expect(result).toEqual({
      valid: false,
      diagnostics: [expect.objectContaining({ summary: 'only the oracle/oci provider is accepted', detail: expect.stringContaining('registry.terraform.io/hashicorp/http') })],
      formatted: new Map(),
    });
    expect(existsSync(ran)).toBe(false);
  });

  test('when terraform cannot read the providers, init never runs: the errors come back with file and line', async () => {
    const probe = join(root, 'terraform-unreadable');
    const initRan = join(root, 'init-ran');
    writeFileSync(probe, [
      '#!/bin/sh',
      'case "$1" in',
      '  providers) printf \'\\nError: Backend initialization required\\n\\n  on main.tf line 2, in terraform:\\n   2:   backend "local" {}\\n\\nRun terraform init.\\n\' >&2; exit 1 ;;',
      `  init) touch "${initRan}" ;;`,
      'esac',
      'exit 0',
      '',
    ].join('\n'));
    chmodSync(probe, 0o755);
    const result = await new TerraformValidator({ workDir: join(root, 'unreadable'), env: withoutCache, terraform: probe }).validate('s', files);
    expect(result).toEqual({
      valid: false,
      diagnostics: [{ severity: 'error', file: 'main.tf', line: 2, summary: 'Backend initialization required', detail: 'Run terraform init.' }],
      formatted: new Map(),
    });
    expect(existsSync(initRan)).toBe(false);
  });

  test('two runs of one session at once get their own directories, and both finish', async () => {
    const workDir = join(root, 'twice');
    const validator = new TerraformValidator({ workDir, env: withoutCache });
    const [a, b] = await Promise.all([validator.validate('s', files), validator.validate('s', files)]);
    expect([a.valid, b.valid]).toEqual([true, true]);
    expect(readdirSync(workDir)).toEqual(['.plugin-cache']);
  }, 300_000);
});

