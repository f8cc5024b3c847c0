import { findServiceType, SERVICE_CATALOG } from '../../../src/server/design/catalog';
import { SERVICE_CATEGORIES } from '../../../src/server/design/catalog-types';

const REQUIRED_TYPES = [
  'vcn', 'subnet', 'internet_gateway', 'nat_gateway', 'service_gateway', 'route_table', 'security_list', 'network_security_group',
  'compute_instance', 'oke_cluster', 'oke_node_pool', 'functions_application', 'container_instance',
  'autonomous_database', 'mysql_heatwave', 'postgresql', 'nosql_table',
  'object_storage_bucket', 'file_storage',
  'load_balancer', 'network_load_balancer', 'api_gateway',
  'streaming', 'queue',
  'vault', 'bastion',
  'generative_ai',
];

const entries = SERVICE_CATALOG.map((service) => [service.type, service] as const);
const fields = SERVICE_CATALOG.flatMap((service) => Object.entries(service.config).map(([name, field]) => [`${service.type}.${name}`, field] as const));

describe('service catalog', () => {
  test('holds every service type the issue names, each once', () => {
    const types = SERVICE_CATALOG.map((s) => s.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(expect.arrayContaining(REQUIRED_TYPES));
  });

  test('findServiceType finds each entry and nothing else', () => {
    for (const service of SERVICE_CATALOG) expect(findServiceType(service.type)).toBe(service);
    expect(findServiceType('mainframe')).toBeUndefined();
    expect(findServiceType('constructor')).toBeUndefined();
  });

  test.each(entries)('%s: snake_case id, known category, ja and en texts, resources', (type, service) => {
    expect(type).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(SERVICE_CATEGORIES).toContain(service.category);
    for (const localized of [service.name, service.description]) {
      expect(localized.en.trim()).not.toBe('');
      expect(localized.ja.trim()).not.toBe('');
    }
    // Product names may read the same in both; descriptions are translated.
    expect(service.description.ja).not.toBe(service.description.en);
    expect(service.resources.length).toBeGreaterThan(0);
    for (const resource of service.resources) expect(resource).toMatch(/^oci_[a-z0-9_]+$/);
  });

  test.each(entries)('%s: what it requires are catalog types', (_type, service) => {
    for (const requirement of service.requires ?? []) {
      expect(requirement.types.length).toBeGreaterThan(0);
      for (const required of requirement.types) expect(findServiceType(required)).toBeDefined();
    }
  });

  test.each(fields)('%s: described in ja and en, coherent bounds and choices', (_name, field) => {
    expect(field.description.en.trim()).not.toBe('');
    expect(field.description.ja.trim()).not.toBe('');
    if (field.kind === 'integer' || field.kind === 'number') {
      expect(field.min).toBeDefined();
      expect(field.max).toBeDefined();
      expect(field.min!).toBeLessThanOrEqual(field.max!);
    }
    if (field.kind === 'choice') {
      expect(field.choices.length).toBeGreaterThan(1);
      expect(new Set(field.choices).size).toBe(field.choices.length);
    }
    if (field.kind === 'string' && field.pattern !== undefined) expect(() => new RegExp(field.pattern!)).not.toThrow();
  });

  // The validation rules (branch d2) read these fields by name.
  test.each([
    ['vcn', ['cidr_block']],
    ['subnet', ['cidr_block', 'access']],
    ['compute_instance', ['shape', 'ocpus', 'memory_in_gbs', 'instance_count']],
    ['oke_node_pool', ['shape', 'ocpus', 'memory_in_gbs', 'node_count']],
    ['container_instance', ['shape', 'ocpus', 'memory_in_gbs']],
    ['postgresql', ['shape', 'ocpus', 'memory_in_gbs', 'instance_count']],
    ['oke_cluster', ['kubernetes_version', 'endpoint_access']],
    ['autonomous_database', ['workload', 'compute_count', 'data_storage_size_in_gbs']],
    ['mysql_heatwave', ['shape_name', 'data_storage_size_in_gb', 'is_highly_available']],
    ['load_balancer', ['min_bandwidth_mbps', 'max_bandwidth_mbps']],
  ])('%s has the config fields the rules rely on', (type, names) => {
    expect(Object.keys(findServiceType(type)!.config)).toEqual(expect.arrayContaining(names));
  });

  test('the contract details: choices, kinds and placements', () => {
    const subnet = findServiceType('subnet')!;
    expect(subnet.config.access).toMatchObject({ kind: 'choice', choices: ['public', 'private'], default: 'private' });
    expect(findServiceType('autonomous_database')!.config.workload).toMatchObject({ kind: 'choice', choices: ['OLTP', 'DW'] });
    expect(findServiceType('autonomous_database')!.placement).toBe('optional_subnet');
    expect(findServiceType('oke_cluster')!.config.endpoint_access).toMatchObject({ kind: 'choice', choices: ['public', 'private'] });
    expect(findServiceType('compute_instance')!.config.instance_count).toMatchObject({ kind: 'integer', default: 1 });
    expect(findServiceType('oke_node_pool')!.config.node_count).toMatchObject({ kind: 'integer' });
    expect(findServiceType('oke_node_pool')!.requires).toEqual([{ via: 'connection', types: ['oke_cluster'] }]);
    for (const type of ['compute_instance', 'oke_node_pool', 'container_instance', 'postgresql']) {
      const config = findServiceType(type)!.config;
      expect(config.shape).toMatchObject({ kind: 'string', default: expect.stringMatching(/Flex$/) });
      expect(config.ocpus.kind).toBe('number');
      expect(config.memory_in_gbs.kind).toBe('number');
    }
    const network = SERVICE_CATALOG.filter((s) => s.category === 'network' && s.type !== 'vcn');
    expect(network.map((s) => s.placement)).toEqual(network.map(() => 'vcn'));
    expect(findServiceType('vcn')!.placement).toBe('none');
  });
});
