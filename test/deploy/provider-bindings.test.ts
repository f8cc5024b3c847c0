import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BINDINGS_DIR, OCI_DATA_SOURCE_TYPES, OCI_RESOURCE_TYPES } from '../../scripts/generate-oci-bindings';
import { synthDeployStack } from '../../scripts/synth-deploy';

describe('the generated oracle/oci bindings', () => {
  const stack = JSON.parse(synthDeployStack());

  test('cover exactly the resource and data-source types the stack uses', () => {
    expect(Object.keys(stack.resource).filter((t) => t.startsWith('oci_')).sort()).toEqual([...OCI_RESOURCE_TYPES].sort());
    expect(Object.keys(stack.data).sort()).toEqual([...OCI_DATA_SOURCE_TYPES].sort());
  });

  test('are generated, one module per type plus the provider, and git-ignored', () => {
    const modules = readdirSync(BINDINGS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(modules).toHaveLength(OCI_RESOURCE_TYPES.length + OCI_DATA_SOURCE_TYPES.length + 1);
    expect(modules).toContain('provider');
    const ignored = spawnSync('git', ['check-ignore', '--quiet', join(BINDINGS_DIR, 'index.ts')], { cwd: BINDINGS_DIR });
    expect(ignored.status).toBe(0);
  });
});
