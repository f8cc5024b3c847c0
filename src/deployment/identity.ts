import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedProps } from './props';
import { IdentityDynamicGroup } from '../generated/oci/identity-dynamic-group';
import { IdentityPolicy } from '../generated/oci/identity-policy';

/** Hosts of Oracle Cloud Infrastructure Registry: `<key>.ocir.io` and `ocir.<region>.oci.oraclecloud.com`. */
const OCIR_REPOSITORY = /^([a-z0-9-]+\.ocir\.io|ocir\.[a-z0-9-]+\.oci\.oraclecloud\.com)\//;

/** The object operations the session store performs; no delete, no bucket changes. */
const OBJECT_PERMISSIONS = ['OBJECT_INSPECT', 'OBJECT_READ', 'OBJECT_CREATE', 'OBJECT_OVERWRITE'];

export function isOcirRepository(repository: string): boolean {
  return OCIR_REPOSITORY.test(repository);
}

export interface IdentityInputs {
  readonly tenancyId: string;
  readonly containerInstanceId: string;
  readonly bucketName: string;
  readonly suffix: string;
}

export interface GalleyIdentity {
  readonly dynamicGroup: IdentityDynamicGroup;
  readonly storagePolicy: IdentityPolicy;
  readonly workPolicy: IdentityPolicy;
  /** The work-compartment grants, read when the stack is synthesized. */
  readonly workPermissions: string[];
}

/**
 * A dynamic group that matches exactly this Container Instance, and policies
 * that let it use this bucket, pull its image from OCIR, and do what the work
 * compartment grants allow there. Nothing tenancy-wide.
 */
export function createIdentity(scope: Construct, props: ResolvedProps, inputs: IdentityInputs): GalleyIdentity {
  const { provider, namePrefix } = props;
  const groupName = `${namePrefix}-${inputs.suffix}`;
  const dynamicGroup = new IdentityDynamicGroup(scope, 'dynamic-group', {
    provider,
    // Dynamic groups live in the tenancy; the suffix lets two stacks share one.
    compartmentId: inputs.tenancyId,
    name: groupName,
    description: 'The Galley MCP server container instance',
    matchingRule: `ALL {resource.type = 'computecontainerinstance', resource.id = '${inputs.containerInstanceId}'}`,
  });
  const subject = `Allow dynamic-group ${dynamicGroup.name} to`;
  const inCompartment = `in compartment id ${props.compartmentId}`;
  const thisBucket = `target.bucket.name = '${inputs.bucketName}'`;
  const objectPermissions = OBJECT_PERMISSIONS.map((p) => `request.permission = '${p}'`).join(', ');

  const storageStatements = [
    `${subject} read buckets ${inCompartment} where ${thisBucket}`,
    `${subject} manage objects ${inCompartment} where all {${thisBucket}, any {${objectPermissions}}}`,
  ];
  if (isOcirRepository(props.imageRepository)) {
    storageStatements.push(`${subject} read repos ${inCompartment}`);
  }
  const storagePolicy = new IdentityPolicy(scope, 'storage-policy', {
    provider,
    compartmentId: props.compartmentId,
    name: `${namePrefix}-runtime-${inputs.suffix}`,
    description: 'Galley: its sessions bucket and its image',
    statements: storageStatements,
  });

  const workPermissions = [...props.workCompartmentPermissions];
  const workPolicy = new IdentityPolicy(scope, 'work-policy', {
    provider,
    compartmentId: props.workCompartmentId,
    name: `${namePrefix}-work-${inputs.suffix}`,
    description: 'Galley: what its tools may do in the work compartment',
    statements: Lazy.listValue({
      produce: () => workPermissions.map((p) => `${subject} ${p} in compartment id ${props.workCompartmentId}`),
    }),
  });
  return { dynamicGroup, storagePolicy, workPolicy, workPermissions };
}
