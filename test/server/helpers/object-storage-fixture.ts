import { ObjectStorageStandIn } from './object-storage-stand-in';
import type { OciTestCredentials } from './oci-test-credentials';
import type { ObjectStorageLocation } from '../../../src/server/storage/object-storage-session-store';

export const STAND_IN_REGION = 'ap-tokyo-1';

/** A stand-in with these buckets that accepts requests signed with these credentials. */
export function standInTrusting(credentials: OciTestCredentials, buckets: string[]): ObjectStorageStandIn {
  return new ObjectStorageStandIn({ buckets, keys: { [credentials.keyId]: credentials.publicKeyPem } });
}

/** Where a store finds `bucket` on the stand-in, signing with the credentials' config file. */
export function standInLocation(
  standIn: ObjectStorageStandIn,
  bucket: string,
  credentials: OciTestCredentials,
  overrides: Partial<ObjectStorageLocation> = {},
): ObjectStorageLocation {
  return {
    bucket,
    namespace: standIn.namespace,
    region: STAND_IN_REGION,
    endpoint: standIn.endpoint,
    auth: { kind: 'config-file', file: credentials.configFile },
    ...overrides,
  };
}

/** The environment that points a server process at `bucket` on the stand-in. */
export function standInServerEnv(standIn: ObjectStorageStandIn, bucket: string, credentials: OciTestCredentials): Record<string, string> {
  return {
    GALLEY_STORAGE: 'object-storage',
    GALLEY_BUCKET: bucket,
    GALLEY_NAMESPACE: standIn.namespace,
    GALLEY_REGION: STAND_IN_REGION,
    GALLEY_OBJECT_STORAGE_ENDPOINT: standIn.endpoint,
    OCI_CONFIG_FILE: credentials.configFile,
  };
}
