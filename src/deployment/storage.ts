import { Construct } from 'constructs';
import type { ResolvedProps } from './props';
import { DataOciObjectstorageNamespace } from '../generated/oci/data-oci-objectstorage-namespace';
import { ObjectstorageBucket } from '../generated/oci/objectstorage-bucket';

export interface GalleyStorage {
  readonly namespace: DataOciObjectstorageNamespace;
  readonly bucket: ObjectstorageBucket;
}

/** The sessions bucket: private, versioned, emitting object events. */
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
