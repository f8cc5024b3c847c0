import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { satisfies } from 'semver';
import { parse } from 'yaml';
import { validateDir } from './helpers';
import { REQUIRED_TERRAFORM_VERSION } from '../../deploy/main';
import { STACK_DIR, STACK_FILES, stackFiles, stackZip, writeStackZip } from '../../scripts/stack-zip';
import { COMMITTED_STACK } from '../../scripts/synth-deploy';
import { terraformOrThrow } from '../../scripts/terraform';
import { DEFAULT_IMAGE_TAG } from '../../src/deployment/props';

const stack = JSON.parse(readFileSync(COMMITTED_STACK, 'utf8'));
const schema = parse(readFileSync(join(STACK_DIR, 'schema.yaml'), 'utf8'));

/** A Terraform version constraint (`>= 1.5.0, < 2.0.0`, `~> 1.5`) as a semver range. */
function semverRange(constraint: string): string {
  return constraint.split(',').map((part) => {
    const [, op, version] = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\d+(?:\.\d+){0,2})\s*$/.exec(part) ?? [];
    if (!version) throw new Error(`not a version constraint: ${part}`);
    const parts = version.split('.').map(Number);
    if (op === '~>') {
      // The rightmost given part may grow: ~> 1.5 is >= 1.5.0 < 2.0.0; ~> 1.5.2 is >= 1.5.2 < 1.6.0.
      const upper = parts.length === 3 ? `${parts[0]}.${parts[1] + 1}.0` : `${parts[0] + 1}.0.0`;
      return `>=${[...parts, 0, 0].slice(0, 3).join('.')} <${upper}`;
    }
    const full = [...parts, 0, 0].slice(0, 3).join('.');
    return op === '!=' ? `<${full} || >${full}` : `${op ?? '='}${full}`;
  }).join(' ');
}

