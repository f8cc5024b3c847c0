import type { TerraformProvider } from 'cdktf';

/** Props of {@link GalleyDeployment}. Only `compartmentId` and `region` are required. */
export interface GalleyDeploymentProps {
  /**
   * OCID of the compartment that holds Galley's own infrastructure: network,
   * gateway, container instance, bucket and the bucket's policy.
   */
  readonly compartmentId: string;

  /** The OCI region identifier, e.g. `ap-tokyo-1`; the container's storage lives there. */
  readonly region: string;

  /**
   * OCID of the compartment Galley's tools may work in (the PoC compartment).
   * @default - the `compartmentId`
   */
  readonly workCompartmentId?: string;

  /**
   * What Galley may do in the work compartment: each entry is `<verb> <resource-type>`,
   * becoming `Allow dynamic-group <group> to <entry> in compartment id <work compartment>`.
   * More can be added later with `grantWorkCompartmentAccess()`.
   * @default ['read all-resources']
   */
  readonly workCompartmentPermissions?: string[];

  /**
   * The image repository, without a tag. An OCIR repository (`<key>.ocir.io/...`)
   * also grants the container `read repos` in the compartment.
   * @default 'ghcr.io/galley/galley-mcp'
   */
  readonly imageRepository?: string;

  /**
   * The image tag to run.
   * @default 'latest'
   */
  readonly imageTag?: string;

  /**
   * Prefix of every display name. Tenancy-wide names (dynamic group, policies,
   * bucket) also carry a per-stack suffix, so two stacks can share a tenancy.
   * @default 'galley'
   */
  readonly namePrefix?: string;

  /**
   * The VCN's IPv4 CIDR block (a /16 to /28).
   * @default '10.0.0.0/16'
   */
  readonly vcnCidr?: string;

  /**
   * The public subnet (API Gateway); inside the VCN, apart from the private subnet.
   * @default '10.0.0.0/24'
   */
  readonly publicSubnetCidr?: string;

  /**
   * The private subnet (Container Instance); inside the VCN, apart from the public subnet.
   * @default '10.0.1.0/24'
   */
  readonly privateSubnetCidr?: string;

  /**
   * The Container Instance shape.
   * @default 'CI.Standard.E4.Flex'
   */
  readonly shape?: string;

  /**
   * OCPUs of the Container Instance, 1 to 64.
   * @default 1
   */
  readonly ocpus?: number;

  /**
   * Memory of the Container Instance in GB, 1 to 1024.
   * @default 4
   */
  readonly memoryInGbs?: number;

  /**
   * The availability domain of the Container Instance.
   * @default - the first availability domain of the region
   */
  readonly availabilityDomain?: string;

  /**
   * The `oracle/oci` provider every resource uses.
   * @default - the stack's default `oci` provider
   */
  readonly provider?: TerraformProvider;
}

export const DEFAULT_IMAGE_REPOSITORY = 'ghcr.io/galley/galley-mcp';
export const DEFAULT_IMAGE_TAG = 'latest';
export const DEFAULT_NAME_PREFIX = 'galley';
export const DEFAULT_VCN_CIDR = '10.0.0.0/16';
export const DEFAULT_PUBLIC_SUBNET_CIDR = '10.0.0.0/24';
export const DEFAULT_PRIVATE_SUBNET_CIDR = '10.0.1.0/24';
export const DEFAULT_SHAPE = 'CI.Standard.E4.Flex';
export const DEFAULT_OCPUS = 1;
export const DEFAULT_MEMORY_IN_GBS = 4;
export const DEFAULT_WORK_COMPARTMENT_PERMISSIONS: readonly string[] = ['read all-resources'];

/** The props with every default filled in; what the create* functions read. */
export interface ResolvedProps {
  readonly compartmentId: string;
  readonly region: string;
  readonly workCompartmentId: string;
  readonly workCompartmentPermissions: readonly string[];
  readonly imageRepository: string;
  readonly imageTag: string;
  readonly namePrefix: string;
  readonly vcnCidr: string;
  readonly publicSubnetCidr: string;
  readonly privateSubnetCidr: string;
  readonly shape: string;
  readonly ocpus: number;
  readonly memoryInGbs: number;
  readonly availabilityDomain?: string;
  readonly provider?: TerraformProvider;
}

export function resolveProps(props: GalleyDeploymentProps): ResolvedProps {
  return {
    compartmentId: props.compartmentId,
    region: props.region,
    workCompartmentId: props.workCompartmentId ?? props.compartmentId,
    workCompartmentPermissions: props.workCompartmentPermissions ?? DEFAULT_WORK_COMPARTMENT_PERMISSIONS,
    imageRepository: props.imageRepository ?? DEFAULT_IMAGE_REPOSITORY,
    imageTag: props.imageTag ?? DEFAULT_IMAGE_TAG,
    namePrefix: props.namePrefix ?? DEFAULT_NAME_PREFIX,
    vcnCidr: props.vcnCidr ?? DEFAULT_VCN_CIDR,
    publicSubnetCidr: props.publicSubnetCidr ?? DEFAULT_PUBLIC_SUBNET_CIDR,
    privateSubnetCidr: props.privateSubnetCidr ?? DEFAULT_PRIVATE_SUBNET_CIDR,
    shape: props.shape ?? DEFAULT_SHAPE,
    ocpus: props.ocpus ?? DEFAULT_OCPUS,
    memoryInGbs: props.memoryInGbs ?? DEFAULT_MEMORY_IN_GBS,
    availabilityDomain: props.availabilityDomain,
    provider: props.provider,
  };
}
