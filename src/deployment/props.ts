import type { TerraformProvider } from 'cdktf';
import { PACKAGE_VERSION } from './package-version';

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
   * Never a compartment that holds `compartmentId`: policies there reach its
   * sub-compartments. So the tenancy is refused unless `compartmentId` is the
   * tenancy too.
   * @default - the `compartmentId`
   */
  readonly workCompartmentId?: string;

  /**
   * What Galley may do in the work compartment: each entry is `<verb> <resource-type>`,
   * becoming `Allow dynamic-group <group> to <entry> in compartment id <work compartment>`
   * (`in tenancy` for a tenancy OCID). Given, it replaces the default entirely.
   * More can be added later with `grantWorkCompartmentAccess()`.
   * @default - `read all-resources` when the work compartment is `compartmentId`;
   * when it is a distinct compartment, also what the infra tools need there:
   * `manage orm-stacks`, `manage orm-jobs` and `manage` on each resource family
   * the design catalog can create (listed in the README, "Deploying to OCI")
   */
  readonly workCompartmentPermissions?: string[];

  /**
   * The image repository, without a tag. An OCIR repository (`<key>.ocir.io/...`
   * or `ocir.<region>.oci.oraclecloud.com/...`) also grants the container
   * `read repos` in the compartment, for pulls with its resource principal once
   * its dynamic group exists, i.e. after the instance was created and pulled
   * its image. So any private repository, OCIR included, needs pull credentials
   * on the container instance from the first apply (`image_pull_secrets`,
   * through `addOverride` on `containerInstance`; see the README).
   * @default 'ghcr.io/galley/galley-mcp'
   */
  readonly imageRepository?: string;

  /**
   * The image tag to run. The default is this package's own version: the
   * release of version X.Y.Z publishes the image `ghcr.io/galley/galley-mcp:X.Y.Z`.
   * @default - the version of this package
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
   * The availability domain of the Container Instance, by name
   * (e.g. `Uocm:AP-TOKYO-1-AD-1`). Give this or `availabilityDomainIndex`, not both.
   * @default - the one `availabilityDomainIndex` picks
   */
  readonly availabilityDomain?: string;

  /**
   * The availability domain of the Container Instance, as an index (0 to 2)
   * into the region's availability domains. Pick another when the first is
   * out of capacity for the shape. Regions with a single AD accept only 0; a
   * larger index fails the plan with a message that says so.
   * @default 0
   */
  readonly availabilityDomainIndex?: number;

  /**
   * Days after which Object Storage deletes a previous version of a session
   * object (every save leaves one behind). The rule needs the Object Storage
   * service's own policy in the compartment, which this construct creates.
   * @default 30
   */
  readonly previousVersionRetentionDays?: number;

  /**
   * The `oracle/oci` provider every resource except the identity resources uses.
   * @default - the stack's default `oci` provider
   */
  readonly provider?: TerraformProvider;

  /**
   * The `oracle/oci` provider for the identity resources (dynamic group and
   * policies). OCI accepts creating, changing and deleting them only in the
   * tenancy's home region, so this provider must be configured for it.
   * @default - a provider aliased `<construct id>_home_region` (for a
   * GalleyDeployment nested deeper than its stack: its path, `_home_region`
   * and 8 hex digits of its address), configured like `provider` (its auth
   * settings when it is an `oracle/oci` provider from this package; without
   * `provider`, like the stack's default `oci` provider) but for the home
   * region, which the `oci_identity_region_subscriptions` data source finds
   */
  readonly homeRegionProvider?: TerraformProvider;
}

export const DEFAULT_IMAGE_REPOSITORY = 'ghcr.io/galley/galley-mcp';
/** The package's own version: its release publishes the image under the same tag. */
export const DEFAULT_IMAGE_TAG = PACKAGE_VERSION;
export const DEFAULT_NAME_PREFIX = 'galley';
export const DEFAULT_VCN_CIDR = '10.0.0.0/16';
export const DEFAULT_PUBLIC_SUBNET_CIDR = '10.0.0.0/24';
export const DEFAULT_PRIVATE_SUBNET_CIDR = '10.0.1.0/24';
export const DEFAULT_SHAPE = 'CI.Standard.E4.Flex';
export const DEFAULT_OCPUS = 1;
export const DEFAULT_MEMORY_IN_GBS = 4;
export const DEFAULT_AVAILABILITY_DOMAIN_INDEX = 0;
export const DEFAULT_PREVIOUS_VERSION_RETENTION_DAYS = 30;

/** The props with every default filled in; what the create* functions read. */
export interface ResolvedProps {
  readonly compartmentId: string;
  readonly region: string;
  readonly workCompartmentId: string;
  /** Only when given: the default depends on whether the work compartment is distinct. */
  readonly workCompartmentPermissions?: readonly string[];
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
  /** Unresolved when not given, so giving it beside `availabilityDomain` is caught even as 0. */
  readonly availabilityDomainIndex?: number;
  readonly previousVersionRetentionDays: number;
  readonly provider?: TerraformProvider;
  readonly homeRegionProvider?: TerraformProvider;
}

export function resolveProps(props: GalleyDeploymentProps): ResolvedProps {
  return {
    compartmentId: props.compartmentId,
    region: props.region,
    workCompartmentId: props.workCompartmentId ?? props.compartmentId,
    workCompartmentPermissions: props.workCompartmentPermissions,
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
    availabilityDomainIndex: props.availabilityDomainIndex,
    previousVersionRetentionDays: props.previousVersionRetentionDays ?? DEFAULT_PREVIOUS_VERSION_RETENTION_DAYS,
    provider: props.provider,
    homeRegionProvider: props.homeRegionProvider,
  };
}
