import type { Architecture, Connection } from '../../../src/server/design/architecture';
import { ComponentInput, checkComponent, checkStructure } from '../../../src/server/design/architecture-check';
import { BUILTIN_DESIGN_CATALOG } from '../../../src/server/design/builtin-catalog';
import type { HearingSession, StoredAnswer } from '../../../src/server/storage/session-store';
import { FULL_ANSWERS } from '../helpers/answers';

/** A draft as a test writes it: configs partial, connections as [from, to, purpose]. */
export interface Draft {
  readonly components: readonly ComponentInput[];
  readonly connections: readonly (readonly [string, string, string])[];
  readonly region?: string;
}

/** The stored form of a draft: configs checked and filled by the built-in catalog, structure checked. */
export function build(draft: Draft, revision = 1): Architecture {
  const components = draft.components.map((c) => checkComponent(BUILTIN_DESIGN_CATALOG, c));
  const connections: Connection[] = draft.connections.map(([from, to, purpose]) => ({ from, to, purpose }));
  checkStructure(BUILTIN_DESIGN_CATALOG, components, connections);
  return { revision, components, connections, reasons: [], ...(draft.region && { region: draft.region }), updated_at: '2026-11-26T00:00:00.000Z' };
}

/** The inputs save_architecture takes for a draft. */
export function saveArguments(draft: Draft): Record<string, unknown> {
  return {
    components: draft.components,
    connections: draft.connections.map(([from, to, purpose]) => ({ from, to, purpose })),
    ...(draft.region && { region: draft.region }),
    reasons: [{ topic: 'OKE for the app tier', reason: 'The customer prefers Kubernetes', question_ids: ['compute_platform'], component_ids: ['app_cluster'] }],
  };
}

/**
 * A three-tier web application that every rule passes with the hearing's
 * FULL_ANSWERS: a load balancer in a public subnet, OKE in a private one,
 * Autonomous Database behind a private endpoint, NAT and service gateways.
 */
export function cleanWebApp(): Draft {
  return {
    region: 'ap-tokyo-1',
    components: [
      { id: 'vcn', type: 'vcn', name: 'PoC VCN', config: { cidr_block: '10.0.0.0/16' } },
      { id: 'public_subnet', type: 'subnet', name: 'Public', config: { access: 'public', cidr_block: '10.0.0.0/24' }, placement: { parent: 'vcn' } },
      { id: 'app_subnet', type: 'subnet', name: 'App', config: { access: 'private', cidr_block: '10.0.1.0/24' }, placement: { parent: 'vcn' } },
      { id: 'db_subnet', type: 'subnet', name: 'DB', config: { access: 'private', cidr_block: '10.0.2.0/24' }, placement: { parent: 'vcn' } },
      { id: 'igw', type: 'internet_gateway', name: 'Internet gateway', placement: { parent: 'vcn' } },
      { id: 'nat', type: 'nat_gateway', name: 'NAT gateway', placement: { parent: 'vcn' } },
      { id: 'sgw', type: 'service_gateway', name: 'Service gateway', placement: { parent: 'vcn' } },
      { id: 'lb', type: 'load_balancer', name: 'Front door', placement: { parent: 'public_subnet' } },
      { id: 'app_cluster', type: 'oke_cluster', name: 'App cluster', placement: { parent: 'app_subnet' } },
      { id: 'app_nodes', type: 'oke_node_pool', name: 'App nodes', config: { node_count: 3, ocpus: 2, memory_in_gbs: 32 }, placement: { parent: 'app_subnet' } },
      { id: 'orders_db', type: 'autonomous_database', name: 'Orders DB', config: { workload: 'OLTP' }, placement: { parent: 'db_subnet' } },
      { id: 'files', type: 'object_storage_bucket', name: 'Files' },
    ],
    connections: [
      ['lb', 'app_nodes', 'HTTPS from users'],
      ['app_nodes', 'app_cluster', 'worker nodes'],
      ['app_nodes', 'orders_db', 'SQL*Net'],
      ['app_nodes', 'files', 'objects'],
    ],
  };
}

/** A copy of a draft with some components' config changed, components added or removed, or connections changed. */
export function edit(draft: Draft, changes: {
  configure?: Record<string, Record<string, unknown>>;
  place?: Record<string, string | undefined>;
  add?: ComponentInput[];
  remove?: string[];
  connect?: (readonly [string, string, string])[];
  disconnect?: [string, string][];
  region?: string;
}): Draft {
  const removed = new Set(changes.remove ?? []);
  const components = draft.components
    .filter((c) => !removed.has(c.id))
    .map((c) => {
      const config = changes.configure?.[c.id] ? { ...c.config, ...changes.configure[c.id] } : c.config;
      if (changes.place && c.id in changes.place) {
        const parent = changes.place[c.id];
        const { placement: _dropped, ...rest } = c;
        return { ...rest, config, ...(parent && { placement: { parent } }) };
      }
      return { ...c, config };
    });
  const gone = (from: string, to: string) =>
    removed.has(from) || removed.has(to) || (changes.disconnect ?? []).some(([f, t]) => f === from && t === to);
  return {
    region: changes.region ?? draft.region,
    components: [...components, ...(changes.add ?? [])],
    connections: [...draft.connections.filter(([f, t]) => !gone(f, t)), ...(changes.connect ?? [])],
  };
}

