import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedProps } from './props';
import { DataOciObjectstorageNamespace } from '../generated/oci/data-oci-objectstorage-namespace';
import { ObjectstorageBucket } from '../generated/oci/objectstorage-bucket';
import { ObjectstorageObjectLifecyclePolicy } from '../generated/oci/objectstorage-object-lifecycle-policy';

export interface GalleyStorage {
  readonly namespace: DataOciObjectstorageNamespace;
  readonly bucket: ObjectstorageBucket;
}

/**
 * The sessions bucket: private, versioned, emitting object events. Versioning
 * keeps a previous version at every save; the lifecycle rule below removes them.
 * A bucket that holds objects (or versions) cannot be deleted: `terraform
 * destroy` then fails on it, by design, until it is emptied.
 */
export function createStorage(scope: Construct, props: ResolvedProps, suffix: string): GalleyStorage {
  const namespace = new DataOciObjectstorageNamespace(scope, 'namespace', {
    provider: props.provider,
    compartmentId: props.compartmentId,
  });
  const bucket = new ObjectstorageBucket(scope, 'sessions-bucket', {
    provider: props.provider,
    compartmentId: props.compartmentId,
    namespace: namespace.namespace,
    // Bucket names are unique per namespace (tenancy): the suffix keeps stacks apart.
    name: `${props.namePrefix}-sessions-${suffix}`,
    accessType: 'NoPublicAccess',
    versioning: 'Enabled',
    objectEventsEnabled: true,
    storageTier: 'Standard',
  });
  return { namespace, bucket };
}

/**
 * Deletes previous versions of objects after `previousVersionRetentionDays`.
 * OCI refuses the rule until the Object Storage service may delete in the
 * bucket, so it waits for that policy (`dependsOn`).
 */
export function createVersionLifecycle(
  scope: Construct,
  props: ResolvedProps,
  bucket: ObjectstorageBucket,
  dependsOn: ITerraformDependable[],
): ObjectstorageObjectLifecyclePolicy {
  return new ObjectstorageObjectLifecyclePolicy(scope, 'sessions-lifecycle', {
    provider: props.provider,
    namespace: bucket.namespace,
    bucket: bucket.name,
    rules: [{
      name: 'delete-previous-session-versions',
      action: 'DELETE',
      target: 'previous-object-versions',
      timeAmount: String(props.previousVersionRetentionDays),
      timeUnit: 'DAYS',
      isEnabled: true,
    }],
    dependsOn,
  });
}
