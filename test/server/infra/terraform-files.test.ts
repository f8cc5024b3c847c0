import { GalleyError } from '../../../src/server/errors';
import { assertTerraformFileName, isTerraformFileName, readTerraformFiles } from '../../../src/server/infra/terraform-files';
import { MemoryArtifactStore } from '../../../src/server/storage/memory-artifact-store';

const SESSION = '6f1c1c3e-1b8f-4d6e-9a5e-2f3c4d5e6f70';

describe('a session\'s Terraform file names', () => {
  test.each(['main.tf', 'network.tf', 'data-sources.tf', 'a_b.c.tf', '0.tf'])('%s is one', (name) => {
    expect(isTerraformFileName(name)).toBe(true);
  });

  test.each([
    // Someone else's file, or a path out of the directory.
    '../session.json', 'sub/main.tf', '/etc/passwd', '.terraform.lock.hcl', '..tf', '.tf', 'deploy.sh', 'main.tf.bak',
    // Overrides the compartment and region Resource Manager is given.
    'terraform.tfvars', 'x.auto.tfvars', 'terraform.tfvars.json',
    // JSON syntax would hide what the guard scans for.
    'main.tf.json',
    // One file on a case-insensitive disk, two in the zip.
    'Main.tf', 'MAIN.TF', 'main.TF',
    `${'a'.repeat(98)}.tf`,
  ])('%s is not', (name) => {
    expect(isTerraformFileName(name)).toBe(false);
    expect(() => assertTerraformFileName(name)).toThrow(GalleyError);
    // The caller's text is never echoed back.
    expect(() => assertTerraformFileName(name)).toThrow(/^`file` must be a Terraform file name in the session's terraform directory: lowercase, ending in \.tf/);
  });

  test('only the session\'s .tf files are read for validation and the zip, whatever else the store holds', async () => {
    const artifacts = new MemoryArtifactStore();
    await artifacts.putArtifacts(SESSION, [
      { path: 'terraform/main.tf', content: 'a' },
      { path: 'terraform/terraform.tfvars', content: 'compartment_ocid = "elsewhere"' },
      { path: 'terraform/Main.tf', content: 'b' },
      { path: 'exports/architecture.md', content: 'c' },
    ]);
    expect([...(await readTerraformFiles(artifacts, SESSION))]).toEqual([['main.tf', 'a']]);
  });
});
