/**
 * The Terraform export against the real consumer: `terraform init` once, then
 * `terraform validate` against the oracle/oci schema for every service type's
 * fixture alone and for the architecture that holds them all, two at a time,
 * and `terraform fmt -check` over all of it.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allServicesArchitecture, architectureFor, FIXTURE_TYPES } from './fixtures';
import { TERRAFORM_SCRATCH, terraformAsync, terraformInit, TerraformResult } from '../../../scripts/terraform';
import type { Architecture } from '../../../src/server/design/architecture';
import { exportTerraform, ExportedFile } from '../../../src/server/design/export/terraform';

const ROOT = join(TERRAFORM_SCRATCH, `design-export-${process.pid}`);
const INIT_DIR = join(ROOT, '_init');
const DATA_DIR = join(INIT_DIR, '.terraform');

interface Validation {
  readonly valid: boolean;
  readonly errors: string[];
  readonly warnings: string[];
}

/** Writes an export into its own directory beside the shared init's lock file. */
function writeExport(name: string, files: readonly ExportedFile[]): string {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(join(dir, file.path), file.content);
  copyFileSync(join(INIT_DIR, '.terraform.lock.hcl'), join(dir, '.terraform.lock.hcl'));
  return dir;
}

/** `terraform validate` on a directory, reusing the one init's providers through TF_DATA_DIR. */
async function validate(dir: string): Promise<Validation> {
  const result: TerraformResult = await terraformAsync(['validate', '-json', '-no-color'], dir, { TF_DATA_DIR: DATA_DIR });
  const report = JSON.parse(result.stdout);
  const diagnostics: any[] = report.diagnostics ?? [];
  const text = (d: any) => `${d.summary}${d.detail ? `: ${d.detail}` : ''}${d.range ? ` (${d.range.filename}:${d.range.start.line})` : ''}`;
  return {
    valid: report.valid === true && result.status === 0,
    errors: diagnostics.filter((d) => d.severity === 'error').map(text),
    // The offline mirror's provider announces itself; the real provider never does.
    warnings: diagnostics.filter((d) => d.severity === 'warning' && !/offline stand-in/.test(d.summary)).map(text),
  };
}

/** Runs `work` over `items`, at most `limit` at once. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const CASES: ReadonlyArray<readonly [string, () => Architecture]> = [
  ...FIXTURE_TYPES.map((type) => [type, () => architectureFor(type)] as const),
  ['all_services', allServicesArchitecture],
];

const results = new Map<string, Validation>();
let fmt: TerraformResult;

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(INIT_DIR, { recursive: true });
  // One init for every case: the versions.tf every export shares.
  const versions = exportTerraform(architectureFor('vcn')).find((f) => f.path === 'versions.tf')!;
  writeFileSync(join(INIT_DIR, 'versions.tf'), versions.content);
  terraformInit(INIT_DIR);
  const dirs = CASES.map(([name, build]) => [name, writeExport(name, exportTerraform(build()))] as const);
  const validations = await inPool(dirs, 2, ([, dir]) => validate(dir));
  dirs.forEach(([name], i) => results.set(name, validations[i]));
  fmt = await terraformAsync(['fmt', '-check', '-recursive', '-list=true', '-no-color'], ROOT);
}, 600_000);

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

describe('terraform validate against the oracle/oci schema', () => {
  test.each(CASES.map(([name]) => name))('%s: valid, with no warning', (name) => {
    const result = results.get(name)!;
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('terraform fmt -check finds nothing to change in any export', () => {
    expect(fmt.stdout.trim()).toBe('');
    expect(fmt.status).toBe(0);
  });

  // The harness itself must be able to fail.
  test('validate rejects an export with a misspelled attribute, and fmt flags a misaligned one', async () => {
    const files = exportTerraform(architectureFor('vcn')).map((f) =>
      f.path === 'network.tf' ? { ...f, content: f.content.replace('cidr_blocks    =', 'cidr_blockz    =') } : f,
    );
    const broken = await validate(writeExport('broken_validate', files));
    expect(broken.valid).toBe(false);
    expect(broken.errors.join('\n')).toMatch(/cidr_blockz/);

    const misaligned = exportTerraform(architectureFor('vcn')).map((f) =>
      f.path === 'network.tf' ? { ...f, content: f.content.replace('display_name   =', 'display_name =') } : f,
    );
    const dir = writeExport('broken_fmt', misaligned);
    const check = await terraformAsync(['fmt', '-check', '-list=true', '-no-color'], dir);
    expect(check.status).not.toBe(0);
    expect(check.stdout).toContain('network.tf');
  });
});
