import { build, Draft } from './sample-architectures';

const vcn = (id = 'vcn', cidr = '10.0.0.0/16') => ({ id, type: 'vcn', name: id, config: { cidr_block: cidr } });
const subnet = (id: string, cidr: string, parent = 'vcn', access = 'private') => ({ id, type: 'subnet', name: id, config: { cidr_block: cidr, access }, placement: { parent } });
const twoVcns = [vcn('vcn_a'), vcn('vcn_b', '10.1.0.0/16'), subnet('sub_a', '10.0.1.0/24', 'vcn_a'), subnet('sub_b', '10.1.1.0/24', 'vcn_b')];
const placed = (id: string, type: string, parent: string) => ({ id, type, name: id, config: {}, placement: { parent } });

/** The kind and message `build` (checkComponent + checkStructure) throws, or 'ok'. */
function outcome(draft: Draft): { kind: string; message: string } | 'ok' {
  try {
    build(draft);
    return 'ok';
  } catch (err) {
    return { kind: (err as { kind: string }).kind, message: (err as Error).message };
  }
}

describe('checkStructure: VCN boundaries', () => {
  test.each([
    ['an instance on another VCN\'s NSG', [placed('nsg_b', 'network_security_group', 'vcn_b'), placed('vm', 'compute_instance', 'sub_a')], ['vm', 'nsg_b']],
    ['a subnet using another VCN\'s route table', [placed('rt_b', 'route_table', 'vcn_b')], ['sub_a', 'rt_b']],
    ['a subnet using another VCN\'s security list', [placed('sl_b', 'security_list', 'vcn_b')], ['sub_a', 'sl_b']],
    ['a node pool outside its cluster\'s VCN', [placed('cl', 'oke_cluster', 'sub_b'), placed('np', 'oke_node_pool', 'sub_a')], ['np', 'cl']],
  ] as const)('%s is refused as invalid_connection, naming both VCNs', (_, extra, [from, to]) => {
    const result = outcome({ components: [...twoVcns, ...extra], connections: [[from, to, 'uses']] });
    expect(result).toMatchObject({ kind: 'invalid_connection', message: expect.stringMatching(/VCN vcn_a.*VCN vcn_b|VCN vcn_b.*VCN vcn_a/) });
  });

  test.each([
    ['an instance on its own VCN\'s NSG', [placed('nsg_a', 'network_security_group', 'vcn_a'), placed('vm', 'compute_instance', 'sub_a')], ['vm', 'nsg_a']],
    ['a subnet using its own VCN\'s route table', [placed('rt_a', 'route_table', 'vcn_a')], ['sub_a', 'rt_a']],
    ['a node pool in its cluster\'s VCN', [placed('cl', 'oke_cluster', 'sub_b'), placed('np', 'oke_node_pool', 'sub_b')], ['np', 'cl']],
    ['an instance in one VCN talking to a database in another', [placed('vm', 'compute_instance', 'sub_a'), placed('db', 'autonomous_database', 'sub_b')], ['vm', 'db']],
  ] as const)('%s is accepted', (_, extra, [from, to]) => {
    expect(outcome({ components: [...twoVcns, ...extra], connections: [[from, to, 'uses']] })).toBe('ok');
  });
});

describe('checkStructure: one gateway of each kind per VCN', () => {
  test.each(['internet_gateway', 'nat_gateway', 'service_gateway'])('two %s in one VCN are refused, naming them', (type) => {
    const result = outcome({ components: [vcn(), placed('gw1', type, 'vcn'), placed('gw2', type, 'vcn')], connections: [] });
    expect(result).toMatchObject({ kind: 'invalid_placement', message: expect.stringContaining('VCN vcn has 2 of type ' + type + ' (gw1, gw2)') });
  });

  test('one of each per VCN, in two VCNs, is accepted', () => {
    const gateways = ['vcn_a', 'vcn_b'].flatMap((v) => ['internet_gateway', 'nat_gateway', 'service_gateway'].map((type) => placed(`${type}_${v}`, type, v)));
    expect(outcome({ components: [...twoVcns, ...gateways], connections: [] })).toBe('ok');
  });
});
