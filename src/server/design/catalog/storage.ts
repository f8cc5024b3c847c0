import type { ServiceType } from '../catalog-types';
import { text } from './fields';
import { fileStorageTerraform, objectStorageBucketTerraform } from '../terraform/storage';

/** Object and file storage. */
export const STORAGE_SERVICES: readonly ServiceType[] = [
  {
    type: 'object_storage_bucket',
    category: 'storage',
    name: text('Object Storage bucket', 'Object Storage バケット'),
    description: text('A bucket in the tenancy namespace, private unless made public.', 'テナンシのネームスペースのバケット。公開を選ばない限りプライベート。'),
    placement: 'none',
    config: {
      access_type: {
        kind: 'choice',
        description: text('Public access to the objects.', 'オブジェクトへのパブリック・アクセス。'),
        choices: ['NoPublicAccess', 'ObjectRead', 'ObjectReadWithoutList'],
        default: 'NoPublicAccess',
      },
      storage_tier: {
        kind: 'choice',
        description: text('`Standard` for frequent access, `Archive` for long-term storage.', '頻繁なアクセスには `Standard`、長期保管には `Archive`。'),
        choices: ['Standard', 'Archive'],
        default: 'Standard',
      },
      versioning: {
        kind: 'boolean',
        description: text('Keep previous versions of overwritten and deleted objects.', '上書き・削除したオブジェクトの以前のバージョンを保持します。'),
        default: false,
      },
    },
    resources: ['oci_objectstorage_bucket'],
    terraform: objectStorageBucketTerraform,
  },
  {
    type: 'file_storage',
    category: 'storage',
    name: text('File Storage', 'ファイル・ストレージ'),
    description: text('An NFS file system exported through a mount target in its subnet, open to the VCN.', 'サブネットのマウント・ターゲットからエクスポートする NFS ファイル・システム。VCN に公開します。'),
    placement: 'subnet',
    config: {
      export_path: {
        kind: 'string',
        description: text('The NFS export path, e.g. `/shared`.', 'NFS のエクスポート・パス（例: `/shared`）。'),
        default: '/shared',
        pattern: '^/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$',
        maxLength: 255,
      },
    },
    resources: ['oci_file_storage_file_system', 'oci_file_storage_mount_target', 'oci_file_storage_export'],
    terraform: fileStorageTerraform,
  },
];
