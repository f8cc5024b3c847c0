import type { Component } from '../architecture';
import type { TerraformContext, TerraformFragment } from '../catalog-types';

/** Placeholder until the exporter lands. */
export function notImplemented(component: Component, _context: TerraformContext): readonly TerraformFragment[] {
  throw new Error(`Terraform for \`${component.type}\` is not implemented yet`);
}