describe('the Resource Manager stack (deploy/terraform)', () => {
  test('every variable of the stack is in schema.yaml, in exactly one group, and nothing else is', () => {
    const variables = Object.keys(stack.variable).sort();
    expect(Object.keys(schema.variables).sort()).toEqual(variables);
    const grouped = (schema.variableGroups as Array<{ variables: string[] }>).flatMap((g) => g.variables);
    expect([...grouped].sort()).toEqual(variables);
  });

  test('compartment pickers, the region picker, and required exactly where Terraform has no default', () => {
    expect(schema.variables.compartment_id.type).toBe('oci:identity:compartment:id');
    expect(schema.variables.galley_work_compartment_id.type).toBe('oci:identity:compartment:id');
    expect(schema.variables.region.type).toBe('oci:identity:region:name');
    expect(schema.variables.image_tag.type).toBe('string');
    for (const [name, body] of Object.entries<any>(stack.variable)) {
      // Resource Manager's types must agree with Terraform's: all four are strings.
      expect(body.type).toBe('string');
      expect({ name, required: schema.variables[name].required }).toEqual({ name, required: body.default === undefined });
      if (body.default !== undefined && schema.variables[name].default !== undefined) {
        expect(schema.variables[name].default).toBe(body.default);
      }
    }
  });

  test("image_tag's default is Terraform's alone (the release's version), so schema.yaml cannot pin another", () => {
    expect(stack.variable.image_tag.default).toBe(DEFAULT_IMAGE_TAG);
    expect(schema.variables.image_tag).not.toHaveProperty('default');
  });

  test('the image_tag pattern is the one Terraform validates', () => {
    const condition: string = stack.variable.image_tag.validation[0].condition;
    expect(condition).toContain(`regex("${schema.variables.image_tag.pattern}", var.image_tag)`);
  });

  test('mcp_endpoint_url is a sensitive, copyable output; every output named is one of the stack', () => {
    expect(schema.outputs.mcp_endpoint_url).toMatchObject({ type: 'copyableString', sensitive: true });
    expect(stack.output.mcp_endpoint_url.sensitive).toBe(true);
    const outputs = Object.keys(stack.output).sort();
    expect(Object.keys(schema.outputs).sort()).toEqual(outputs);
    const grouped = (schema.outputGroups as Array<{ outputs: string[] }>).flatMap((g) => g.outputs);
    expect([...grouped].sort()).toEqual(outputs);
    expect(schema.schemaVersion).toBe('1.1.0');
  });

  test("required_version admits Resource Manager's Terraform 1.5.x and the Terraform here", () => {
    expect(stack.terraform.required_version).toBe(REQUIRED_TERRAFORM_VERSION);
    const range = semverRange(stack.terraform.required_version);
    for (let patch = 0; patch <= 7; patch++) expect(satisfies(`1.5.${patch}`, range)).toBe(true);
    const local = JSON.parse(terraformOrThrow(['version', '-json'], tmpdir())).terraform_version;
    expect(satisfies(local, range)).toBe(true);
    // The translation is strict enough to say no.
    expect(satisfies('1.5.7', semverRange('>= 1.6.0'))).toBe(false);
    expect(satisfies('1.5.7', semverRange('~> 1.4.0'))).toBe(false);
    expect(satisfies('1.5.7', semverRange('~> 1.4'))).toBe(true);
  });

  /** The zip's entries, read by an independent reader: Python's zipfile. */
  function unzipEntries(zip: string): Record<string, string> {
    return JSON.parse(execFileSync('python3', ['-c', [
      'import json, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'print(json.dumps({i.filename: z.read(i).decode() for i in z.infolist()}))',
    ].join('\n'), zip], { encoding: 'utf8' }));
  }

  test('the zip holds main.tf.json, versions.tf and schema.yaml at its root, derived from the committed files, reproducibly', () => {
    const out = writeStackZip(join(mkdtempSync(join(tmpdir(), 'galley-stack-zip-')), 'stack.zip'));
    const entries = unzipEntries(out);
    expect(Object.keys(entries)).toEqual(['main.tf.json', 'versions.tf', 'schema.yaml']);
    expect(Object.keys(entries)).toEqual([...STACK_FILES]);
    expect(entries).toEqual(stackFiles());
    // schema.yaml goes in as committed.
    expect(entries['schema.yaml']).toBe(readFileSync(join(STACK_DIR, 'schema.yaml'), 'utf8'));
    // main.tf.json is the committed stack less the backend and required_version, nothing else.
    const { backend, required_version: requiredVersion, ...terraform } = stack.terraform;
    expect(backend).toBeDefined();
    expect(JSON.parse(entries['main.tf.json'])).toEqual({ ...stack, terraform });
    expect(Buffer.from(stackZip()).equals(readFileSync(out))).toBe(true);
    expect(requiredVersion).toBe(REQUIRED_TERRAFORM_VERSION);
  });

  test('Resource Manager gets a .tf file (versions.tf, holding required_version once) and no backend: it keeps the state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-stack-zip-'));
    const entries = unzipEntries(writeStackZip(join(dir, 'stack.zip')));
    expect(Object.keys(entries).filter((name) => name.endsWith('.tf'))).toEqual(['versions.tf']);
    expect(entries['versions.tf']).toBe(`terraform {\n  required_version = "${REQUIRED_TERRAFORM_VERSION}"\n}\n`);
    const zipped = JSON.parse(entries['main.tf.json']);
    expect(zipped.terraform.backend).toBeUndefined();
    expect(zipped.terraform.required_version).toBeUndefined();
    expect(zipped.terraform.required_providers).toEqual(stack.terraform.required_providers);
  });

  test("the zip's contents pass terraform init -backend=false && terraform validate", () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-stack-unzipped-'));
    const out = writeStackZip(join(dir, 'stack.zip'));
    const unzipped = join(dir, 'stack');
    execFileSync('python3', ['-m', 'zipfile', '-e', out, unzipped]);
    expect(validateDir(unzipped)).toEqual({ valid: true, errors: [], warnings: [] });
  }, 120_000);
});
