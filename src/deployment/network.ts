import { Construct } from 'constructs';
import type { ResolvedProps } from './props';
import { CoreDefaultSecurityList } from '../generated/oci/core-default-security-list';
import { CoreInternetGateway } from '../generated/oci/core-internet-gateway';
import { CoreNatGateway } from '../generated/oci/core-nat-gateway';
import { CoreRouteTable } from '../generated/oci/core-route-table';
import { CoreSecurityList } from '../generated/oci/core-security-list';
import { CoreServiceGateway } from '../generated/oci/core-service-gateway';
import { CoreSubnet } from '../generated/oci/core-subnet';
import { CoreVcn } from '../generated/oci/core-vcn';
import { DataOciCoreServices } from '../generated/oci/data-oci-core-services';
import { GALLEY_DEFAULT_PORT } from '../runtime-contract';

/** OCI protocol numbers as the security list API takes them. */
const TCP = '6';
const ICMP = '1';
const ALL_PROTOCOLS = 'all';
const HTTPS_PORT = 443;
const ANYWHERE = '0.0.0.0/0';

/**
 * ICMP type 3 code 4, "fragmentation needed": path-MTU discovery depends on
 * it, from anywhere, since any router on the path may send it. OCI's default
 * security list carries it; without it, long transfers (image pulls through
 * NAT, large responses) can stall.
 */
const PATH_MTU_DISCOVERY = {
  protocol: ICMP,
  source: ANYWHERE,
  sourceType: 'CIDR_BLOCK',
  description: 'Path MTU discovery (ICMP 3/4, fragmentation needed)',
  icmpOptions: { type: 3, code: 4 },
};

export interface GalleyNetwork {
  readonly vcn: CoreVcn;
  readonly defaultSecurityList: CoreDefaultSecurityList;
  readonly internetGateway: CoreInternetGateway;
  readonly natGateway: CoreNatGateway;
  readonly serviceGateway: CoreServiceGateway;
  readonly publicRouteTable: CoreRouteTable;
  readonly privateRouteTable: CoreRouteTable;
  readonly publicSecurityList: CoreSecurityList;
  readonly privateSecurityList: CoreSecurityList;
  readonly publicSubnet: CoreSubnet;
  readonly privateSubnet: CoreSubnet;
}

/**
 * The VCN: a public subnet for the API Gateway (443 in from anywhere, out only
 * to the container port) and a private subnet for the container (the container
 * port in from the public subnet only; out through NAT and the service gateway).
 */