/** Stored answers, as a session holds them. */
export function answers(overrides: Record<string, string | string[]> = {}): Record<string, StoredAnswer> {
  const out: Record<string, StoredAnswer> = {};
  for (const [id, value] of Object.entries({ ...FULL_ANSWERS, ...overrides })) out[id] = { value, answered_at: '2026-11-26T00:00:00.000Z' };
  return out;
}

/** A completed session around an architecture. */
export function sessionWith(architecture: Architecture, locale: 'ja' | 'en' = 'en', overrides: Record<string, string | string[]> = {}): HearingSession {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    status: 'completed',
    locale,
    created_at: '2026-11-26T00:00:00.000Z',
    updated_at: '2026-11-26T00:00:00.000Z',
    answers: answers(overrides),
    result: { summary: '# Hearing summary\n\n## Requirements\n\n- [must] (scale) 1,000 to 10,000 users\n', requirements: [], constraints: [], completed_at: '2026-11-26T00:00:00.000Z' },
    architecture,
  };
}

/** One component of every service type, placed and connected as each needs, in one architecture. */
export function everyServiceType(): Draft {
  const base = cleanWebApp();
  const placed: Record<string, string | undefined> = {
    compute_instance: 'app_subnet',
    functions_application: 'app_subnet',
    container_instance: 'app_subnet',
    mysql_heatwave: 'db_subnet',
    postgresql: 'db_subnet',
    network_load_balancer: 'public_subnet',
    api_gateway: 'public_subnet',
    bastion: 'public_subnet',
    file_storage: 'app_subnet',
    route_table: 'vcn',
    security_list: 'vcn',
    network_security_group: 'vcn',
  };
  const have = new Set(base.components.map((c) => c.type));
  const add: ComponentInput[] = BUILTIN_DESIGN_CATALOG.services
    .filter((s) => !have.has(s.type))
    .map((s) => ({
      id: `x_${s.type}`,
      type: s.type,
      name: `A "${s.type}" <with> |odd| characters; #1`,
      ...(placed[s.type] && { placement: { parent: placed[s.type]! } }),
    }));
  return edit(base, { add, region: 'us-chicago-1' });
}

/**
 * Thirty components: the clean web app plus a second application tier, a
 * batch tier and supporting services, for the benchmark.
 */
export function thirtyComponents(): Draft {
  const base = cleanWebApp();
  const add: ComponentInput[] = [
    { id: 'batch_subnet', type: 'subnet', name: 'Batch', config: { access: 'private', cidr_block: '10.0.3.0/24' }, placement: { parent: 'vcn' } },
    { id: 'route', type: 'route_table', name: 'Routes', placement: { parent: 'vcn' } },
    { id: 'seclist', type: 'security_list', name: 'Rules', config: { ingress_tcp_ports: '443' }, placement: { parent: 'vcn' } },
    { id: 'nsg', type: 'network_security_group', name: 'App NSG', placement: { parent: 'vcn' } },
    { id: 'api', type: 'api_gateway', name: 'API', placement: { parent: 'public_subnet' } },
    { id: 'batch_vm', type: 'compute_instance', name: 'Batch VMs', config: { instance_count: 2 }, placement: { parent: 'batch_subnet' } },
    { id: 'admin_vm', type: 'compute_instance', name: 'Admin VM', config: { instance_count: 2 }, placement: { parent: 'app_subnet' } },
    { id: 'jobs', type: 'container_instance', name: 'Jobs', placement: { parent: 'batch_subnet' } },
    { id: 'fn', type: 'functions_application', name: 'Functions', placement: { parent: 'app_subnet' } },
    { id: 'reports_db', type: 'postgresql', name: 'Reports', config: { instance_count: 2 }, placement: { parent: 'db_subnet' } },
    { id: 'cache_db', type: 'mysql_heatwave', name: 'HeatWave', config: { is_highly_available: true }, placement: { parent: 'db_subnet' } },
    { id: 'events', type: 'streaming', name: 'Events' },
    { id: 'tasks', type: 'queue', name: 'Tasks' },
    { id: 'keys', type: 'vault', name: 'Keys' },
    { id: 'sessions_table', type: 'nosql_table', name: 'Sessions' },
    { id: 'shared_fs', type: 'file_storage', name: 'Shared files', placement: { parent: 'app_subnet' } },
    { id: 'jump', type: 'bastion', name: 'Bastion', placement: { parent: 'public_subnet' } },
    { id: 'nlb', type: 'network_load_balancer', name: 'Internal NLB', placement: { parent: 'app_subnet' } },
  ];
  return edit(base, {
    add,
    connect: [
      ['api', 'fn', 'REST'],
      ['nlb', 'admin_vm', 'admin traffic'],
      ['lb', 'batch_vm', 'batch console'],
      ['lb', 'jobs', 'job console'],
      ['batch_vm', 'orders_db', 'SQL*Net'],
      ['jobs', 'events', 'publish'],
      ['fn', 'tasks', 'enqueue'],
      ['app_nodes', 'reports_db', 'SQL'],
      ['app_nodes', 'cache_db', 'SQL'],
      ['app_nodes', 'sessions_table', 'sessions'],
      ['app_nodes', 'keys', 'secrets'],
    ],
  });
}
