import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateStack } from './helpers';
import { COMMITTED_STACK, synthDeployStack } from '../../scripts/synth-deploy';
import { terraformEnv } from '../../scripts/terraform';
import { INFRA_WORK_GRANTS } from '../../src/deployment/work-grants';

const OWN = 'ocid1.compartment.oc1..aaaaaaaaowncompartment';
const WORK = 'ocid1.compartment.oc1..aaaaaaaaworkcompartment';
const TENANCY = 'ocid1.tenancy.oc1..aaaaaaaatenancy';
const IDENTITY_TYPES = ['oci_identity_dynamic_group', 'oci_identity_policy'];

/**
 * What Terraform makes of an expression of the stack for given inputs: the
 * expression, with references to resources replaced by their type (they are
 * unknown before apply), goes into a local of a configuration that declares
 * the stack's variables, and `terraform console` evaluates it.
 */
function evaluate(stack: any, expression: unknown, vars: Record<string, string>): any {
  const dir = mkdtempSync(join(tmpdir(), 'galley-eval-'));
  const text = JSON.stringify(expression).replace(/\$\{(oci_[a-z_]+)\.[^.}]+\.([a-z_]+)\}/g, '<$1.$2>');
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ variable: stack.variable, locals: { value: JSON.parse(text) } }));
  const args = ['console', '-no-color', ...Object.entries(vars).flatMap(([k, v]) => ['-var', `${k}=${v}`])];
  const result = spawnSync('terraform', args, { cwd: dir, input: 'jsonencode(local.value)\n', encoding: 'utf8', env: terraformEnv() });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(JSON.parse(result.stdout));
}

