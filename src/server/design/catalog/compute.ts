import type { ConfigField, ServiceType } from '../catalog-types';
import { bootVolumeField, flexShapeFields, text } from './fields';
import { computeInstanceTerraform, containerInstanceTerraform, functionsApplicationTerraform, okeClusterTerraform, okeNodePoolTerraform } from '../terraform/compute';

/** Compute: instances, OKE, Functions and Container Instances. */
export const COMPUTE_SERVICES: readonly ServiceType[] = [
  {
    type: 'compute_instance',
    category: 'compute',
    name: text('Compute Instance', 'コンピュート・インスタンス'),
    description: text(
      'Virtual machines from the latest Oracle Linux image for the shape, in a subnet; a public subnet gives them public IPs.',
      'シェイプに合う最新の Oracle Linux イメージの仮想マシン。サブネットに配置し、パブリック・サブネットではパブリック IP を持ちます。',
    ),
    placement: 'subnet',
    config: {
      ...flexShapeFields('VM.Standard.E5.Flex', { ocpus: 1, memory: 16 }),
      instance_count: {
        kind: 'integer',
        description: text('How many identical instances, spread over the availability domains.', '同じ構成のインスタンスの台数。可用性ドメインに分散します。'),
        default: 1,
        min: 1,
        max: 50,
      },
      operating_system_version: {
        kind: 'string',
        description: text('The Oracle Linux major version of the image.', 'イメージの Oracle Linux のメジャー・バージョン。'),
        default: '9',
        pattern: '^[0-9]{1,2}(\\.[0-9]{1,2})?$',
      },
      boot_volume_size_in_gbs: bootVolumeField,
    },
    resources: ['oci_core_instance'],
    terraform: computeInstanceTerraform,
  },
  {
    type: 'oke_cluster',
    category: 'compute',
    name: text('Container Engine for Kubernetes (OKE) cluster', 'Container Engine for Kubernetes（OKE）クラスタ'),
    description: text(
      'A Kubernetes control plane whose API endpoint sits in its subnet. Node pools connect to it.',
      'Kubernetes のコントロール・プレーン。API エンドポイントは配置したサブネットに置かれます。ノード・プールはここに接続します。',
    ),
    placement: 'subnet',
    config: {
      kubernetes_version: {
        kind: 'string',
        description: text('The Kubernetes version, e.g. `v1.33.1`, or `latest` for the newest OKE offers in the region.', 'Kubernetes のバージョン（例: `v1.33.1`）。`latest` ならリージョンで提供される最新。'),
        default: 'latest',
        pattern: '^(latest|v1\\.[0-9]{1,2}\\.[0-9]{1,2})$',
      },
      endpoint_access: {
        kind: 'choice',
        description: text('Whether the Kubernetes API endpoint has a public IP (needs a public subnet).', 'Kubernetes API エンドポイントにパブリック IP を付けるか（パブリック・サブネットが必要）。'),
        choices: ['public', 'private'],
        default: 'private',
      },
      cluster_type: {
        kind: 'choice',
        description: text('`basic` or `enhanced` (add-ons, virtual nodes, SLA; billed per cluster).', '`basic` または `enhanced`（アドオン、仮想ノード、SLA。クラスタ単位で課金）。'),
        choices: ['basic', 'enhanced'],
        default: 'enhanced',
      },
    },
    resources: ['oci_containerengine_cluster'],
    terraform: okeClusterTerraform,
  },
  {
    type: 'oke_node_pool',
    category: 'compute',
    name: text('OKE node pool', 'OKE ノード・プール'),
    description: text(
      'Worker nodes of an OKE cluster, in its subnet, spread over the availability domains. Requires a connection to its `oke_cluster`.',
      'OKE クラスタのワーカー・ノード。配置したサブネットに置かれ、可用性ドメインに分散します。`oke_cluster` への接続が必要です。',
    ),
    placement: 'subnet',
    config: {
      ...flexShapeFields('VM.Standard.E5.Flex', { ocpus: 2, memory: 32 }),
      node_count: {
        kind: 'integer',
        description: text('How many worker nodes.', 'ワーカー・ノードの数。'),
        default: 3,
        min: 1,
        max: 1000,
      },
      boot_volume_size_in_gbs: bootVolumeField,
    },
    requires: [{ via: 'connection', types: ['oke_cluster'] }],
    resources: ['oci_containerengine_node_pool'],
    terraform: okeNodePoolTerraform,
  },
  {
    type: 'functions_application',
    category: 'compute',
    name: text('OCI Functions application', 'OCI Functions アプリケーション'),
    description: text('A serverless Functions application whose functions run in its subnet.', 'サーバーレスの Functions アプリケーション。ファンクションは配置したサブネットで動きます。'),
    placement: 'subnet',
    config: {
      shape: {
        kind: 'choice',
        description: text('The processor architecture functions run on.', 'ファンクションが動くプロセッサ・アーキテクチャ。'),
        choices: ['GENERIC_X86', 'GENERIC_ARM', 'GENERIC_X86_ARM'],
        default: 'GENERIC_X86',
      },
    },
    resources: ['oci_functions_application'],
    terraform: functionsApplicationTerraform,
  },
  {
    type: 'container_instance',
    category: 'compute',
    name: text('Container Instance', 'コンテナ・インスタンス'),
    description: text('Serverless containers from a public image, in a subnet.', 'パブリック・イメージから起動するサーバーレスのコンテナ。サブネットに配置します。'),
    placement: 'subnet',
    config: {
      ...flexShapeFields('CI.Standard.E4.Flex', { ocpus: 1, memory: 8 }),
      // Container instances run only on their own CI.*.Flex shapes, not on VM shapes.
      shape: {
        ...flexShapeFields('CI.Standard.E4.Flex', { ocpus: 1, memory: 8 }).shape,
        description: text('The container instance shape, a `CI.*.Flex` shape (e.g. CI.Standard.E4.Flex, CI.Standard.A1.Flex).', 'コンテナ・インスタンスのシェイプ。`CI.*.Flex` シェイプです（例: CI.Standard.E4.Flex、CI.Standard.A1.Flex）。'),
        pattern: '^CI(\\.[A-Za-z0-9]+)+\\.Flex$',
      } as ConfigField,
      image_url: {
        kind: 'string',
        description: text('The container image, e.g. `docker.io/library/nginx:stable`.', 'コンテナ・イメージ（例: `docker.io/library/nginx:stable`）。'),
        default: 'docker.io/library/nginx:stable',
        pattern: '^[a-z0-9][a-z0-9._/:@-]*$',
        maxLength: 255,
      },
      container_restart_policy: {
        kind: 'choice',
        description: text('When a stopped container starts again.', '停止したコンテナを再起動する条件。'),
        choices: ['ALWAYS', 'NEVER', 'ON_FAILURE'],
        default: 'ALWAYS',
      },
    },
    resources: ['oci_container_instances_container_instance'],
    terraform: containerInstanceTerraform,
  },
];
