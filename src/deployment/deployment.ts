import { Fn, Op, TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { createGateway } from './gateway';
import { createHomeRegion } from './home-region';
import { createIdentity } from './identity';
import { createNetwork } from './network';
import { GalleyOciProviderProps, createOciProvider } from './oci-provider';
import { OCI_PROVIDER_SOURCE, OCI_PROVIDER_VERSION_CONSTRAINT } from './oci-provider-version';
import { DEFAULT_AVAILABILITY_DOMAIN_INDEX, GalleyDeploymentProps, resolveProps } from './props';
import { createRuntime } from './runtime';
import { createStackIdentity } from './stack-identity';
import { createStorage, createVersionLifecycle } from './storage';
import { validatePermissions, validateProps } from './validate-props';
import { DataOciIdentityAvailabilityDomains } from '../generated/oci/data-oci-identity-availability-domains';

/**
 * Everything Galley needs on OCI: a VCN with a public and a private subnet, an
 * API Gateway that serves `https://<host>/<token>/mcp` (and the legacy SSE
 * routes), the Galley server on a Container Instance in the private subnet, a
 * private versioned bucket for sessions, and a dynamic group with
 * least-privilege policies.
 *
 * Every inner resource is a public property (the escape hatch for
 * `addOverride`); the results are plain properties.
 */
export class GalleyDeployment extends Construct {
  /**
   * An `oracle/oci` provider for the stack, from the bindings this package
   * carries, so an app needs no `cdktf get` of its own. Pass it as `provider`,
   * or let resources use it as the stack's default.
   */
  public static createOciProvider(scope: Construct, id: string, props: GalleyOciProviderProps): TerraformProvider {
    return createOciProvider(scope, id, props);
  }

  /** The full MCP endpoint, `https://<gateway-host>/<token>/mcp`. Sensitive: it holds the token. */
  public readonly endpointUrl: string;
  /** The API Gateway's public hostname. */
  public readonly gatewayHostname: string;
  /** The sessions bucket's name. */
  public readonly bucketName: string;
  /** The Object Storage namespace of the bucket. */
  public readonly bucketNamespace: string;
  /** The Container Instance's OCID. */
  public readonly containerInstanceId: string;
  /** The dynamic group's name (tenancy-wide, with this stack's suffix). */
  public readonly dynamicGroupName: string;

  public readonly vcn: TerraformResource;
  /** Managed with no rules, so OCI's default (SSH from anywhere) never applies. */
  public readonly defaultSecurityList: TerraformResource;
  public readonly internetGateway: TerraformResource;
  public readonly natGateway: TerraformResource;
  public readonly serviceGateway: TerraformResource;
  public readonly publicRouteTable: TerraformResource;
  public readonly privateRouteTable: TerraformResource;
  public readonly publicSecurityList: TerraformResource;
  public readonly privateSecurityList: TerraformResource;
  public readonly publicSubnet: TerraformResource;
  public readonly privateSubnet: TerraformResource;
  public readonly apiGateway: TerraformResource;
  public readonly apiDeployment: TerraformResource;
  public readonly containerInstance: TerraformResource;
  public readonly bucket: TerraformResource;
  /** Deletes previous versions of session objects after `previousVersionRetentionDays`. */
  public readonly bucketLifecyclePolicy: TerraformResource;
  public readonly dynamicGroup: TerraformResource;
  /** Bucket and image access. */
  public readonly storagePolicy: TerraformResource;
  /** What the tools may do in the work compartment. */
  public readonly workPolicy: TerraformResource;
  /** Lets the Object Storage service apply the bucket's lifecycle rule. */
  public readonly objectStorageServicePolicy: TerraformResource;
  /**
   * The provider of the identity resources: `homeRegionProvider` when given,
   * otherwise one this construct configures for the tenancy's home region.
   */
  public readonly homeRegionProvider: TerraformProvider;
  /** Names the home region (`is_home_region`); absent when `homeRegionProvider` was given. */
  public readonly homeRegionSubscriptions?: TerraformDataSource;
  /** The `terraform_data` that holds the URL token. */
  public readonly urlTokenData: TerraformResource;
  /** The `terraform_data` that holds the per-stack name suffix. */
  public readonly nameSuffixData: TerraformResource;
  public readonly availabilityDomains: TerraformDataSource;

  private readonly addWorkPermissions: (permissions: readonly string[]) => void;

  constructor(scope: Construct, id: string, props: GalleyDeploymentProps) {
    super(scope, id);
    const resolved = resolveProps(props);
    validateProps(this, resolved);
    // cdktf writes required_providers only for provider blocks; a stack that
    // relies on the default `oci` configuration must still ask for oracle/oci,
    // or Terraform would look for hashicorp/oci.
    TerraformStack.of(this).addOverride('terraform.required_providers.oci', {
      source: OCI_PROVIDER_SOURCE,
      version: OCI_PROVIDER_VERSION_CONSTRAINT,
    });

    const stack = createStackIdentity(this);
    this.urlTokenData = stack.urlTokenData;
    this.nameSuffixData = stack.suffixData;

    // The availability domains also name the tenancy (their compartment), so
    // the dynamic group and the home region need no extra input.
    const ads = new DataOciIdentityAvailabilityDomains(this, 'availability-domains', {
      provider: resolved.provider,
      compartmentId: resolved.compartmentId,
    });
    this.availabilityDomains = ads;
    const tenancyId = ads.availabilityDomains.get(0).compartmentId;

    const network = createNetwork(this, resolved);
    this.vcn = network.vcn;
    this.defaultSecurityList = network.defaultSecurityList;
    this.internetGateway = network.internetGateway;
    this.natGateway = network.natGateway;
    this.serviceGateway = network.serviceGateway;
    this.publicRouteTable = network.publicRouteTable;
    this.privateRouteTable = network.privateRouteTable;
    this.publicSecurityList = network.publicSecurityList;
    this.privateSecurityList = network.privateSecurityList;
    this.publicSubnet = network.publicSubnet;
    this.privateSubnet = network.privateSubnet;

    const storage = createStorage(this, resolved, stack.suffix);
    this.bucket = storage.bucket;
    this.bucketName = storage.bucket.name;
    this.bucketNamespace = storage.bucket.namespace;

    const index = resolved.availabilityDomainIndex ?? DEFAULT_AVAILABILITY_DOMAIN_INDEX;
    const container = createRuntime(this, resolved, {
      availabilityDomain: resolved.availabilityDomain ?? ads.availabilityDomains.get(index).name,
      availabilityDomainCheck: resolved.availabilityDomain === undefined && index !== 0 ? {
        condition: Op.gt(Fn.lengthOf(ads.getListAttribute('availability_domains')), index),
        errorMessage: `\`availabilityDomainIndex\` is ${index}, but the region has fewer availability domains: pick a smaller index.`,
      } : undefined,
      subnetId: network.privateSubnet.id,
      urlToken: stack.urlToken,
      bucketName: storage.bucket.name,
      namespace: storage.bucket.namespace,
    });
    this.containerInstance = container;
    this.containerInstanceId = container.id;

    const home = createHomeRegion(this, resolved, tenancyId);
    this.homeRegionProvider = home.provider;
    this.homeRegionSubscriptions = home.regionSubscriptions;
    const identity = createIdentity(this, resolved, {
      tenancyId,
      containerInstanceId: container.id,
      bucketName: storage.bucket.name,
      suffix: stack.suffix,
      provider: home.provider,
    });
    this.dynamicGroup = identity.dynamicGroup;
    this.dynamicGroupName = identity.dynamicGroup.name;
    this.storagePolicy = identity.storagePolicy;
    this.workPolicy = identity.workPolicy;
    this.objectStorageServicePolicy = identity.objectStorageServicePolicy;
    this.addWorkPermissions = identity.addWorkPermissions;
    this.bucketLifecyclePolicy = createVersionLifecycle(this, resolved, storage.bucket, [identity.objectStorageServicePolicy]);

    const gateway = createGateway(this, resolved, {
      subnetId: network.publicSubnet.id,
      containerIp: container.vnics.get(0).privateIp,
      urlToken: stack.urlToken,
    });
    this.apiGateway = gateway.gateway;
    this.apiDeployment = gateway.deployment;
    this.gatewayHostname = gateway.gateway.hostname;
    this.endpointUrl = `https://${gateway.gateway.hostname}/${stack.urlToken}/mcp`;
  }

  /**
   * Lets Galley's tools do more in the work compartment, e.g.
   * `grantWorkCompartmentAccess('manage object-family')`. Each permission is
   * `<verb> <resource-type>` and is scoped to the work compartment, added to
   * `workCompartmentPermissions` (or its default).
   */
  public grantWorkCompartmentAccess(...permissions: string[]): void {
    validatePermissions(this, permissions);
    this.addWorkPermissions(permissions);
  }
}
