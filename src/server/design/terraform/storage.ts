import type { Component } from '../architecture';
import type { TerraformContext, TerraformFragment } from '../catalog-types';
import { bucketName, COMPARTMENT, FILES, FIRST_AD, fragment, NAMESPACE, optionalNsgIds, ref, setting, subnetOf, vcnOf } from './common';
import { block, expr, resource } from '../export/hcl';

export function objectStorageBucketTerraform(bucket: Component): readonly TerraformFragment[] {
  return [
    fragment(FILES.storage, [
      resource('oci_objectstorage_bucket', bucket.id, {
        compartment_id: COMPARTMENT,
        namespace: expr(NAMESPACE),
        name: bucketName(bucket),
        access_type: setting<string>(bucket, 'access_type'),
        storage_tier: setting<string>(bucket, 'storage_tier'),
        versioning: setting<boolean>(bucket, 'versioning') ? 'Enabled' : 'Disabled',
      }),
    ]),
  ];
}

/** A file system, a mount target in the subnet, and an export open read-write to the VCN only. */
export function fileStorageTerraform(files: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(files, context);
  const vcn = vcnOf(subnet, context);
  return [
    fragment(FILES.storage, [
      resource('oci_file_storage_file_system', files.id, {
        compartment_id: COMPARTMENT,
        availability_domain: FIRST_AD,
        display_name: files.name,
      }),
      resource('oci_file_storage_mount_target', files.id, {
        compartment_id: COMPARTMENT,
        availability_domain: FIRST_AD,
        subnet_id: ref(context.address(subnet.id)),
        display_name: `${files.name} mount target`,
        nsg_ids: optionalNsgIds(files, context),
      }),
      resource('oci_file_storage_export', files.id, {
        export_set_id: ref(`oci_file_storage_mount_target.${files.id}`, 'export_set_id'),
        file_system_id: ref(`oci_file_storage_file_system.${files.id}`),
        path: setting<string>(files, 'export_path'),
        export_options: block({ source: setting<string>(vcn, 'cidr_block'), access: 'READ_WRITE', identity_squash: 'NONE' }),
      }),
    ]),
  ];
}
