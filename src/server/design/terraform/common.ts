import { GalleyError } from '../../errors';
import type { Component } from '../architecture';
import type { TerraformContext, TerraformFragment } from '../catalog-types';
import { expr, HclExpression, HclTopLevelBlock, renderHcl } from '../export/hcl';

/** The files of the export, one per concern. */
export const FILES = {
  network: 'network.tf',
  compute: 'compute.tf',
  data: 'database.tf',
  storage: 'storage.tf',
  edge: 'edge.tf',
  integration: 'integration.tf',
  security: 'security.tf',
  ai: 'ai.tf',
  variables: 'variables.tf',
  outputs: 'outputs.tf',
} as const;

export const COMPARTMENT = expr('var.compartment_ocid');

/**
 * Shared data sources, referenced by these expressions; the exporter declares
 * each one only if some component's HCL uses it.
 */
export const AVAILABILITY_DOMAINS = 'data.oci_identity_availability_domains.ads.availability_domains';
export const ALL_SERVICES = 'data.oci_core_services.all.services[0]';
export const NAMESPACE = 'data.oci_objectstorage_namespace.this.namespace';

/** The first availability domain: for single-AD resources. */
export const FIRST_AD = expr(`${AVAILABILITY_DOMAINS}[0].name`);

export function fragment(file: string, blocks: readonly HclTopLevelBlock[]): TerraformFragment {
  return { file, hcl: renderHcl(blocks) };
}

export const ref = (address: string, attribute = 'id'): HclExpression => expr(`${address}.${attribute}`);

/** The config value of a field; the exporter fills defaults before any of this runs. */
export function setting<T extends string | number | boolean>(component: Component, name: string): T {
  const value = component.config[name];
  if (value === undefined) throw new GalleyError('invalid_config', `\`${name}\` of \`${component.id}\` has no value`);
  return value as T;
}

/** The component this one is placed in, which must be of one of `types`. */
export function parentOf(component: Component, context: TerraformContext, types: readonly string[]): Component {
  const parentId = component.placement?.parent;
  if (parentId === undefined) {
    throw new GalleyError('invalid_config', `\`${component.id}\` (${component.type}) must be placed in a ${types.join(' or ')}`);
  }
  const parent = context.component(parentId);
  if (!types.includes(parent.type)) {
    throw new GalleyError('invalid_config', `\`${component.id}\` (${component.type}) must be placed in a ${types.join(' or ')}, not in \`${parent.id}\` (${parent.type})`);
  }
  return parent;
}

export const subnetOf = (component: Component, context: TerraformContext): Component => parentOf(component, context, ['subnet']);
export const vcnOf = (component: Component, context: TerraformContext): Component => parentOf(component, context, ['vcn']);

export const isPublicSubnet = (subnet: Component): boolean => subnet.config.access === 'public';

/** The NSGs a component is connected to, as `id` references. */
export function nsgIds(component: Component, context: TerraformContext): HclExpression[] {
  return context
    .targets(component.id)
    .filter((target) => target.type === 'network_security_group')
    .map((nsg) => ref(context.address(nsg.id)));
}

/** `nsgIds`, or nothing at all when there are none (the attribute stays out). */
export function optionalNsgIds(component: Component, context: TerraformContext): HclExpression[] | undefined {
  const ids = nsgIds(component, context);
  return ids.length > 0 ? ids : undefined;
}

/** Flex shapes need `shape_config` (without it, the launch fails; `validate` cannot see that). */
export const isFlexShape = (shape: string): boolean => /\.Flex$/.test(shape);

/** Arm shapes (Ampere A1, A2, A4) need aarch64 images. */
export const isArmShape = (shape: string): boolean => /\.A[0-9]+\./.test(shape);

/** A name of letters and digits only, for services that allow nothing else (database names, bastions). */
export function alphanumericName(id: string, maxLength: number): string {
  return id.replace(/[^A-Za-z0-9]/g, '').slice(0, maxLength);
}

const DNS_LABEL_LENGTH = 15;
const DB_NAME_LENGTH = 30;

/**
 * A DNS label for a VCN or subnet: a letter, then letters and digits, at most
 * 15, unique among `siblings` (the subnets of one VCN, or the VCNs of the
 * export), so instances, MySQL and private endpoints get resolvable hostnames
 * and OCI accepts the subnet. Each sibling first claims its own shortened id;
 * those that collide then take the first free numbered form, checked against
 * every label already given, so `web`, `web_` and `web1` get three labels.
 */
export function dnsLabel(id: string, siblings: readonly string[] = [id]): string {
  const all = siblings.includes(id) ? siblings : [...siblings, id];
  return uniqueLabels(all, DNS_LABEL_LENGTH, (value) => letterFirstName(value, DNS_LABEL_LENGTH)).get(id)!;
}

/**
 * Labels for `ids`, unique among them: each id first claims `base(id)`; those
 * that collide then take the first free numbered form of it, checked against
 * every label already given.
 */
function uniqueLabels(ids: readonly string[], maxLength: number, base: (id: string) => string): Map<string, string> {
  const labels = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of ids) {
    const label = base(id);
    if (!taken.has(label)) {
      labels.set(id, label);
      taken.add(label);
    }
  }
  for (const id of ids) {
    if (labels.has(id)) continue;
    const label = base(id);
    for (let n = 1; ; n++) {
      const candidate = `${label.slice(0, maxLength - String(n).length)}${n}`;
      if (!taken.has(candidate)) {
        labels.set(id, candidate);
        taken.add(candidate);
        break;
      }
    }
  }
  return labels;
}

/** A letter, then letters and digits, at most `maxLength`. */
function letterFirstName(id: string, maxLength: number): string {
  const name = alphanumericName(id, maxLength).toLowerCase();
  return /^[a-z]/.test(name) ? name : `n${name}`.slice(0, maxLength);
}

/**
 * The local holding a short per-compartment suffix for names OCI wants unique
 * across the tenancy or namespace (ADB db_name, bucket names), so two
 * deployments of similar designs into different compartments do not collide.
 * Derived from the compartment OCID with a built-in function: no extra provider.
 */
export const NAME_SUFFIX = 'local.name_suffix';
export const NAME_SUFFIX_LENGTH = 6;
export const NAME_SUFFIX_EXPRESSION = `substr(sha1(var.compartment_ocid), 0, ${NAME_SUFFIX_LENGTH})`;

/** An ADB `db_name`: letters and digits, unique among the export's ADBs, with the name suffix, at most 30 characters. */
export function databaseName(component: Component, context: TerraformContext): HclExpression {
  const ids = context.ofType(component.type).map((c) => c.id);
  const all = ids.includes(component.id) ? ids : [...ids, component.id];
  const maxLength = DB_NAME_LENGTH - NAME_SUFFIX_LENGTH;
  const name = uniqueLabels(all, maxLength, (id) => letterFirstName(id, maxLength)).get(component.id)!;
  return expr(`"${name}\${${NAME_SUFFIX}}"`);
}

/** A bucket name: the component id (unique in the architecture) and the name suffix. */
export function bucketName(component: Component): HclExpression {
  return expr(`"${component.id}-\${${NAME_SUFFIX}}"`);
}
