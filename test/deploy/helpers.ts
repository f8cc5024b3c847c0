import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraform, terraformInit } from '../../scripts/terraform';

export interface Validation {
  readonly valid: boolean;
  readonly errors: string[];
  /** Warnings other than the offline stand-in's own notice (which the real provider never prints). */
  readonly warnings: string[];
}

/** `terraform init -backend=false && terraform validate` on a stack, in a fresh directory. */
export function validateStack(stack: object | string, name = 'main.tf.json'): Validation {
  const dir = mkdtempSync(join(tmpdir(), 'galley-validate-'));
  writeFileSync(join(dir, name), typeof stack === 'string' ? stack : JSON.stringify(stack, null, 2));
  return validateDir(dir);
}

export function validateDir(dir: string): Validation {
  terraformInit(dir);
  const result = terraform(['validate', '-json', '-no-color'], dir);
  const report = JSON.parse(result.stdout);
  const text = (d: any) => `${d.summary}${d.detail ? `: ${d.detail}` : ''}`;
  const diagnostics: any[] = report.diagnostics ?? [];
  return {
    valid: report.valid === true && result.status === 0,
    errors: diagnostics.filter((d) => d.severity === 'error').map(text),
    warnings: diagnostics
      .filter((d) => d.severity === 'warning')
      // Once per provider configuration, aliased ones included.
      .filter((d) => !(/^provider\["registry\.terraform\.io\/oracle\/oci"\](\.[\w-]+)?$/.test(d.address) && /offline stand-in/.test(d.summary)))
      .map(text),
  };
}
