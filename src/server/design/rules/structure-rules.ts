import { Rule, RuleHit, t } from './rule-types';

/** Parses `a.b.c.d/n`; undefined when it is not IPv4 CIDR notation. */
function parseCidr(value: unknown): { start: number; end: number } | undefined {
  const m = typeof value === 'string' ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value) : null;
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(address / size) * size;
  return { start, end: start + size - 1 };
}

/** Rules that follow from the catalog's structure and the network's arithmetic. */
export const STRUCTURE_RULES: readonly Rule[] = [
  {
    id: 'structure.missing_requirement',
    severity: 'error',
    message: t(
      '{component} ({type}) needs a connection to a {types}, and has none.',
      '{component}（{type}）には {types} への接続が必要ですが、ありません。',
    ),
    recommendation: t(
      'Add the connection from {component} with add_connection (e.g. a node pool to its cluster).',
      'add_connection で {component} からの接続を追加してください（例: ノード・プールからそのクラスタへ）。',
    ),
    check({ graph, service }) {
      const hits: RuleHit[] = [];
      for (const c of graph.components) {
        for (const req of service(c.type)?.requires ?? []) {
          if (graph.targets(c.id).some((target) => req.types.includes(target.type))) continue;
          hits.push({ component_ids: [c.id], params: { component: c.id, type: c.type, types: req.types.join(' / ') } });
        }
      }
      return hits;
    },
  },
  {
    id: 'network.subnet_cidr',
    severity: 'error',
    message: t(
      'Subnet {subnet} ({cidr}) {problem}.',
      'サブネット {subnet}（{cidr}）: {problem}',
    ),
    recommendation: t(
      'Give {subnet} a cidr_block inside its VCN\'s that overlaps no other subnet.',
      '{subnet} には VCN の範囲内で他のサブネットと重ならない cidr_block を指定してください。',
    ),
    check({ graph }) {
      const hits: RuleHit[] = [];
      const subnets = graph.ofType('subnet');
      subnets.forEach((subnet, i) => {
        const range = parseCidr(subnet.config.cidr_block);
        const vcn = graph.vcn(subnet);
        const vcnRange = vcn && parseCidr(vcn.config.cidr_block);
        if (!range) return;
        const cidr = String(subnet.config.cidr_block);
        if (vcnRange && (range.start < vcnRange.start || range.end > vcnRange.end)) {
          hits.push({ component_ids: [subnet.id, vcn.id], params: { subnet: subnet.id, cidr, problem: `is outside VCN ${vcn.id} (${String(vcn.config.cidr_block)})` } });
        }
        for (const other of subnets.slice(i + 1)) {
          const o = parseCidr(other.config.cidr_block);
          if (o && graph.vcn(other) === vcn && o.start <= range.end && range.start <= o.end) {
            hits.push({ component_ids: [subnet.id, other.id], params: { subnet: subnet.id, cidr, problem: `overlaps subnet ${other.id} (${String(other.config.cidr_block)})` } });
          }
        }
      });
      return hits;
    },
  },
];
