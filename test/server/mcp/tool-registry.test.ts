import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { TOOLS } from '../../../src/server/mcp/tools';

const DESTRUCTIVE = new Set(['run_terraform_apply', 'run_terraform_destroy', 'run_oci_cli']);
const REACHES_OCI = new Set(['run_terraform_plan', 'run_terraform_apply', 'run_terraform_destroy', 'get_rm_job_status', 'run_oci_cli']);

const TOOL_DIR = path.resolve(__dirname, '../../../src/server/mcp/tools');

describe('tool registry', () => {
  test('one file per tool, every file registered', () => {
    const files = readdirSync(TOOL_DIR).filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(TOOLS.map((t) => t.name.replace(/_/g, '-')).sort()).toEqual(files.sort());
  });

  test.each(TOOLS.map((t) => [t.name, t] as const))('%s: snake_case name, annotations, description within limits', (name, tool) => {
    expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    expect(tool.title.length).toBeGreaterThan(0);
    expect(tool.description.length).toBeGreaterThanOrEqual(40);
    expect(tool.description.length).toBeLessThanOrEqual(1024);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
      expect(typeof tool.annotations[hint]).toBe('boolean');
    }
    // Removals delete from the design; apply, destroy and the OCI CLI change
    // cloud resources. Only the tools that reach OCI say the world is open.
    expect(tool.annotations.destructiveHint).toBe(name.startsWith('remove_') || DESTRUCTIVE.has(name));
    expect(tool.annotations.openWorldHint).toBe(REACHES_OCI.has(name));
    expect(tool.annotations.readOnlyHint).toBe(/^(get|list|validate)_/.test(name));
  });
});
