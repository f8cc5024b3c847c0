import { COMPUTE_TYPES, FRONT_DOOR_TYPES, Rule, RuleHit, t } from './rule-types';

/** Workloads (hearing `workload_type` values) that serve users over the network. */
const USER_FACING_WORKLOADS = ['web_application', 'api_backend'];
/** Compute that a load balancer would front (node pools are fronted through their cluster). */
const FRONTABLE_TYPES = ['compute_instance', 'oke_cluster', 'container_instance'];

/** Rules about what talks to what. */
export const CONNECTION_RULES: readonly Rule[] = [
  {
    id: 'connection.adb_private_endpoint',
    severity: 'error',
    message: t(
      '{compute} connects to Autonomous Database {database}, which has no private endpoint: the traffic would leave the VCN for a public endpoint.',
      '{compute} が接続する Autonomous Database {database} にプライベート・エンドポイントがありません。通信が VCN の外のパブリック・エンドポイントを経由します。',
    ),
    recommendation: t(
      'Place {database} in a private subnet (placement.parent), which gives it a private endpoint.',
      '{database} をプライベート・サブネットに配置（placement.parent）し、プライベート・エンドポイントを持たせてください。',
    ),
    check({ graph }) {
      const hits: RuleHit[] = [];
      for (const db of graph.ofType('autonomous_database')) {
        if (db.placement) continue;
        for (const other of graph.neighbours(db.id)) {
          if (COMPUTE_TYPES.includes(other.type)) hits.push({ component_ids: [other.id, db.id], params: { compute: other.id, database: db.id } });
        }
      }
      return hits;
    },
  },
  {
    id: 'network.private_subnet_internet_gateway',
    severity: 'error',
    message: t(
      '{component} is in private subnet {subnet} but is connected to internet gateway {gateway}: a private subnet cannot route through an internet gateway.',
      '{component} はプライベート・サブネット {subnet} にありますが、インターネット・ゲートウェイ {gateway} に接続されています。プライベート・サブネットはインターネット・ゲートウェイを経由できません。',
    ),
    recommendation: t(
      'Connect it to a NAT gateway for outbound internet access instead.',
      'アウトバウンドのインターネット接続には NAT ゲートウェイを使ってください。',
    ),
    check({ graph }) {
      const hits: RuleHit[] = [];
      for (const gateway of graph.ofType('internet_gateway')) {
        // Directly, or through a route table that routes to the gateway.
        const routed = graph.neighbours(gateway.id).flatMap((n) => (n.type === 'route_table' ? graph.neighbours(n.id) : [n]));
        for (const other of routed) {
          if (graph.access(other) !== 'private') continue;
          const subnet = other.type === 'subnet' ? other : graph.subnet(other)!;
          hits.push({ component_ids: [other.id, gateway.id], params: { component: other.id, subnet: subnet.id, gateway: gateway.id } });
        }
      }
      return hits;
    },
  },
  {
    id: 'network.private_subnet_needs_nat',
    severity: 'warning',
    message: t(
      'Private subnet {subnet} runs compute ({components}), but VCN {vcn} has no NAT gateway: it cannot reach the internet (updates, images, external APIs).',
      'プライベート・サブネット {subnet} でコンピュート（{components}）が稼働しますが、VCN {vcn} に NAT ゲートウェイがありません。インターネット（更新、イメージ、外部 API）に到達できません。',
    ),
    recommendation: t(
      'Add a nat_gateway to {vcn}; private subnets reach the internet only through NAT.',
      '{vcn} に nat_gateway を追加してください。プライベート・サブネットは NAT 経由でのみインターネットに到達します。',
    ),
    check({ graph }) {
      const hits: RuleHit[] = [];
      for (const subnet of graph.ofType('subnet')) {
        if (graph.access(subnet) !== 'private') continue;
        const vcn = graph.vcn(subnet);
        if (!vcn || graph.descendants(vcn.id).some((c) => c.type === 'nat_gateway')) continue;
        const compute = graph.descendants(subnet.id).filter((c) => COMPUTE_TYPES.includes(c.type));
        if (compute.length === 0) continue;
        hits.push({ component_ids: [subnet.id, vcn.id], params: { subnet: subnet.id, vcn: vcn.id, components: compute.map((c) => c.id).join(', ') } });
      }
      return hits;
    },
  },
  {
    id: 'network.private_subnet_needs_service_gateway',
    severity: 'warning',
    message: t(
      '{component} in private subnet {subnet} uses the OCI service {service}, but VCN {vcn} has no service gateway to reach it privately.',
      'プライベート・サブネット {subnet} の {component} が OCI サービス {service} を利用しますが、VCN {vcn} にプライベートに到達するためのサービス・ゲートウェイがありません。',
    ),
    recommendation: t(
      'Add a service_gateway to {vcn}; private subnets reach OCI services only through the service gateway.',
      '{vcn} に service_gateway を追加してください。プライベート・サブネットはサービス・ゲートウェイ経由でのみ OCI サービスに到達します。',
    ),
    check({ graph, service }) {
      const hits: RuleHit[] = [];
      for (const c of graph.components) {
        if (c.type === 'subnet' || graph.access(c) !== 'private') continue;
        const vcn = graph.vcn(c);
        if (!vcn || graph.descendants(vcn.id).some((d) => d.type === 'service_gateway')) continue;
        for (const other of graph.neighbours(c.id)) {
          // An OCI service outside every VCN: not placed, though its type could be (ADB without a private endpoint).
          const kind = service(other.type)?.placement;
          if (other.placement || kind === undefined || kind === 'vcn' || kind === 'subnet') continue;
          hits.push({ component_ids: [c.id, other.id], params: { component: c.id, subnet: graph.subnet(c)!.id, service: other.id, vcn: vcn.id } });
        }
      }
      return hits;
    },
  },
  {
    id: 'network.public_subnet_needs_internet_gateway',
    severity: 'warning',
    message: t(
      'Public subnet {subnet} is in VCN {vcn}, which has no internet gateway: nothing in it is reachable from the internet.',
      'パブリック・サブネット {subnet} の VCN {vcn} にインターネット・ゲートウェイがありません。インターネットから到達できません。',
    ),
    recommendation: t('Add an internet_gateway to {vcn}, or make the subnet private.', '{vcn} に internet_gateway を追加するか、サブネットをプライベートにしてください。'),
    check({ graph }) {
      return graph.ofType('subnet')
        .filter((s) => graph.access(s) === 'public')
        .flatMap((subnet) => {
          const vcn = graph.vcn(subnet);
          if (!vcn || graph.descendants(vcn.id).some((c) => c.type === 'internet_gateway')) return [];
          return [{ component_ids: [subnet.id, vcn.id], params: { subnet: subnet.id, vcn: vcn.id } }];
        });
    },
  },
  {
    id: 'edge.load_balancer_in_front',
    severity: 'warning',
    message: t(
      '{component} serves users but nothing stands in front of it: no load balancer, network load balancer or API gateway is connected to it.',
      '{component} は利用者にサービスを提供しますが、前段にロードバランサ、ネットワーク・ロードバランサ、API ゲートウェイのいずれもありません。',
    ),
    recommendation: t(
      'Add a load_balancer in a public subnet and connect it to {component}; keep {component} in a private subnet.',
      'パブリック・サブネットに load_balancer を追加して {component} に接続し、{component} はプライベート・サブネットに置いてください。',
    ),
    check({ graph, answers }) {
      const workloads = [answers.workload_type ?? []].flat();
      const userFacing = workloads.some((w) => USER_FACING_WORKLOADS.includes(w));
      return graph.ofType(...FRONTABLE_TYPES)
        .filter((c) => userFacing || graph.access(c) === 'public')
        .filter((c) => {
          // A cluster is fronted when it or one of its node pools is.
          const fronts = [c, ...graph.sources(c.id).filter((s) => s.type === 'oke_node_pool')];
          return !fronts.some((f) => graph.neighbours(f.id).some((n) => FRONT_DOOR_TYPES.includes(n.type)));
        })
        .map((c) => ({ component_ids: [c.id], params: { component: c.id } }));
    },
  },
];
