import type { Component, Connection } from './architecture';
import type { DesignCatalog } from './design-catalog';
import {
  ComponentNotFoundError,
  DuplicateComponentError,
  InvalidConnectionError,
  InvalidPlacementError,
  UnknownServiceTypeError,
} from './design-errors';
import { GalleyError } from '../errors';

/** A component as a tool gives it: config may be partial or absent (defaults fill it). */
export interface ComponentInput {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly placement?: { readonly parent: string };
}

/** Network parts that belong to one VCN: whatever uses them must be in that VCN. */
const VCN_BOUND_TYPES: ReadonlySet<string> = new Set(['network_security_group', 'route_table', 'security_list']);
/** Gateways OCI allows once per VCN. */
const ONE_PER_VCN_TYPES = ['internet_gateway', 'nat_gateway', 'service_gateway'] as const;

/** The type a placement parent must have, per placement kind. */
const PARENT_TYPE = { vcn: 'vcn', subnet: 'subnet', optional_subnet: 'subnet' } as const;

/** A component checked against its service type: known type, config within its schema, defaults filled. */
export function checkComponent(catalog: DesignCatalog, input: ComponentInput, base?: Readonly<Record<string, unknown>>): Component {
  const service = catalog.find(input.type);
  if (!service) throw new UnknownServiceTypeError(input.type);
  let config: Record<string, unknown>;
  try {
    config = catalog.checkConfig(service, input.config ?? {}, base);
  } catch (err) {
    // Name the component, so a whole-architecture save says which one is wrong.
    if (err instanceof GalleyError) throw new GalleyError(err.kind, `component ${input.id}: ${err.message}`);
    throw err;
  }
  return {
    id: input.id,
    type: input.type,
    name: input.name,
    config,
    ...(input.placement && { placement: { parent: input.placement.parent } }),
  };
}

/**
 * The structure every stored architecture keeps: unique ids, placements
 * that fit the service type and point at an existing VCN or subnet,
 * connections between two different existing components, at most one per
 * direction and pair, none wiring a VCN's NSG, route table or security list
 * (or an OKE cluster's node pool) to another VCN, and at most one internet,
 * NAT and service gateway per VCN, as OCI allows. Throws the first violation.
 */
export function checkStructure(catalog: DesignCatalog, components: readonly Component[], connections: readonly Connection[]): void {
  const byId = new Map<string, Component>();
  for (const c of components) {
    if (byId.has(c.id)) throw new DuplicateComponentError(c.id);
    byId.set(c.id, c);
  }
  for (const c of components) {
    const kind = catalog.find(c.type)?.placement;
    if (!kind) throw new UnknownServiceTypeError(c.type);
    if (kind === 'none') {
      if (c.placement) throw new InvalidPlacementError(`component ${c.id}: a ${c.type} is not placed in a network; remove its placement`);
      continue;
    }
    const wanted = PARENT_TYPE[kind];
    if (!c.placement) {
      if (kind === 'optional_subnet') continue;
      throw new InvalidPlacementError(`component ${c.id}: a ${c.type} must be placed in a ${wanted}; give placement.parent`);
    }
    const parent = byId.get(c.placement.parent);
    if (!parent) throw new InvalidPlacementError(`component ${c.id}: placement.parent ${JSON.stringify(c.placement.parent)} is not a component of the architecture`);
    if (parent.type !== wanted) {
      throw new InvalidPlacementError(`component ${c.id}: a ${c.type} must be placed in a ${wanted}, not in ${parent.id} (a ${parent.type})`);
    }
  }
  const seen = new Set<string>();
  for (const conn of connections) {
    if (conn.from === conn.to) throw new InvalidConnectionError(`a connection from ${conn.from} to itself is not allowed`);
    for (const end of [conn.from, conn.to]) {
      if (!byId.has(end)) throw new InvalidConnectionError(`connection ${conn.from} -> ${conn.to}: ${JSON.stringify(end)} is not a component of the architecture`);
    }
    const key = `${conn.from}\u0000${conn.to}`;
    if (seen.has(key)) throw new InvalidConnectionError(`connection ${conn.from} -> ${conn.to} is given twice`);
    seen.add(key);
  }
  checkVcnBoundaries(byId, connections);
  checkGatewaysPerVcn(components, byId);
}

/** The VCN a component is in, following placements (a VCN is its own). */
function vcnOf(byId: ReadonlyMap<string, Component>, component: Component): Component | undefined {
  let current: Component | undefined = component;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current.type === 'vcn') return current;
    current = current.placement ? byId.get(current.placement.parent) : undefined;
  }
  return undefined;
}

/** OCI refuses an NSG, route table or security list of one VCN on a VNIC or subnet of another, and a node pool outside its cluster's VCN. */
function checkVcnBoundaries(byId: ReadonlyMap<string, Component>, connections: readonly Connection[]): void {
  for (const conn of connections) {
    const from = byId.get(conn.from)!;
    const to = byId.get(conn.to)!;
    const bound = VCN_BOUND_TYPES.has(from.type) || VCN_BOUND_TYPES.has(to.type);
    const pool = (from.type === 'oke_node_pool' && to.type === 'oke_cluster') || (from.type === 'oke_cluster' && to.type === 'oke_node_pool');
    if (!bound && !pool) continue;
    const a = vcnOf(byId, from);
    const b = vcnOf(byId, to);
    if (a && b && a.id !== b.id) {
      throw new InvalidConnectionError(
        `connection ${conn.from} -> ${conn.to}: ${from.id} is in VCN ${a.id} and ${to.id} in VCN ${b.id}; ` +
          `${bound ? 'a network security group, route table or security list serves only its own VCN' : 'a node pool must be in its cluster\'s VCN'}`,
      );
    }
  }
}

function checkGatewaysPerVcn(components: readonly Component[], byId: ReadonlyMap<string, Component>): void {
  for (const type of ONE_PER_VCN_TYPES) {
    const perVcn = new Map<string, string[]>();
    for (const c of components) {
      if (c.type !== type) continue;
      const vcn = vcnOf(byId, c);
      if (vcn) perVcn.set(vcn.id, [...(perVcn.get(vcn.id) ?? []), c.id]);
    }
    for (const [vcn, ids] of perVcn) {
      if (ids.length > 1) throw new InvalidPlacementError(`VCN ${vcn} has ${ids.length} of type ${type} (${ids.join(', ')}); OCI allows one per VCN, keep one`);
    }
  }
}

/** The component, or `component_not_found`. */
export function findComponent(components: readonly Component[], id: string): Component {
  const found = components.find((c) => c.id === id);
  if (!found) throw new ComponentNotFoundError(id);
  return found;
}
