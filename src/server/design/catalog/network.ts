import type { ServiceType } from '../catalog-types';
import { cidrField, text } from './fields';
import {
  internetGatewayTerraform,
  natGatewayTerraform,
  networkSecurityGroupTerraform,
  routeTableTerraform,
  securityListTerraform,
  serviceGatewayTerraform,
  subnetTerraform,
  vcnTerraform,
} from '../terraform/network';

const portsField = {
  kind: 'string',
  description: text(
    'TCP ports let in, comma-separated, single or ranges (e.g. `443,8080-8081`); empty for none.',
    '受け入れる TCP ポート。カンマ区切りで単一または範囲（例: `443,8080-8081`）。空なら受け入れません。',
  ),
  default: '',
  pattern: '^$|^[0-9]{1,5}(-[0-9]{1,5})?(,[0-9]{1,5}(-[0-9]{1,5})?)*$',
  maxLength: 200,
} as const;

const sourceField = cidrField(text('Where the ingress ports are open to (a CIDR block).', 'イングレスのポートを開く接続元（CIDR ブロック）。'), '10.0.0.0/16');

/** The VCN and what sits directly in it. */
export const NETWORK_SERVICES: readonly ServiceType[] = [
  {
    type: 'vcn',
    category: 'network',
    name: text('Virtual Cloud Network (VCN)', '仮想クラウド・ネットワーク（VCN）'),
    description: text('The private network every placed component lives in.', '配置するコンポーネントが置かれるプライベート・ネットワーク。'),
    placement: 'none',
    config: {
      cidr_block: cidrField(text('The VCN address range.', 'VCN のアドレス範囲。'), '10.0.0.0/16'),
    },
    resources: ['oci_core_vcn'],
    terraform: vcnTerraform,
  },
  {
    type: 'subnet',
    category: 'network',
    name: text('Subnet', 'サブネット'),
    description: text(
      'A regional subnet of its VCN. Its route table follows the gateways of the VCN (public: internet gateway; private: NAT and service gateways) unless it is connected to a `route_table`; connected `security_list`s replace its default one.',
      'VCN のリージョナル・サブネット。`route_table` に接続しない限り、ルート表は VCN のゲートウェイに従います（パブリック: インターネット・ゲートウェイ、プライベート: NAT とサービス・ゲートウェイ）。接続した `security_list` が既定のセキュリティ・リストに代わります。',
    ),
    placement: 'vcn',
    config: {
      cidr_block: cidrField(text('The subnet address range, inside the VCN range.', 'サブネットのアドレス範囲（VCN の範囲内）。'), '10.0.1.0/24'),
      access: {
        kind: 'choice',
        description: text('`public` allows public IPs and routes to the internet gateway; `private` does not.', '`public` はパブリック IP を許可しインターネット・ゲートウェイへルーティングします。`private` は許可しません。'),
        choices: ['public', 'private'],
        default: 'private',
      },
    },
    resources: ['oci_core_subnet', 'oci_core_route_table', 'oci_core_security_list'],
    terraform: subnetTerraform,
  },
  {
    type: 'internet_gateway',
    category: 'network',
    name: text('Internet Gateway', 'インターネット・ゲートウェイ'),
    description: text('Two-way internet access for public subnets.', 'パブリック・サブネットの双方向のインターネット接続。'),
    placement: 'vcn',
    config: {},
    resources: ['oci_core_internet_gateway'],
    terraform: internetGatewayTerraform,
  },
  {
    type: 'nat_gateway',
    category: 'network',
    name: text('NAT Gateway', 'NAT ゲートウェイ'),
    description: text('Outbound-only internet access for private subnets.', 'プライベート・サブネットからのアウトバウンドのみのインターネット接続。'),
    placement: 'vcn',
    config: {
      block_traffic: {
        kind: 'boolean',
        description: text('Block all traffic through the gateway.', 'ゲートウェイを通る通信をすべて遮断します。'),
        default: false,
      },
    },
    resources: ['oci_core_nat_gateway'],
    terraform: natGatewayTerraform,
  },
  {
    type: 'service_gateway',
    category: 'network',
    name: text('Service Gateway', 'サービス・ゲートウェイ'),
    description: text('Private access to OCI services (Object Storage and the others) without the internet.', 'インターネットを経由せずに OCI サービス（Object Storage など）へ接続します。'),
    placement: 'vcn',
    config: {},
    resources: ['oci_core_service_gateway'],
    terraform: serviceGatewayTerraform,
  },
  {
    type: 'route_table',
    category: 'network',
    name: text('Route Table', 'ルート表'),
    description: text(
      'Routes to the gateways it is connected to (internet and NAT: 0.0.0.0/0; service gateway: all OCI services). Subnets connected to it use it instead of their default one.',
      '接続したゲートウェイへのルート（インターネットと NAT: 0.0.0.0/0、サービス・ゲートウェイ: すべての OCI サービス）。接続したサブネットは既定のルート表の代わりにこれを使います。',
    ),
    placement: 'vcn',
    config: {},
    resources: ['oci_core_route_table'],
    terraform: routeTableTerraform,
  },
  {
    type: 'security_list',
    category: 'network',
    name: text('Security List', 'セキュリティ・リスト'),
    description: text(
      'Stateful rules for whole subnets: all egress, ICMP path discovery, and the given TCP ports from the given source. Subnets connected to it use it instead of their default one.',
      'サブネット全体に効くステートフルなルール: すべてのエグレス、ICMP のパス MTU 検出、指定した接続元からの指定 TCP ポート。接続したサブネットは既定のセキュリティ・リストの代わりにこれを使います。',
    ),
    placement: 'vcn',
    config: {
      ingress_tcp_ports: portsField,
      ingress_source: sourceField,
    },
    resources: ['oci_core_security_list'],
    terraform: securityListTerraform,
  },
  {
    type: 'network_security_group',
    category: 'network',
    name: text('Network Security Group (NSG)', 'ネットワーク・セキュリティ・グループ（NSG）'),
    description: text(
      'Stateful rules for the components connected to it (their VNICs): all egress and the given TCP ports from the given source.',
      '接続したコンポーネント（の VNIC）に効くステートフルなルール: すべてのエグレスと、指定した接続元からの指定 TCP ポート。',
    ),
    placement: 'vcn',
    config: {
      ingress_tcp_ports: portsField,
      ingress_source: sourceField,
    },
    resources: ['oci_core_network_security_group', 'oci_core_network_security_group_security_rule'],
    terraform: networkSecurityGroupTerraform,
  },
];
