import type { Architecture } from '../architecture';
import { GalleyError } from '../../errors';

/**
 * Placeholder with the contract's signature until d1's exporter is merged
 * (the merge replaces this file with d1's).
 */
export function exportTerraform(architecture: Architecture): { path: string; content: string }[] {
  throw new GalleyError('internal_error', `the Terraform exporter is not available yet (revision ${architecture.revision})`);
}