export function createNetwork(scope: Construct, props: ResolvedProps): GalleyNetwork {
  const { compartmentId, provider, namePrefix } = props;
  const vcn = new CoreVcn(scope, 'vcn', {
    provider,
    compartmentId,
    cidrBlocks: [props.vcnCidr],
    displayName: `${namePrefix}-vcn`,
    dnsLabel: 'galley',
  });

  // Left alone, OCI's default security list lets SSH in from anywhere; managed
  // here with no rules, it allows nothing.
  const defaultSecurityList = new CoreDefaultSecurityList(scope, 'default-security-list', {
    provider,
    manageDefaultResourceId: vcn.defaultSecurityListId,
    displayName: `${namePrefix}-default-deny`,
  });

  const internetGateway = new CoreInternetGateway(scope, 'internet-gateway', {
    provider,
    compartmentId,
    vcnId: vcn.id,
    enabled: true,
    displayName: `${namePrefix}-igw`,
  });
  const natGateway = new CoreNatGateway(scope, 'nat-gateway', {
    provider,
    compartmentId,
    vcnId: vcn.id,
    displayName: `${namePrefix}-nat`,
  });
  const services = new DataOciCoreServices(scope, 'oracle-services', {
    provider,
    filter: [{ name: 'name', values: ['All .* Services In Oracle Services Network'], regex: true }],
  });
  const allServices = services.services.get(0);
  const serviceGateway = new CoreServiceGateway(scope, 'service-gateway', {
    provider,
    compartmentId,
    vcnId: vcn.id,
    services: [{ serviceId: allServices.id }],
    displayName: `${namePrefix}-sgw`,
  });

  const publicRouteTable = new CoreRouteTable(scope, 'public-route-table', {
    provider,
    compartmentId,
    vcnId: vcn.id,
    displayName: `${namePrefix}-public`,
    routeRules: [{ destination: ANYWHERE, destinationType: 'CIDR_BLOCK', networkEntityId: internetGateway.id }],
  });
  const privateRouteTable = new CoreRouteTable(scope, 'private-route-table', {
    provider,
    compartmentId,
    vcnId: vcn.id,
    displayName: `${namePrefix}-private`,
    routeRules: [
      { destination: ANYWHERE, destinationType: 'CIDR_BLOCK', networkEntityId: natGateway.id },
      { destination: allServices.cidrBlock, destinationType: 'SERVICE_CIDR_BLOCK', networkEntityId: serviceGateway.id },
    ],
  });

  const publicSecurityList = new CoreSecurityList(scope, 'public-security-list', {
    provider,
    compartmentId,
    vcnId: vcn.id,
    displayName: `${namePrefix}-public`,
    ingressSecurityRules: [{
      protocol: TCP,
      source: ANYWHERE,
      sourceType: 'CIDR_BLOCK',
      description: 'HTTPS to the API Gateway',
      tcpOptions: { min: HTTPS_PORT, max: HTTPS_PORT },
    }, PATH_MTU_DISCOVERY],
    egressSecurityRules: [{
      protocol: TCP,
      destination: props.privateSubnetCidr,
      destinationType: 'CIDR_BLOCK',
      description: 'API Gateway to the Galley container',
      tcpOptions: { min: GALLEY_DEFAULT_PORT, max: GALLEY_DEFAULT_PORT },
    }],
  });
  const privateSecurityList = new CoreSecurityList(scope, 'private-security-list', {
    provider,
    compartmentId,
    vcnId: vcn.id,
    displayName: `${namePrefix}-private`,
    ingressSecurityRules: [{
      protocol: TCP,
      source: props.publicSubnetCidr,
      sourceType: 'CIDR_BLOCK',
      description: 'The API Gateway to the Galley container',
      tcpOptions: { min: GALLEY_DEFAULT_PORT, max: GALLEY_DEFAULT_PORT },
    }, PATH_MTU_DISCOVERY],
    egressSecurityRules: [{
      protocol: ALL_PROTOCOLS,
      destination: ANYWHERE,
      destinationType: 'CIDR_BLOCK',
      description: 'Image pulls, OCI APIs and the tools, through NAT and the service gateway',
    }],
  });

  const publicSubnet = new CoreSubnet(scope, 'public-subnet', {
    provider,
    compartmentId,
    vcnId: vcn.id,
    cidrBlock: props.publicSubnetCidr,
    displayName: `${namePrefix}-public`,
    dnsLabel: 'pub',
    routeTableId: publicRouteTable.id,
    securityListIds: [publicSecurityList.id],
    prohibitPublicIpOnVnic: false,
  });
  const privateSubnet = new CoreSubnet(scope, 'private-subnet', {
    provider,
    compartmentId,
    vcnId: vcn.id,
    cidrBlock: props.privateSubnetCidr,
    displayName: `${namePrefix}-private`,
    dnsLabel: 'priv',
    routeTableId: privateRouteTable.id,
    securityListIds: [privateSecurityList.id],
    prohibitPublicIpOnVnic: true,
    prohibitInternetIngress: true,
  });

  return {
    vcn,
    defaultSecurityList,
    internetGateway,
    natGateway,
    serviceGateway,
    publicRouteTable,
    privateRouteTable,
    publicSecurityList,
    privateSecurityList,
    publicSubnet,
    privateSubnet,
  };
}
