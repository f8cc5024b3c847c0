import type { Component } from '../architecture';
import type { TerraformContext, TerraformFragment } from '../catalog-types';
import { alphanumericName, COMPARTMENT, FILES, fragment, ref, setting, subnetOf } from './common';
import { block, resource } from '../export/hcl';

/** A vault and its AES-256 master key; the key is created through the vault's own management endpoint. */
export function vaultTerraform(vault: Component): readonly TerraformFragment[] {
  return [
    fragment(FILES.security, [
      resource('oci_kms_vault', vault.id, {
        compartment_id: COMPARTMENT,
        display_name: vault.name,
        vault_type: setting<string>(vault, 'vault_type'),
      }),
      resource('oci_kms_key', vault.id, {
        compartment_id: COMPARTMENT,
        display_name: `${vault.name} master key`,
        management_endpoint: ref(`oci_kms_vault.${vault.id}`, 'management_endpoint'),
        protection_mode: setting<string>(vault, 'protection_mode'),
        key_shape: block({ algorithm: 'AES', length: 32 }),
      }),
    ]),
  ];
}

export function bastionTerraform(bastion: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(bastion, context);
  return [
    fragment(FILES.security, [
      resource('oci_bastion_bastion', bastion.id, {
        compartment_id: COMPARTMENT,
        bastion_type: 'STANDARD',
        // Bastion names take letters and digits only.
        name: alphanumericName(bastion.id, 255),
        target_subnet_id: ref(context.address(subnet.id)),
        client_cidr_block_allow_list: [setting<string>(bastion, 'client_cidr_block')],
        max_session_ttl_in_seconds: setting<number>(bastion, 'max_session_ttl_in_seconds'),
      }),
    ]),
  ];
}
