import { GalleyError } from '../../errors';
import type { Architecture, Component } from '../architecture';
import { findServiceType } from '../catalog';
import type { ServiceType, TerraformFragment } from '../catalog-types';
import { checkConfig } from '../config-check';
import { block, data, expr, HclTopLevelBlock, renderHcl } from './hcl';
import { createTerraformContext } from './terraform-context';
import { outputsOf } from './terraform-outputs';
import { ALL_SERVICES, AVAILABILITY_DOMAINS, FILES, NAME_SUFFIX, NAME_SUFFIX_EXPRESSION, NAMESPACE } from '../terraform/common';

/** One file of the export. */
export interface ExportedFile {
  readonly path: string;
  readonly content: string;
}

/** Terraform 1.5 brought `strcontains` and `check`; 8.28.0 is the schema the export is validated against. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.5.0';
export const OCI_PROVIDER_VERSION = '>= 8.28.0, < 9.0.0';

const FILE_ORDER = [
  'versions.tf',
  'provider.tf',
  FILES.variables,
  'data-sources.tf',
  FILES.network,
  FILES.compute,
  FILES.data,
  FILES.storage,
  FILES.edge,
  FILES.integration,
  FILES.security,
  FILES.ai,
  FILES.outputs,
];

const ID_PATTERN = /^[a-z][a-z0-9_]*$/;

/**
 * Shared data sources, declared once and only when some component's HCL
 * refers to them.
 */
const SHARED_DATA_SOURCES: ReadonlyArray<{ readonly reference: string; readonly block: HclTopLevelBlock }> = [
  {
    reference: AVAILABILITY_DOMAINS,
    // Any compartment of the tenancy will do; the work compartment is the one Galley's principal may read.
    block: data('oci_identity_availability_domains', 'ads', { compartment_id: expr('var.compartment_ocid') }),
  },
  {
    reference: ALL_SERVICES,
    block: data('oci_core_services', 'all', {
      filter: block({ name: 'name', values: ['All .* Services In Oracle Services Network'], regex: true }),
    }),
  },
  {
    reference: NAMESPACE,
    // The work compartment, not the tenancy: GetNamespace answers for a compartment only "provided the
    // user has access to it", and Galley's principal has access there alone (Resource Manager runs as it).
    block: data('oci_objectstorage_namespace', 'this', { compartment_id: expr('var.compartment_ocid') }),
  },
];

const variable = (name: string, description: string, extra: Record<string, unknown> = {}): HclTopLevelBlock => ({
  type: 'variable',
  labels: [name],
  body: { description, type: expr('string'), ...(extra as Record<string, string>) },
});

/** The variables Resource Manager fills in itself, under the names it uses. */
const STACK_VARIABLES: readonly HclTopLevelBlock[] = [
  variable('tenancy_ocid', 'OCID of the tenancy (Resource Manager sets it).'),
  variable('compartment_ocid', 'OCID of the compartment the resources go in (Resource Manager sets it).'),
  variable('region', 'The region to deploy to, e.g. ap-tokyo-1 (Resource Manager sets it).'),
];

const NAME_SUFFIX_LOCAL: HclTopLevelBlock = { type: 'locals', labels: [], body: { [NAME_SUFFIX.replace(/^local\./, '')]: expr(NAME_SUFFIX_EXPRESSION) } };

const SSH_KEY_VARIABLE = variable('ssh_public_key', 'An SSH public key for the instances and worker nodes; empty for none.', { default: '' });

/**
 * The architecture as Terraform for the `oracle/oci` provider: pure, no I/O.
 * HCL, one file per concern, already in `terraform fmt` form. Nothing
 * tenancy-specific is written: the compartment, tenancy and region are
 * variables, images and availability domains come from data sources, and
 * passwords are sensitive variables.
 */
export function exportTerraform(architecture: Pick<Architecture, 'components' | 'connections'>): ExportedFile[] {
  const types = new Map<string, ServiceType>();
  const components = architecture.components.map((component) => {
    if (!ID_PATTERN.test(component.id)) {
      throw new GalleyError('invalid_config', `component id ${JSON.stringify(component.id)} must be lowercase letters, digits and _, starting with a letter (it becomes a Terraform name)`);
    }
    const serviceType = findServiceType(component.type);
    if (!serviceType) throw new GalleyError('invalid_config', `\`${component.id}\` has an unknown service type: ${JSON.stringify(component.type)}`);
    types.set(component.id, serviceType);
    return { ...component, config: checkConfig(serviceType, component.config) };
  });
  const typeOf = (component: Component): ServiceType => types.get(component.id)!;
  const context = createTerraformContext({ components, connections: architecture.connections }, typeOf);

  const fragments: TerraformFragment[] = components.flatMap((component) => typeOf(component).terraform(component, context));
  const byFile = new Map<string, string[]>();
  const add = (file: string, hcl: string): void => {
    byFile.set(file, [...(byFile.get(file) ?? []), hcl]);
  };
  for (const f of fragments) add(f.file, f.hcl);

  const all = fragments.map((f) => f.hcl).join('\n');
  const shared = SHARED_DATA_SOURCES.filter((source) => all.includes(source.reference)).map((source) => source.block);
  const variables = [
    ...STACK_VARIABLES,
    ...(all.includes('var.ssh_public_key') ? [SSH_KEY_VARIABLE] : []),
    ...(all.includes(NAME_SUFFIX) ? [NAME_SUFFIX_LOCAL] : []),
  ];

  const files = new Map<string, string>([
    ['versions.tf', renderHcl([versionsBlock()])],
    ['provider.tf', renderHcl([{ type: 'provider', labels: ['oci'], body: { region: expr('var.region') } }])],
    [FILES.variables, [renderHcl(variables), ...(byFile.get(FILES.variables) ?? [])].join('\n')],
    [FILES.outputs, renderHcl(components.flatMap((component) => outputsOf(component, context)))],
  ]);
  if (shared.length > 0) files.set('data-sources.tf', renderHcl(shared));
  for (const [file, hcl] of byFile) {
    if (!files.has(file)) files.set(file, hcl.join('\n'));
  }
  const order = (path: string): number => (FILE_ORDER.includes(path) ? FILE_ORDER.indexOf(path) : FILE_ORDER.length);
  return [...files]
    .filter(([, content]) => content !== '')
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([path, content]) => ({ path, content }));
}

function versionsBlock(): HclTopLevelBlock {
  return {
    type: 'terraform',
    labels: [],
    body: {
      required_version: REQUIRED_TERRAFORM_VERSION,
      required_providers: block({ oci: { source: 'oracle/oci', version: OCI_PROVIDER_VERSION } }),
    },
  };
}
