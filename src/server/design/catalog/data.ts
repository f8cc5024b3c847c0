import type { ServiceType } from '../catalog-types';
import { flexShapeFields, SHAPE_PATTERN, text } from './fields';
import { autonomousDatabaseTerraform, mysqlHeatwaveTerraform, nosqlTableTerraform, postgresqlTerraform } from '../terraform/data';

/** Databases. Each admin password is a sensitive Terraform variable, never a config value. */
export const DATA_SERVICES: readonly ServiceType[] = [
  {
    type: 'autonomous_database',
    category: 'data',
    name: text('Autonomous Database (ATP / ADW)', 'Autonomous Database（ATP / ADW）'),
    description: text(
      'Serverless Autonomous Database on ECPUs: Transaction Processing (`OLTP`) or Data Warehouse (`DW`). Placed in a subnet, it gets a private endpoint there with its own NSG (SQL*Net from the VCN); unplaced, a public endpoint with mTLS.',
      'ECPU のサーバーレス Autonomous Database: トランザクション処理（`OLTP`）またはデータ・ウェアハウス（`DW`）。サブネットに配置するとそこにプライベート・エンドポイントを持ち、専用の NSG（VCN からの SQL*Net）が付きます。配置しなければ mTLS のパブリック・エンドポイントです。',
    ),
    placement: 'optional_subnet',
    config: {
      workload: {
        kind: 'choice',
        description: text('`OLTP` for Autonomous Transaction Processing (ATP), `DW` for Autonomous Data Warehouse (ADW).', '`OLTP` は Autonomous Transaction Processing（ATP）、`DW` は Autonomous Data Warehouse（ADW）。'),
        choices: ['OLTP', 'DW'],
        default: 'OLTP',
      },
      compute_count: {
        // OCI takes whole ECPUs for an ECPU-model ADB.
        kind: 'integer',
        description: text('ECPUs (a whole number).', 'ECPU 数（整数）。'),
        default: 2,
        min: 2,
        max: 512,
      },
      data_storage_size_in_gbs: {
        kind: 'integer',
        description: text('Data storage in GB (`DW` rounds it up to whole TB).', 'データ・ストレージ（GB。`DW` では TB 単位に切り上げ）。'),
        default: 1024,
        min: 20,
        max: 393216,
      },
      is_auto_scaling_enabled: {
        kind: 'boolean',
        description: text('Let ECPUs scale up to three times the base automatically.', 'ECPU をベースの 3 倍まで自動でスケールさせます。'),
        default: false,
      },
      license_model: {
        kind: 'choice',
        description: text('License included, or bring your own license.', 'ライセンス込み、または既存ライセンスの持ち込み（BYOL）。'),
        choices: ['LICENSE_INCLUDED', 'BRING_YOUR_OWN_LICENSE'],
        default: 'LICENSE_INCLUDED',
      },
    },
    resources: ['oci_database_autonomous_database', 'oci_core_network_security_group', 'oci_core_network_security_group_security_rule'],
    terraform: autonomousDatabaseTerraform,
  },
  {
    type: 'mysql_heatwave',
    category: 'data',
    name: text('MySQL HeatWave', 'MySQL HeatWave'),
    description: text('A managed MySQL DB system in a subnet, optionally highly available across availability domains.', 'サブネットに配置するマネージド MySQL DB システム。可用性ドメインをまたぐ高可用性構成も選べます。'),
    placement: 'subnet',
    config: {
      shape_name: {
        kind: 'string',
        description: text('The MySQL shape, e.g. `MySQL.2` (2 ECPUs, 16 GB).', 'MySQL のシェイプ（例: `MySQL.2` は 2 ECPU、16 GB）。'),
        default: 'MySQL.2',
        pattern: SHAPE_PATTERN,
        maxLength: 64,
      },
      data_storage_size_in_gb: {
        kind: 'integer',
        description: text('Data storage in GB.', 'データ・ストレージ（GB）。'),
        default: 50,
        min: 50,
        max: 131072,
      },
      is_highly_available: {
        kind: 'boolean',
        description: text('Three instances across availability domains (or fault domains) with automatic failover.', '可用性ドメイン（またはフォルト・ドメイン）をまたぐ 3 インスタンスと自動フェイルオーバー。'),
        default: false,
      },
    },
    resources: ['oci_mysql_mysql_db_system'],
    terraform: mysqlHeatwaveTerraform,
  },
  {
    type: 'postgresql',
    category: 'data',
    name: text('OCI Database with PostgreSQL', 'OCI Database with PostgreSQL'),
    description: text('A managed PostgreSQL DB system in a subnet, on a flex shape with regionally durable storage.', 'サブネットに配置するマネージド PostgreSQL DB システム。Flex シェイプとリージョン耐久性のあるストレージを使います。'),
    placement: 'subnet',
    config: {
      ...flexShapeFields('PostgreSQL.VM.Standard.E5.Flex', { ocpus: 2, memory: 32 }),
      instance_count: {
        kind: 'integer',
        description: text('Database instances: one primary, the rest read replicas.', 'データベース・インスタンス数。1 つがプライマリ、残りはリード・レプリカ。'),
        default: 1,
        min: 1,
        max: 4,
      },
      db_version: {
        kind: 'choice',
        description: text('The PostgreSQL major version.', 'PostgreSQL のメジャー・バージョン。'),
        choices: ['14', '15', '16'],
        default: '16',
      },
    },
    resources: ['oci_psql_db_system'],
    terraform: postgresqlTerraform,
  },
  {
    type: 'nosql_table',
    category: 'data',
    name: text('NoSQL Database table', 'NoSQL Database 表'),
    description: text('A NoSQL Database Cloud Service table with provisioned capacity, keyed by `id` with a JSON document.', 'プロビジョニングした容量の NoSQL Database Cloud Service の表。キーは `id`、値は JSON ドキュメント。'),
    placement: 'none',
    config: {
      max_read_units: {
        kind: 'integer',
        description: text('Provisioned read units.', 'プロビジョニングする読取りユニット。'),
        default: 50,
        min: 1,
        max: 40000,
      },
      max_write_units: {
        kind: 'integer',
        description: text('Provisioned write units.', 'プロビジョニングする書込みユニット。'),
        default: 50,
        min: 1,
        max: 20000,
      },
      max_storage_in_gbs: {
        kind: 'integer',
        description: text('Storage limit in GB.', 'ストレージの上限（GB）。'),
        default: 25,
        min: 1,
        max: 5000,
      },
    },
    resources: ['oci_nosql_table'],
    terraform: nosqlTableTerraform,
  },
];
