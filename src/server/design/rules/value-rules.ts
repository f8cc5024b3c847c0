import { Rule, RuleHit, t } from './rule-types';

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** The port ranges of an `ingress_tcp_ports` value that OCI refuses: outside 1-65535, or a minimum above the maximum. */
export function badPortRanges(ports: string): string[] {
  if (ports.trim() === '') return [];
  return ports.split(',').filter((range) => {
    const [min, max = min] = range.split('-').map((p) => Number(p));
    return !Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max > 65535 || min > max;
  });
}

/**
 * MySQL HeatWave shapes OCI offers: the ECPU shapes (`MySQL.2` ... `MySQL.256`),
 * the older per-OCPU ones (`MySQL.VM.Standard.E4.1.8GB`) and the free one.
 * A name outside them is probably a typo, or a shape new since this list.
 */
const MYSQL_SHAPE = /^(MySQL\.(2|4|8|16|32|48|64|128|256)|MySQL\.VM\.Standard\.E[34]\.\d+\.\d+GB|MySQL\.HeatWave\.VM\.Standard(\.E[34])?|MySQL\.Free)$/;

/** Values each field's schema accepts alone but OCI refuses, or very likely regrets, in combination or in place. */
export const VALUE_RULES: readonly Rule[] = [
  {
    id: 'config.port_ranges',
    severity: 'error',
    message: t(
      '{component}: the ingress TCP ports {ports} are not ports OCI accepts (1 to 65535, each range from its lower to its higher port).',
      '{component}: イングレス TCP ポート {ports} は OCI が受け付けない値です（1〜65535、範囲は小さい方から大きい方へ）。',
    ),
    recommendation: t(
      'Correct ingress_tcp_ports of {component} with configure_component, e.g. `443,8080-8081`.',
      'configure_component で {component} の ingress_tcp_ports を直してください（例: `443,8080-8081`）。',
    ),
    check({ graph }) {
      return graph.ofType('security_list', 'network_security_group').flatMap((c): RuleHit[] => {
        const bad = badPortRanges(String(c.config.ingress_tcp_ports ?? ''));
        return bad.length === 0 ? [] : [{ component_ids: [c.id], params: { component: c.id, ports: bad.join(', ') } }];
      });
    },
  },
  {
    id: 'config.lb_bandwidth_order',
    severity: 'error',
    message: t(
      'Load balancer {component}: the minimum bandwidth {min} Mbps is above the maximum {max} Mbps.',
      'ロードバランサ {component}: 最小帯域幅 {min} Mbps が最大帯域幅 {max} Mbps を超えています。',
    ),
    recommendation: t(
      'Set min_bandwidth_mbps of {component} at or below max_bandwidth_mbps with configure_component.',
      'configure_component で {component} の min_bandwidth_mbps を max_bandwidth_mbps 以下にしてください。',
    ),
    check({ graph }) {
      return graph.ofType('load_balancer').flatMap((c): RuleHit[] => {
        const min = num(c.config.min_bandwidth_mbps);
        const max = num(c.config.max_bandwidth_mbps);
        return min !== undefined && max !== undefined && min > max ? [{ component_ids: [c.id], params: { component: c.id, min, max } }] : [];
      });
    },
  },
  {
    id: 'config.nlb_preserve_source_public',
    severity: 'error',
    message: t(
      'Network load balancer {component} keeps the client source address but sits in public subnet {subnet}; OCI allows that only on a private network load balancer.',
      'ネットワーク・ロードバランサ {component} は送信元アドレスを保持する設定ですが、パブリック・サブネット {subnet} にあります。OCI ではプライベートのネットワーク・ロードバランサでのみ可能です。',
    ),
    recommendation: t(
      'Place {component} in a private subnet, or set is_preserve_source_destination to false with configure_component.',
      '{component} をプライベート・サブネットに配置するか、configure_component で is_preserve_source_destination を false にしてください。',
    ),
    check({ graph }) {
      return graph.ofType('network_load_balancer').flatMap((c): RuleHit[] => {
        const subnet = graph.subnet(c);
        if (c.config.is_preserve_source_destination !== true || !subnet || graph.access(c) !== 'public') return [];
        return [{ component_ids: [c.id, subnet.id], params: { component: c.id, subnet: subnet.id } }];
      });
    },
  },
  {
    id: 'config.mysql_shape_unknown',
    severity: 'warning',
    message: t(
      'MySQL HeatWave {component}: {shape} is not a MySQL shape Galley knows (MySQL.2 to MySQL.256, MySQL.VM.Standard.E4.*, MySQL.Free).',
      'MySQL HeatWave {component}: {shape} は Galley が知っている MySQL シェイプではありません（MySQL.2〜MySQL.256、MySQL.VM.Standard.E4.*、MySQL.Free）。',
    ),
    recommendation: t(
      'Check the shape with `oci mysql shape list` in the region, or set shape_name of {component} to e.g. MySQL.2.',
      'リージョンで `oci mysql shape list` を使ってシェイプを確認するか、{component} の shape_name を MySQL.2 などにしてください。',
    ),
    check({ graph }) {
      return graph.ofType('mysql_heatwave').flatMap((c): RuleHit[] => {
        const shape = String(c.config.shape_name ?? '');
        return MYSQL_SHAPE.test(shape) ? [] : [{ component_ids: [c.id], params: { component: c.id, shape } }];
      });
    },
  },
  {
    id: 'config.bastion_open_to_internet',
    severity: 'warning',
    message: t(
      'Bastion {component} accepts sessions from anywhere (client_cidr_block {cidr}).',
      'Bastion {component} はどこからでもセッションを受け付けます（client_cidr_block {cidr}）。',
    ),
    recommendation: t(
      'Set client_cidr_block of {component} to the operators\' network (e.g. the office egress range) with configure_component.',
      'configure_component で {component} の client_cidr_block を運用者のネットワーク（例: オフィスの送信元範囲）にしてください。',
    ),
    check({ graph }) {
      return graph.ofType('bastion').flatMap((c): RuleHit[] => {
        const cidr = String(c.config.client_cidr_block ?? '');
        return /\/0$/.test(cidr) ? [{ component_ids: [c.id], params: { component: c.id, cidr } }] : [];
      });
    },
  },
];
