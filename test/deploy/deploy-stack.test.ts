import { readFileSync } from 'node:fs';
import { validateStack } from './helpers';
import { COMMITTED_STACK, synthDeployStack } from '../../scripts/synth-deploy';

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
    expect(stack.provider.oci).toEqual([{ region: '${var.region}' }]);
    expect(stack.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(synthesized).not.toMatch(/\/(home|root|tmp|work|Users)\//);
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
