import type { ServiceType } from '../catalog-types';
import { cidrField, text } from './fields';
import { bastionTerraform, vaultTerraform } from '../terraform/security';

/** Keys, secrets and administrative access. */
export const SECURITY_SERVICES: readonly ServiceType[] = [
  {
    type: 'vault',
    category: 'security',
    name: text('Vault (Key Management)', 'Vault（鍵管理）'),
    description: text('A vault with one AES master encryption key, for customer-managed encryption and secrets.', 'AES のマスター暗号化鍵を 1 つ持つボールト。顧客管理の暗号化とシークレットに使います。'),
    placement: 'none',
    config: {
      vault_type: {
        kind: 'choice',
        description: text('`DEFAULT` (shared HSM partition) or `VIRTUAL_PRIVATE` (dedicated partition, billed).', '`DEFAULT`（共有 HSM パーティション）または `VIRTUAL_PRIVATE`（専用パーティション、有償）。'),
        choices: ['DEFAULT', 'VIRTUAL_PRIVATE'],
        default: 'DEFAULT',
      },
      protection_mode: {
        kind: 'choice',
        description: text('Where the master key lives: in the HSM or in software.', 'マスター鍵の保管場所: HSM またはソフトウェア。'),
        choices: ['HSM', 'SOFTWARE'],
        default: 'HSM',
      },
    },
    resources: ['oci_kms_vault', 'oci_kms_key'],
    terraform: vaultTerraform,
  },
  {
    type: 'bastion',
    category: 'security',
    name: text('Bastion', '要塞（Bastion）'),
    description: text('Time-limited SSH sessions into its (private) subnet, without public IPs.', 'パブリック IP なしで（プライベート）サブネットへ時間制限付きの SSH セッションを張ります。'),
    placement: 'subnet',
    config: {
      client_cidr_block: cidrField(text('Where sessions may come from; narrow it to the operators\' network (anywhere, the default, draws a warning).', 'セッションを許可する接続元。運用者のネットワークに絞ってください（既定のどこからでもは警告になります）。'), '0.0.0.0/0'),
      max_session_ttl_in_seconds: {
        kind: 'integer',
        description: text('The longest a session lasts, in seconds.', 'セッションの最長時間（秒）。'),
        default: 10800,
        min: 1800,
        max: 10800,
      },
    },
    resources: ['oci_bastion_bastion'],
    terraform: bastionTerraform,
  },
];
