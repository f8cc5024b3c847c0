import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { satisfies } from 'semver';
import { parse } from 'yaml';
import { validateDir } from './helpers';
import { REQUIRED_TERRAFORM_VERSION } from '../../deploy/main';
import { STACK_DIR, STACK_FILES, stackZip, writeStackZip } from '../../scripts/stack-zip';
import { COMMITTED_STACK } from '../../scripts/synth-deploy';
import { terraformOrThrow } from '../../scripts/terraform';

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

  test('the zip holds the committed main.tf.json and schema.yaml at its root, byte for byte, and builds reproducibly', () => {
    const out = writeStackZip(join(mkdtempSync(join(tmpdir(), 'galley-stack-zip-')), 'stack.zip'));
    // Read by an independent reader: Python's zipfile.
    const listing = execFileSync('python3', ['-c', [
      'import json, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'print(json.dumps({i.filename: z.read(i).decode() for i in z.infolist()}))',
    ].join('\n'), out], { encoding: 'utf8' });
    const entries = JSON.parse(listing);
    expect(Object.keys(entries)).toEqual([...STACK_FILES]);
    for (const name of STACK_FILES) expect(entries[name]).toBe(readFileSync(join(STACK_DIR, name), 'utf8'));
    expect(Buffer.from(stackZip()).equals(readFileSync(out))).toBe(true);
  });

  test("the zip's contents pass terraform init -backend=false && terraform validate", () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-stack-unzipped-'));
    const out = writeStackZip(join(dir, 'stack.zip'));
    const unzipped = join(dir, 'stack');
    execFileSync('python3', ['-m', 'zipfile', '-e', out, unzipped]);
    expect(validateDir(unzipped)).toEqual({ valid: true, errors: [], warnings: [] });
  }, 120_000);
});
