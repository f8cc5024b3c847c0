import type { ServiceType } from '../catalog-types';
import { text } from './fields';
import { apiGatewayTerraform, loadBalancerTerraform, networkLoadBalancerTerraform } from '../terraform/edge';

const backendPort = {
  kind: 'integer',
  description: text('The port the backends (the compute instances it is connected to) listen on.', 'バックエンド（接続したコンピュート・インスタンス）が待ち受けるポート。'),
  default: 80,
  min: 1,
  max: 65535,
} as const;

/** What takes traffic in. Public or private follows from the subnet the component is placed in. */
export const EDGE_SERVICES: readonly ServiceType[] = [
  {
    type: 'load_balancer',
    category: 'edge',
    name: text('Load Balancer (flexible)', 'ロードバランサ（フレキシブル）'),
    description: text(
      'A layer-7 flexible load balancer in its subnet (public in a public subnet), with an HTTP listener forwarding to the compute instances it is connected to.',
      'サブネットに配置するレイヤー 7 のフレキシブル・ロードバランサ（パブリック・サブネットならパブリック）。HTTP リスナーが接続したコンピュート・インスタンスへ転送します。',
    ),
    placement: 'subnet',
    config: {
      min_bandwidth_mbps: {
        kind: 'integer',
        description: text('Minimum bandwidth in Mbps.', '最小帯域幅（Mbps）。'),
        default: 10,
        min: 10,
        max: 8000,
      },
      max_bandwidth_mbps: {
        kind: 'integer',
        description: text('Maximum bandwidth in Mbps.', '最大帯域幅（Mbps）。'),
        default: 100,
        min: 10,
        max: 8000,
      },
      backend_port: backendPort,
    },
    resources: ['oci_load_balancer_load_balancer', 'oci_load_balancer_backend_set', 'oci_load_balancer_listener', 'oci_load_balancer_backend'],
    terraform: loadBalancerTerraform,
  },
  {
    type: 'network_load_balancer',
    category: 'edge',
    name: text('Network Load Balancer', 'ネットワーク・ロードバランサ'),
    description: text(
      'A layer-4 network load balancer in its subnet, forwarding TCP to the compute instances it is connected to.',
      'サブネットに配置するレイヤー 4 のネットワーク・ロードバランサ。接続したコンピュート・インスタンスへ TCP を転送します。',
    ),
    placement: 'subnet',
    config: {
      backend_port: backendPort,
      is_preserve_source_destination: {
        kind: 'boolean',
        description: text('Keep the client source address on packets to the backends.', 'バックエンドへのパケットでクライアントの送信元アドレスを保持します。'),
        default: false,
      },
    },
    resources: ['oci_network_load_balancer_network_load_balancer', 'oci_network_load_balancer_backend_set', 'oci_network_load_balancer_listener', 'oci_network_load_balancer_backend'],
    terraform: networkLoadBalancerTerraform,
  },
  {
    type: 'api_gateway',
    category: 'edge',
    name: text('API Gateway', 'API ゲートウェイ'),
    description: text('A managed API gateway in its subnet; public in a public subnet, private otherwise.', 'サブネットに配置するマネージド API ゲートウェイ。パブリック・サブネットならパブリック、それ以外はプライベート。'),
    placement: 'subnet',
    config: {},
    resources: ['oci_apigateway_gateway'],
    terraform: apiGatewayTerraform,
  },
];
