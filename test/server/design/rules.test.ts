import { Draft, answers, build, cleanWebApp, edit } from './sample-architectures';
import { BUILTIN_DESIGN_CATALOG } from '../../../src/server/design/builtin-catalog';
import { RULES } from '../../../src/server/design/rules';
import { REGION_AVAILABILITY } from '../../../src/server/design/rules/region-availability';
import { SEVERITIES } from '../../../src/server/design/rules/rule-types';
import { validateArchitecture } from '../../../src/server/design/validate-architecture';

type Answers = Record<string, string | string[]>;
interface Case {
  /** The clean web app changed so that the rule fires. */
  readonly trigger: Draft;
  readonly triggerAnswers?: Answers;
  /** A near miss: as close to the trigger as possible, and the rule stays quiet. */
  readonly near: Draft;
  readonly nearAnswers?: Answers;
  /** Components the finding must name. */
  readonly names: readonly string[];
}

const clean = cleanWebApp();
const singleNodes = edit(clean, { configure: { app_nodes: { node_count: 1 } } });
const bigNodes = edit(clean, { configure: { app_nodes: { ocpus: 4, memory_in_gbs: 64 } } });

const CASES: Record<string, Case> = {
  'structure.missing_requirement': {
    trigger: edit(clean, { disconnect: [['app_nodes', 'app_cluster']], connect: [['app_cluster', 'app_nodes', 'reversed']] }),
    near: clean,
    names: ['app_nodes'],
  },
  'network.subnet_cidr': {
    trigger: edit(clean, { configure: { db_subnet: { cidr_block: '10.1.2.0/24' } } }),
    near: edit(clean, { configure: { db_subnet: { cidr_block: '10.0.255.0/24' } } }),
    names: ['db_subnet', 'vcn'],
  },
  'connection.adb_private_endpoint': {
    trigger: edit(clean, { place: { orders_db: undefined } }),
    near: edit(clean, { place: { orders_db: undefined }, disconnect: [['app_nodes', 'orders_db']] }),
    names: ['app_nodes', 'orders_db'],
  },
  'network.private_subnet_internet_gateway': {
    trigger: edit(clean, {
      add: [{ id: 'routes', type: 'route_table', name: 'Routes', placement: { parent: 'vcn' } }],
      connect: [['routes', 'igw', 'default route'], ['app_subnet', 'routes', 'uses']],
    }),
    near: edit(clean, {
      add: [{ id: 'routes', type: 'route_table', name: 'Routes', placement: { parent: 'vcn' } }],
      connect: [['routes', 'igw', 'default route'], ['public_subnet', 'routes', 'uses']],
    }),
    names: ['app_subnet', 'igw'],
  },
  'network.private_subnet_needs_nat': {
    trigger: edit(clean, { remove: ['nat'] }),
    // No compute in private subnets: nothing needs NAT.
    near: edit(clean, { remove: ['nat', 'app_cluster', 'app_nodes'] }),
    names: ['app_subnet', 'vcn'],
  },
  'network.private_subnet_needs_service_gateway': {
    trigger: edit(clean, { remove: ['sgw'] }),
    near: edit(clean, { remove: ['sgw'], disconnect: [['app_nodes', 'files']] }),
    names: ['app_nodes', 'files'],
  },
  'network.public_subnet_needs_internet_gateway': {
    trigger: edit(clean, { remove: ['igw'] }),
    near: edit(clean, { remove: ['igw', 'lb'], configure: { public_subnet: { access: 'private' } }, disconnect: [] }),
    names: ['public_subnet', 'vcn'],
  },
  'edge.load_balancer_in_front': {
    trigger: edit(clean, { disconnect: [['lb', 'app_nodes']] }),
    triggerAnswers: { workload_type: ['web_application'] },
    near: edit(clean, { disconnect: [['lb', 'app_nodes']] }),
    nearAnswers: { workload_type: ['batch'] },
    names: ['app_cluster'],
  },
  'placement.database_in_public_subnet': {
    trigger: edit(clean, { place: { orders_db: 'public_subnet' } }),
    near: clean,
    names: ['orders_db', 'public_subnet'],
  },
  'region.service_unavailable': {
    trigger: edit(clean, { add: [{ id: 'genai', type: 'generative_ai', name: 'GenAI' }] }),
    near: edit(clean, { add: [{ id: 'genai', type: 'generative_ai', name: 'GenAI' }], region: 'us-chicago-1' }),
    names: ['genai'],
  },
  'region.unknown_region': {
    trigger: edit(clean, { region: 'xx-nowhere-1' }),
    near: edit(clean, { region: 'eu-frankfurt-1' }),
    names: [],
  },
  'config.flex_shape_bounds': {
    trigger: edit(clean, { configure: { app_nodes: { ocpus: 2, memory_in_gbs: 200 } } }),
    near: edit(clean, { configure: { app_nodes: { ocpus: 2, memory_in_gbs: 128 } } }),
    names: ['app_nodes'],
  },
  'config.adb_minimums': {
    trigger: edit(clean, { configure: { orders_db: { workload: 'DW', data_storage_size_in_gbs: 100 } } }),
    near: edit(clean, { configure: { orders_db: { workload: 'OLTP', data_storage_size_in_gbs: 100 } } }),
    names: ['orders_db'],
  },
  'config.oke_cluster_without_nodes': {
    trigger: edit(clean, { remove: ['app_nodes'], connect: [['lb', 'app_cluster', 'HTTPS']] }),
    near: edit(clean, { configure: { app_nodes: { node_count: 1 } } }),
    names: ['app_cluster'],
  },
  'config.port_ranges': {
    trigger: edit(clean, { add: [{ id: 'sl', type: 'security_list', name: 'SL', config: { ingress_tcp_ports: '8080-80,0,65536' }, placement: { parent: 'vcn' } }] }),
    near: edit(clean, { add: [{ id: 'sl', type: 'security_list', name: 'SL', config: { ingress_tcp_ports: '80-8080,1,65535' }, placement: { parent: 'vcn' } }] }),
    names: ['sl'],
  },
  'config.lb_bandwidth_order': {
    trigger: edit(clean, { configure: { lb: { min_bandwidth_mbps: 8000, max_bandwidth_mbps: 10 } } }),
    near: edit(clean, { configure: { lb: { min_bandwidth_mbps: 100, max_bandwidth_mbps: 100 } } }),
    names: ['lb'],
  },
  'config.nlb_preserve_source_public': {
    trigger: edit(clean, { add: [{ id: 'nlb', type: 'network_load_balancer', name: 'NLB', config: { is_preserve_source_destination: true }, placement: { parent: 'public_subnet' } }] }),
    near: edit(clean, { add: [{ id: 'nlb', type: 'network_load_balancer', name: 'NLB', config: { is_preserve_source_destination: true }, placement: { parent: 'app_subnet' } }] }),
    names: ['nlb', 'public_subnet'],
  },
  'config.mysql_shape_unknown': {
    trigger: edit(clean, { add: [{ id: 'mysql', type: 'mysql_heatwave', name: 'MySQL', config: { shape_name: 'MySQL.VM.Standard.E9.Flex' }, placement: { parent: 'db_subnet' } }] }),
    near: edit(clean, { add: [{ id: 'mysql', type: 'mysql_heatwave', name: 'MySQL', config: { shape_name: 'MySQL.4' }, placement: { parent: 'db_subnet' } }] }),
    names: ['mysql'],
  },
  'config.bastion_open_to_internet': {
    trigger: edit(clean, { add: [{ id: 'jump', type: 'bastion', name: 'Jump', placement: { parent: 'app_subnet' } }] }),
    near: edit(clean, { add: [{ id: 'jump', type: 'bastion', name: 'Jump', config: { client_cidr_block: '203.0.113.0/24' }, placement: { parent: 'app_subnet' } }] }),
    names: ['jump'],
  },
  'hearing.ha_single_node': {
    trigger: singleNodes,
    triggerAnswers: { availability: '99_95', disaster_recovery: 'none' },
    near: singleNodes,
    nearAnswers: { availability: 'best_effort', disaster_recovery: 'backup_restore' },
    names: ['app_nodes'],
  },
  'hearing.budget_large_shapes': {
    trigger: bigNodes,
    triggerAnswers: { budget: 'under_1k_usd' },
    near: bigNodes,
    nearAnswers: { budget: '10k_to_50k_usd' },
    names: ['app_nodes'],
  },
};