/** deploy/: the cdktf app, and the stack it synthesizes that users apply with Terraform alone. */
describe('deploy/', () => {
  const synthesized = synthDeployStack();
  const stack = JSON.parse(synthesized);

  test('deploy/terraform/main.tf.json is what the app synthesizes (run `npx projen deploy:synth` if not)', () => {
    expect(readFileSync(COMMITTED_STACK, 'utf8')).toBe(synthesized);
  });

  test('takes exactly the four inputs, each described and validated', () => {
    expect(Object.keys(stack.variable).sort()).toEqual(['compartment_id', 'galley_work_compartment_id', 'image_tag', 'region']);
    for (const variable of Object.values<any>(stack.variable)) {
      expect(variable.type).toBe('string');
      expect(variable.description).toEqual(expect.any(String));
      expect(variable.validation).toHaveLength(1);
    }
    expect(stack.variable.galley_work_compartment_id.default).toBe('');
    expect(stack.variable.compartment_id.default).toBeUndefined();
    expect(stack.variable.region.default).toBeUndefined();
  });

  test('outputs the URL as sensitive, and the non-secret results', () => {
    expect(stack.output.mcp_endpoint_url.sensitive).toBe(true);
    expect(stack.output.mcp_endpoint_url.value).toMatch(/^https:\/\/\$\{oci_apigateway_gateway\..+\/mcp$/);
    for (const name of ['gateway_hostname', 'bucket_name', 'container_instance_id']) {
      expect(stack.output[name].sensitive).toBeUndefined();
    }
  });

  test('is configured from its inputs and holds nothing machine-specific', () => {
    expect(stack.provider.oci[0]).toEqual({ region: '${var.region}' });
    expect(stack.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(synthesized).not.toMatch(/\/(home|root|tmp|work|Users)\//);
  });

  test('the image tag defaults to this package\'s version, the tag its release publishes', () => {
    const version = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
    expect(stack.variable.image_tag.default).toBe(version);
  });

  test('exactly one home-region provider alias, its region from the tenancy\'s region subscriptions', () => {
    const aliased = stack.provider.oci.filter((p: any) => p.alias !== undefined);
    expect(aliased).toHaveLength(1);
    const [name, subscriptions] = Object.entries<any>(stack.data.oci_identity_region_subscriptions)[0];
    expect(Object.keys(stack.data.oci_identity_region_subscriptions)).toHaveLength(1);
    expect(aliased[0]).toEqual({
      alias: 'galley_home_region',
      region: `\${data.oci_identity_region_subscriptions.${name}.region_subscriptions[0].region_name}`,
    });
    expect(subscriptions.filter).toEqual([{ name: 'is_home_region', values: ['true'] }]);
    expect(subscriptions.tenancy_id).toMatch(/^\$\{data\.oci_identity_availability_domains\.[^.]+\.availability_domains\[0\]\.compartment_id\}$/);
    expect(subscriptions.provider).toBe('oci');
  });

  test('every identity resource, and only those, is created through the home-region provider', () => {
    const byProvider: Record<string, string[]> = {};
    for (const [type, byName] of Object.entries<Record<string, any>>(stack.resource)) {
      for (const body of Object.values(byName)) (byProvider[body.provider ?? 'none'] ??= []).push(type);
    }
    expect(byProvider['oci.galley_home_region'].sort()).toEqual(
      ['oci_identity_dynamic_group', 'oci_identity_policy', 'oci_identity_policy', 'oci_identity_policy'],
    );
    for (const [provider, types] of Object.entries(byProvider)) {
      if (provider !== 'oci.galley_home_region') expect(types.filter((t) => IDENTITY_TYPES.includes(t))).toEqual([]);
    }
  });

  const policy = (name: string) => Object.values<any>(stack.resource.oci_identity_policy).find((p) => p.name.startsWith(`galley-${name}-`));

  test.each([
    ['a compartment', OWN, `in compartment id ${OWN} where`],
    ['the tenancy', TENANCY, 'in tenancy where'],
  ])('compartment_id = %s: Terraform writes the runtime statement with the right location', (_case, compartment, location) => {
    const [statement] = evaluate(stack, policy('runtime').statements, { compartment_id: compartment, region: 'ap-tokyo-1' });
    expect(statement).toContain(` manage objects ${location} `);
    expect(statement).not.toContain('compartment id ocid1.tenancy');
  });

  test.each([
    ['unset', '', ['read all-resources']],
    ['equal to compartment_id', OWN, ['read all-resources']],
    ['distinct', WORK, ['read all-resources', ...INFRA_WORK_GRANTS.map((g) => g.permission)]],
  ])('galley_work_compartment_id %s: Terraform grants exactly these in the work compartment', (_case, work, permissions) => {
    const vars = { compartment_id: OWN, region: 'ap-tokyo-1', galley_work_compartment_id: work };
    const statements: string[] = evaluate(stack, policy('work').statements, vars);
    const location = `compartment id ${work || OWN}`;
    const where = (p: string) => (p === 'read all-resources' ? " where request.permission != 'SECRET_BUNDLE_READ'" : '');
    expect(statements).toEqual(permissions.map((p) => `Allow dynamic-group <oci_identity_dynamic_group.name> to ${p} in ${location}${where(p)}`));
    expect(evaluate(stack, policy('work').compartment_id, vars)).toBe(work || OWN);
  });

  // Review i14 F1: a work policy "in tenancy" would cover Galley's own compartment.
  test('galley_work_compartment_id = the tenancy: refused by the variable\'s validation', () => {
    const vars = { compartment_id: OWN, region: 'ap-tokyo-1', galley_work_compartment_id: TENANCY };
    expect(() => evaluate(stack, '${var.galley_work_compartment_id}', vars)).toThrow(/not the tenancy/);
  });

  test.each([
    ['a sub-compartment, work = the tenancy', OWN, TENANCY, false],
    ['the tenancy, work = the tenancy', TENANCY, TENANCY, true],
    ['the tenancy, work unset', TENANCY, '', true],
    ['a sub-compartment, work distinct', OWN, WORK, true],
  ])('behind the validation, the work policy\'s precondition holds only when allowed: compartment_id %s', (_case, compartment, work, allowed) => {
    // The validation refuses the first case before this; without it the precondition must still.
    const unvalidated = structuredClone(stack);
    delete unvalidated.variable.galley_work_compartment_id.validation;
    const [precondition] = policy('work').lifecycle.precondition;
    const vars = { compartment_id: compartment, region: 'ap-tokyo-1', galley_work_compartment_id: work };
    expect(evaluate(unvalidated, precondition.condition, vars)).toBe(allowed);
  });

  test('uses no function newer than Terraform 1.0: startswith() needs 1.5', () => {
    expect(synthesized).not.toMatch(/\b(startswith|endswith|strcontains)\(/);
    expect(synthesized).toContain('substr(var.compartment_id, 0, 14) == \\"ocid1.tenancy.\\"');
  });

  test('terraform validate passes against the oracle/oci schema, with no warning', () => {
    expect(validateStack(synthesized)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  test('terraform validate rejects a stack with a misspelled attribute', () => {
    const broken = structuredClone(stack);
    const vcn: any = Object.values(broken.resource.oci_core_vcn)[0];
    vcn.cidr_blokcs = vcn.cidr_blocks;
    delete vcn.cidr_blocks;
    const result = validateStack(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/cidr_blokcs/);
  });
});
