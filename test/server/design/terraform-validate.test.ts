/**
 * The Terraform export against the real consumer: `terraform init` once, then
 * `terraform validate` against the oracle/oci schema for every service type's
 * fixture alone and for the architecture that holds them all, and
 * `terraform fmt -check` over all of it.
 *
 * Starting the provider is most of what a `validate` costs (once per provider
 * configuration), so the per-type fixtures are validated in one run: each is
 * a module of one root, in its own directory and namespace, configured by
 * the root's provider (a fixture's provider.tf is the same one line; the
 * all-services root keeps its own), and each diagnostic is traced back to its
 * fixture by the file it names. The all-services export runs beside it as a
 * root of its own: two validations at a time.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allServicesArchitecture, architectureFor, FIXTURE_TYPES } from './fixtures';
import { TERRAFORM_SCRATCH, terraformAsync, TerraformResult } from '../../../scripts/terraform';
import { expr, HclTopLevelBlock, renderHcl } from '../../../src/server/design/export/hcl';
import { exportTerraform, ExportedFile } from '../../../src/server/design/export/terraform';

const ROOT = join(TERRAFORM_SCRATCH, `design-export-${process.pid}`);
const ALL_SERVICES = 'all_services';
const PROVIDER_TF = 'provider "oci" {\n  region = var.region\n}\n';

interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly text: string;
  /** Relative to the validated directory, e.g. `vcn/network.tf`. */
  readonly filename?: string;
}

interface Validation {
  readonly errors: string[];
  readonly warnings: string[];
}

function writeDir(dir: string, files: readonly ExportedFile[]): string {
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(join(dir, file.path), file.content);
  return dir;
}

/** `terraform init` (local modules, the provider from the mirror) and `terraform validate` on a root. */
async function validate(dir: string): Promise<{ valid: boolean; diagnostics: Diagnostic[] }> {
  const init = await terraformAsync(['init', '-backend=false', '-input=false', '-no-color'], dir);
  if (init.status !== 0) throw new Error(`terraform init failed in ${dir}:\n${init.stdout}${init.stderr}`);
  const result: TerraformResult = await terraformAsync(['validate', '-json', '-no-color'], dir);
  const report = JSON.parse(result.stdout);
  const diagnostics: Diagnostic[] = (report.diagnostics ?? [])
    // The offline mirror's provider announces itself; the real provider never does.
    .filter((d: any) => !(d.severity === 'warning' && /offline stand-in/.test(d.summary)))
    .map((d: any) => ({
      severity: d.severity,
      filename: d.range?.filename,
      text: `${d.summary}${d.detail ? `: ${d.detail}` : ''}${d.range ? ` (${d.range.filename}:${d.range.start.line})` : ''}`,
    }));
  return { valid: report.valid === true && result.status === 0, diagnostics };
}

function summarize(diagnostics: readonly Diagnostic[]): Validation {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').map((d) => d.text),
    warnings: diagnostics.filter((d) => d.severity === 'warning').map((d) => d.text),
  };
}

/** The variables an export declares without a default: what a module call must pass. */
function requiredVariables(files: readonly ExportedFile[]): string[] {
  return files.flatMap((file) => [...file.content.matchAll(/^variable "([a-z0-9_]+)" \{\n([\s\S]*?)^\}/gm)].filter((m) => !/^ {2}default /m.test(m[2])).map((m) => m[1]));
}

/** Every fixture as a module of one root. */
function writeFixturesRoot(): string {
  const root = join(ROOT, 'fixtures');
  const modules: HclTopLevelBlock[] = [];
  const inputs = new Set<string>(['region']);
  for (const type of FIXTURE_TYPES) {
    const files = exportTerraform(architectureFor(type));
    expect(files.find((f) => f.path === 'provider.tf')?.content).toBe(PROVIDER_TF);
    writeDir(join(root, type), files.filter((f) => f.path !== 'provider.tf'));
    const required = requiredVariables(files);
    required.forEach((name) => inputs.add(name));
    modules.push({ type: 'module', labels: [type], body: { source: `./${type}`, ...Object.fromEntries(required.map((name) => [name, expr(`var.${name}`)])) } });
  }
  const variables: HclTopLevelBlock[] = [...inputs].map((name) => ({ type: 'variable', labels: [name], body: { type: expr('string') } }));
  return writeDir(root, [
    { path: 'main.tf', content: renderHcl([...variables, ...modules]) },
    { path: 'provider.tf', content: PROVIDER_TF },
    exportTerraform(architectureFor('vcn')).find((f) => f.path === 'versions.tf')!,
  ]);
}

const CASES = [...FIXTURE_TYPES, ALL_SERVICES];
const results = new Map<string, Validation>();
let harness: Validation;
let valid: boolean;
let fmt: TerraformResult;

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  const [fixtures, all] = await Promise.all([
    validate(writeFixturesRoot()),
    validate(writeDir(join(ROOT, ALL_SERVICES), exportTerraform(allServicesArchitecture()))),
  ]);
  valid = fixtures.valid && all.valid;
  const inFixture = (d: Diagnostic, name: string): boolean => d.filename?.startsWith(`${name}/`) ?? false;
  for (const name of FIXTURE_TYPES) results.set(name, summarize(fixtures.diagnostics.filter((d) => inFixture(d, name))));
  harness = summarize(fixtures.diagnostics.filter((d) => !FIXTURE_TYPES.some((name) => inFixture(d, name))));
  results.set(ALL_SERVICES, summarize(all.diagnostics));
  fmt = await terraformAsync(['fmt', '-check', '-recursive', '-list=true', '-no-color'], ROOT);
}, 600_000);

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

describe('terraform validate against the oracle/oci schema', () => {
  test.each(CASES)('%s: valid, with no warning', (name) => {
    expect(results.get(name)).toEqual({ errors: [], warnings: [] });
  });

  test('the run itself passes, with nothing outside a fixture to report', () => {
    expect(harness).toEqual({ errors: [], warnings: [] });
    expect(valid).toBe(true);
  });

  test('terraform fmt -check finds nothing to change in any export', () => {
    expect(fmt.stdout.trim()).toBe('');
    expect(fmt.status).toBe(0);
  });

  // The harness itself must be able to fail, and trace a failure to its fixture.
  test('validate rejects a misspelled attribute and names the file; fmt flags a misaligned one', async () => {
    const broken = exportTerraform(architectureFor('vcn')).map((f) =>
      f.path === 'network.tf' ? { ...f, content: f.content.replace('cidr_blocks    =', 'cidr_blockz    =') } : f,
    );
    const root = join(ROOT, 'broken');
    writeDir(join(root, 'vcn'), broken);
    writeDir(root, [{ path: 'main.tf', content: renderHcl([{ type: 'module', labels: ['vcn'], body: { source: './vcn', tenancy_ocid: 'x', compartment_ocid: 'y', region: 'z' } }]) }]);
    const result = await validate(root);
    expect(result.valid).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.filename)).toContain('vcn/network.tf');
    expect(errors.map((d) => d.text).join('\n')).toMatch(/cidr_blockz/);

    const misaligned = exportTerraform(architectureFor('vcn')).map((f) =>
      f.path === 'network.tf' ? { ...f, content: f.content.replace('display_name   =', 'display_name =') } : f,
    );
    const dir = writeDir(join(ROOT, 'broken_fmt'), misaligned);
    const check = await terraformAsync(['fmt', '-check', '-list=true', '-no-color'], dir);
    expect(check.status).not.toBe(0);
    expect(check.stdout).toContain('network.tf');
  });
});
