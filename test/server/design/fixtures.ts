/**
 * Ready-made architectures for tests: one per service type (with the minimal
 * components it needs) and one that holds every service type. Placements and
 * connections are valid, and each config is filled by `checkConfig`, as a
 * stored architecture's is.
 */
import type { Architecture, Component, Connection } from '../../../src/server/design/architecture';
import { findServiceType, SERVICE_CATALOG } from '../../../src/server/design/catalog';
import { checkConfig } from '../../../src/server/design/config-check';

const UPDATED_AT = '2026-01-01T00:00:00.000Z';

/** A component with its config checked and defaults filled. */
export function component(id: string, type: string, parent?: string, config: Record<string, unknown> = {}, name = id.replace(/_/g, ' ')): Component {
  const serviceType = findServiceType(type);
  if (!serviceType) throw new Error(`fixture uses an unknown service type ${type}`);
  return { id, type, name, config: checkConfig(serviceType, config), ...(parent === undefined ? {} : { placement: { parent } }) };
}

export const connection = (from: string, to: string, purpose = `${from} to ${to}`): Connection => ({ from, to, purpose });

export function architecture(components: readonly Component[], connections: readonly Connection[] = []): Architecture {
  return { revision: 1, components, connections, reasons: [], updated_at: UPDATED_AT };
}

const vcn = (): Component => component('vcn', 'vcn', undefined, { cidr_block: '10.0.0.0/16' });
const privateSubnet = (id = 'app_subnet', cidr = '10.0.1.0/24'): Component => component(id, 'subnet', 'vcn', { cidr_block: cidr, access: 'private' });
const publicSubnet = (id = 'web_subnet', cidr = '10.0.0.0/24'): Component => component(id, 'subnet', 'vcn', { cidr_block: cidr, access: 'public' });

/** Builds the fixture of one service type. */
const BUILDERS: Readonly<Record<string, () => Architecture>> = {
  vcn: () => architecture([vcn()]),
  subnet: () => architecture([vcn(), privateSubnet()]),
  internet_gateway: () => architecture([vcn(), component('igw', 'internet_gateway', 'vcn')]),
  nat_gateway: () => architecture([vcn(), component('nat', 'nat_gateway', 'vcn')]),
  service_gateway: () => architecture([vcn(), component('sgw', 'service_gateway', 'vcn')]),
  route_table: () =>
    architecture(
      [vcn(), component('nat', 'nat_gateway', 'vcn'), component('sgw', 'service_gateway', 'vcn'), component('private_routes', 'route_table', 'vcn'), privateSubnet()],
      [connection('private_routes', 'nat'), connection('private_routes', 'sgw'), connection('app_subnet', 'private_routes')],
    ),
  security_list: () =>
    architecture(
      [vcn(), component('web_rules', 'security_list', 'vcn', { ingress_tcp_ports: '443,8080-8081', ingress_source: '0.0.0.0/0' }), privateSubnet()],
      [connection('app_subnet', 'web_rules')],
    ),
  network_security_group: () => architecture([vcn(), component('app_nsg', 'network_security_group', 'vcn', { ingress_tcp_ports: '22,8080-8090' })]),
  compute_instance: () => architecture([vcn(), privateSubnet(), component('app', 'compute_instance', 'app_subnet')]),
  oke_cluster: () => architecture([vcn(), privateSubnet(), component('cluster', 'oke_cluster', 'app_subnet')]),
  oke_node_pool: () =>
    architecture(
      [vcn(), privateSubnet(), component('cluster', 'oke_cluster', 'app_subnet'), component('workers', 'oke_node_pool', 'app_subnet')],
      [connection('workers', 'cluster', 'worker nodes of the cluster')],
    ),
  functions_application: () => architecture([vcn(), privateSubnet(), component('functions', 'functions_application', 'app_subnet')]),
  container_instance: () => architecture([vcn(), privateSubnet(), component('containers', 'container_instance', 'app_subnet')]),
  autonomous_database: () => architecture([component('adb', 'autonomous_database')]),
  mysql_heatwave: () => architecture([vcn(), privateSubnet(), component('mysql', 'mysql_heatwave', 'app_subnet')]),
  postgresql: () => architecture([vcn(), privateSubnet(), component('postgres', 'postgresql', 'app_subnet')]),
  nosql_table: () => architecture([component('orders', 'nosql_table')]),
  object_storage_bucket: () => architecture([component('documents', 'object_storage_bucket')]),
  file_storage: () => architecture([vcn(), privateSubnet(), component('shared_files', 'file_storage', 'app_subnet')]),
  load_balancer: () =>
    architecture(
      [vcn(), component('igw', 'internet_gateway', 'vcn'), publicSubnet(), privateSubnet(), component('lb', 'load_balancer', 'web_subnet'), component('app', 'compute_instance', 'app_subnet', { instance_count: 2 })],
      [connection('lb', 'app', 'HTTP to the app servers')],
    ),
  network_load_balancer: () =>
    architecture(
      [vcn(), component('igw', 'internet_gateway', 'vcn'), publicSubnet(), privateSubnet(), component('nlb', 'network_load_balancer', 'web_subnet'), component('app', 'compute_instance', 'app_subnet')],
      [connection('nlb', 'app', 'TCP to the app servers')],
    ),
  api_gateway: () => architecture([vcn(), component('igw', 'internet_gateway', 'vcn'), publicSubnet(), component('api', 'api_gateway', 'web_subnet')]),
  streaming: () => architecture([component('events', 'streaming')]),
  queue: () => architecture([component('jobs', 'queue')]),
  vault: () => architecture([component('keys', 'vault')]),
  bastion: () => architecture([vcn(), privateSubnet(), component('bastion', 'bastion', 'app_subnet')]),
  generative_ai: () => architecture([component('llm', 'generative_ai')]),
};