const findings = (draft: Draft, overrides: Answers = {}, locale: 'ja' | 'en' = 'en') =>
  validateArchitecture(build(draft), BUILTIN_DESIGN_CATALOG, answers(overrides), locale);

describe('validation rules', () => {
  test('every rule has a case here, ids are unique, texts exist in both languages', () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(SEVERITIES).toContain(rule.severity);
      for (const text of [rule.message, rule.recommendation]) {
        expect(text.en.length).toBeGreaterThan(10);
        expect(text.ja.length).toBeGreaterThan(5);
        expect(text.ja).not.toEqual(text.en);
      }
    }
  });

  test('the clean web app passes every rule with the full hearing answers', () => {
    expect(findings(clean)).toEqual([]);
  });

  describe.each(Object.entries(CASES))('%s', (id, c) => {
    const rule = RULES.find((r) => r.id === id)!;

    test('fires, naming the components, with filled texts in the session\'s language', () => {
      for (const locale of ['en', 'ja'] as const) {
        const hit = findings(c.trigger, c.triggerAnswers, locale).filter((f) => f.rule_id === id);
        expect(hit.length).toBeGreaterThan(0);
        expect(hit[0].severity).toBe(rule.severity);
        expect(hit[0].component_ids).toEqual(expect.arrayContaining([...c.names]));
        for (const text of [hit[0].message, hit[0].recommendation]) expect(text).not.toMatch(/\{[a-z_]+\}/);
        if (locale === 'ja') expect(hit[0].message).toMatch(/[\u3040-\u30ff]/);
      }
    });

    test('stays quiet on the near miss', () => {
      expect(findings(c.near, c.nearAnswers).filter((f) => f.rule_id === id)).toEqual([]);
    });
  });

  test('findings come errors first, then warnings', () => {
    const all = findings(edit(clean, { remove: ['nat'], place: { orders_db: 'public_subnet' } }));
    const ranks = all.map((f) => SEVERITIES.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort());
    expect(all.map((f) => f.rule_id)).toEqual(expect.arrayContaining(['placement.database_in_public_subnet', 'network.private_subnet_needs_nat']));
  });

  test('the region table names its source and covers only catalog types', () => {
    expect(REGION_AVAILABILITY.source).toMatch(/docs\.oracle\.com/);
    for (const [type, regions] of Object.entries(REGION_AVAILABILITY.limited)) {
      expect(BUILTIN_DESIGN_CATALOG.find(type)).toBeDefined();
      for (const r of regions) expect(REGION_AVAILABILITY.regions).toContain(r);
    }
  });
});
