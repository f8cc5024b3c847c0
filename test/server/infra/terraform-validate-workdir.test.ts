// Issue 13 review, item 4: the local validate leaves no session's files on
// disk, and its runs share one provider cache.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