/** The service types that have a fixture: all of the catalog (a test checks that). */
export const FIXTURE_TYPES: readonly string[] = Object.keys(BUILDERS);

/** The ready-made architecture for one service type. */
export function architectureFor(type: string): Architecture {
  const build = BUILDERS[type];
  if (!build) throw new Error(`no fixture for service type ${type}`);
  return build();
}

/**
 * One architecture holding every service type: a VCN with all three gateways,
 * a public web subnet (load balancers, API gateway), a private app subnet (compute,
 * OKE, Functions, Container Instances, File Storage, bastion) and a private
 * data subnet on its own route table and security list (ADB private endpoint,
 * MySQL, PostgreSQL), plus the services outside the VCN.
 */
export function allServicesArchitecture(): Architecture {
  const components: Component[] = [
    vcn(),
    component('igw', 'internet_gateway', 'vcn'),
    component('nat', 'nat_gateway', 'vcn'),
    component('sgw', 'service_gateway', 'vcn'),
    component('data_routes', 'route_table', 'vcn'),
    component('data_rules', 'security_list', 'vcn', { ingress_tcp_ports: '1521-1522,3306,5432', ingress_source: '10.0.1.0/24' }),
    component('app_nsg', 'network_security_group', 'vcn', { ingress_tcp_ports: '8080' }),
    publicSubnet(),
    privateSubnet(),
    privateSubnet('data_subnet', '10.0.2.0/24'),
    component('lb', 'load_balancer', 'web_subnet', { max_bandwidth_mbps: 200, backend_port: 8080 }),
    component('nlb', 'network_load_balancer', 'web_subnet', { backend_port: 8443 }),
    component('api', 'api_gateway', 'web_subnet'),
    component('app', 'compute_instance', 'app_subnet', { instance_count: 2, ocpus: 2, memory_in_gbs: 32 }),
    component('arm_app', 'compute_instance', 'app_subnet', { shape: 'VM.Standard.A1.Flex', ocpus: 2, memory_in_gbs: 12 }),
    component('cluster', 'oke_cluster', 'app_subnet', { kubernetes_version: 'v1.33.1' }),
    component('workers', 'oke_node_pool', 'app_subnet', { node_count: 3 }),
    component('arm_workers', 'oke_node_pool', 'app_subnet', { shape: 'VM.Standard.A1.Flex', node_count: 2, memory_in_gbs: 12 }),
    component('functions', 'functions_application', 'app_subnet'),
    component('containers', 'container_instance', 'app_subnet'),
    component('shared_files', 'file_storage', 'app_subnet'),
    component('bastion', 'bastion', 'app_subnet', { client_cidr_block: '203.0.113.0/24' }),
    component('atp', 'autonomous_database', 'data_subnet', { workload: 'OLTP', compute_count: 4 }),
    component('adw', 'autonomous_database', undefined, { workload: 'DW', license_model: 'BRING_YOUR_OWN_LICENSE' }),
    component('mysql', 'mysql_heatwave', 'data_subnet', { is_highly_available: true }),
    component('postgres', 'postgresql', 'data_subnet', { instance_count: 2 }),
    component('orders', 'nosql_table'),
    component('documents', 'object_storage_bucket', undefined, { versioning: true }),
    component('events', 'streaming', undefined, { partitions: 2 }),
    component('jobs', 'queue'),
    component('keys', 'vault'),
    component('llm', 'generative_ai'),
  ];
  const connections: Connection[] = [
    connection('data_routes', 'nat'),
    connection('data_routes', 'sgw'),
    connection('data_subnet', 'data_routes'),
    connection('data_subnet', 'data_rules'),
    connection('lb', 'app', 'HTTP to the app servers'),
    connection('nlb', 'arm_app', 'TCP to the Arm servers'),
    connection('app', 'app_nsg'),
    connection('lb', 'app_nsg'),
    connection('workers', 'cluster', 'worker nodes'),
    connection('arm_workers', 'cluster', 'Arm worker nodes'),
    connection('workers', 'app_nsg'),
    connection('app', 'atp', 'SQL*Net'),
    connection('app', 'mysql', 'MySQL protocol'),
    connection('workers', 'postgres', 'PostgreSQL protocol'),
    connection('app', 'documents', 'objects'),
    connection('functions', 'jobs', 'messages'),
    connection('containers', 'events', 'events'),
    connection('app', 'llm', 'chat'),
  ];
  return architecture(components, connections);
}

/** Every service type of the catalog, for tests that walk them all. */
export const CATALOG_TYPES: readonly string[] = SERVICE_CATALOG.map((s) => s.type);
