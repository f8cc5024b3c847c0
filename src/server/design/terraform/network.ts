import type { Component } from '../architecture';
import type { TerraformContext, TerraformFragment } from '../catalog-types';
import { ALL_SERVICES, COMPARTMENT, dnsLabel, FILES, fragment, isPublicSubnet, ref, setting, vcnOf } from './common';
import { block, expr, HclBlock, HclBody, HclTopLevelBlock, resource } from '../export/hcl';

const ANYWHERE = '0.0.0.0/0';

/** Who may place a public listener in a subnet, and on which TCP ports. */
const PUBLIC_PORTS: Readonly<Record<string, readonly number[]>> = {
  load_balancer: [80, 443],
  api_gateway: [443],
};

export function vcnTerraform(vcn: Component, context: TerraformContext): readonly TerraformFragment[] {
  return [
    fragment(FILES.network, [
      resource('oci_core_vcn', vcn.id, {
        compartment_id: COMPARTMENT,
        display_name: vcn.name,
        cidr_blocks: [setting<string>(vcn, 'cidr_block')],
        dns_label: dnsLabel(vcn.id, context.ofType('vcn').map((c) => c.id)),
      }),
    ]),
  ];
}

/**
 * A subnet, with a route table and a security list of its own unless it is
 * connected to a `route_table` / `security_list`. The default route table
 * follows the VCN: a public subnet goes out through the internet gateway; a
 * private one through the NAT gateway, and to OCI services through the service
 * gateway (a private subnet with no route there cannot even pull images).
 */
export function subnetTerraform(subnet: Component, context: TerraformContext): readonly TerraformFragment[] {
  const vcn = vcnOf(subnet, context);
  const isPublic = isPublicSubnet(subnet);
  const blocks: HclTopLevelBlock[] = [];
  const targets = context.targets(subnet.id);

  const routeTable = targets.find((t) => t.type === 'route_table');
  let routeTableId = routeTable ? ref(context.address(routeTable.id)) : undefined;
  if (!routeTable) {
    const gateways = context.children(vcn.id).filter((c) => (isPublic ? c.type === 'internet_gateway' : c.type === 'nat_gateway' || c.type === 'service_gateway'));
    blocks.push(routeTableResource(subnet.id, `${subnet.name} routes`, vcn, gateways, context));
    routeTableId = ref(`oci_core_route_table.${subnet.id}`);
  }

  const securityLists = targets.filter((t) => t.type === 'security_list');
  let securityListIds = securityLists.map((list) => ref(context.address(list.id)));
  if (securityLists.length === 0) {
    const ports = isPublic ? publicPorts(subnet, context) : [];
    blocks.push(
      securityListResource(subnet.id, `${subnet.name} security list`, context.address(vcn.id), [
        ...ingressAllFrom(setting<string>(vcn, 'cidr_block')),
        ...ports.map((port) => tcpIngress(ANYWHERE, port, port)),
      ]),
    );
    securityListIds = [ref(`oci_core_security_list.${subnet.id}`)];
  }

  blocks.push(
    resource('oci_core_subnet', subnet.id, {
      compartment_id: COMPARTMENT,
      vcn_id: ref(context.address(vcn.id)),
      display_name: subnet.name,
      cidr_block: setting<string>(subnet, 'cidr_block'),
      dns_label: dnsLabel(
        subnet.id,
        context.children(vcn.id).filter((c) => c.type === 'subnet').map((c) => c.id),
      ),
      prohibit_public_ip_on_vnic: !isPublic,
      route_table_id: routeTableId,
      security_list_ids: securityListIds,
    }),
  );
  return [fragment(FILES.network, blocks)];
}

export function internetGatewayTerraform(gateway: Component, context: TerraformContext): readonly TerraformFragment[] {
  return [gatewayFragment('oci_core_internet_gateway', gateway, context, { enabled: true })];
}

export function natGatewayTerraform(gateway: Component, context: TerraformContext): readonly TerraformFragment[] {
  return [gatewayFragment('oci_core_nat_gateway', gateway, context, { block_traffic: setting<boolean>(gateway, 'block_traffic') })];
}

export function serviceGatewayTerraform(gateway: Component, context: TerraformContext): readonly TerraformFragment[] {
  return [gatewayFragment('oci_core_service_gateway', gateway, context, { services: block({ service_id: expr(`${ALL_SERVICES}.id`) }) })];
}

/** A route table routing to the gateways it is connected to. */
export function routeTableTerraform(table: Component, context: TerraformContext): readonly TerraformFragment[] {
  const gateways = context.targets(table.id).filter((t) => GATEWAY_ROUTES[t.type] !== undefined);
  return [fragment(FILES.network, [routeTableResource(table.id, table.name, vcnOf(table, context), gateways, context)])];
}

export function securityListTerraform(list: Component, context: TerraformContext): readonly TerraformFragment[] {
  const source = setting<string>(list, 'ingress_source');
  const rules = [pathMtuDiscovery(), ...parsePorts(setting<string>(list, 'ingress_tcp_ports')).map(([min, max]) => tcpIngress(source, min, max))];
  return [fragment(FILES.network, [securityListResource(list.id, list.name, context.address(vcnOf(list, context).id), rules)])];
}

/** An NSG with its rules as separate resources (the provider has no inline rules for NSGs). */
export function networkSecurityGroupTerraform(nsg: Component, context: TerraformContext): readonly TerraformFragment[] {
  const source = setting<string>(nsg, 'ingress_source');
  const address = `oci_core_network_security_group.${nsg.id}`;
  const blocks: HclTopLevelBlock[] = [
    resource('oci_core_network_security_group', nsg.id, {
      compartment_id: COMPARTMENT,
      vcn_id: ref(context.address(vcnOf(nsg, context).id)),
      display_name: nsg.name,
    }),
    resource('oci_core_network_security_group_security_rule', `${nsg.id}_egress`, {
      network_security_group_id: ref(address),
      direction: 'EGRESS',
      protocol: 'all',
      destination: ANYWHERE,
      destination_type: 'CIDR_BLOCK',
    }),
  ];
  for (const [min, max] of parsePorts(setting<string>(nsg, 'ingress_tcp_ports'))) {
    blocks.push(nsgTcpIngressRule(`${nsg.id}_ingress_${min}${max === min ? '' : `_${max}`}`, address, source, min, max));
  }
  return [fragment(FILES.network, blocks)];
}

/** An NSG ingress rule for TCP ports `min`–`max` from `source`. */
export function nsgTcpIngressRule(name: string, nsgAddress: string, source: string, min: number, max: number): HclTopLevelBlock {
  return resource('oci_core_network_security_group_security_rule', name, {
    network_security_group_id: ref(nsgAddress),
    direction: 'INGRESS',
    protocol: '6',
    source,
    source_type: 'CIDR_BLOCK',
    tcp_options: block({ destination_port_range: block({ min, max }) }),
  });
}

/** `443,8080-8081` as port ranges; the catalog's pattern has checked the form. */
export function parsePorts(ports: string): Array<[number, number]> {
  if (ports.trim() === '') return [];
  return ports.split(',').map((part) => {
    const [min, max = min] = part.split('-').map(Number);
    return [min, max];
  });
}

const GATEWAY_ROUTES: Readonly<Record<string, (address: string) => HclBody>> = {
  internet_gateway: (address) => ({ network_entity_id: ref(address), destination: ANYWHERE, destination_type: 'CIDR_BLOCK' }),
  nat_gateway: (address) => ({ network_entity_id: ref(address), destination: ANYWHERE, destination_type: 'CIDR_BLOCK' }),
  service_gateway: (address) => ({
    network_entity_id: ref(address),
    destination: expr(`${ALL_SERVICES}.cidr_block`),
    destination_type: 'SERVICE_CIDR_BLOCK',
  }),
};

function routeTableResource(
  name: string,
  displayName: string,
  vcn: Component,
  gateways: readonly Component[],
  context: TerraformContext,
): HclTopLevelBlock {
  const rules: HclBlock[] = gateways.map((gateway) => block(GATEWAY_ROUTES[gateway.type](context.address(gateway.id))));
  return resource('oci_core_route_table', name, {
    compartment_id: COMPARTMENT,
    vcn_id: ref(context.address(vcn.id)),
    display_name: displayName,
    route_rules: rules.length > 0 ? rules : undefined,
  });
}

function securityListResource(name: string, displayName: string, vcnAddress: string, ingress: readonly HclBlock[]): HclTopLevelBlock {
  return resource('oci_core_security_list', name, {
    compartment_id: COMPARTMENT,
    vcn_id: ref(vcnAddress),
    display_name: displayName,
    egress_security_rules: block({ destination: ANYWHERE, protocol: 'all' }),
    ingress_security_rules: ingress.length > 0 ? ingress : undefined,
  });
}

/** Everything from inside the VCN, and the ICMP that path MTU discovery needs from anywhere. */
function ingressAllFrom(cidr: string): HclBlock[] {
  return [block({ source: cidr, protocol: 'all' }), pathMtuDiscovery()];
}

function pathMtuDiscovery(): HclBlock {
  return block({ source: ANYWHERE, protocol: '1', icmp_options: block({ type: 3, code: 4 }) });
}

function tcpIngress(source: string, min: number, max: number): HclBlock {
  return block({ source, protocol: '6', tcp_options: block({ min, max }) });
}

/** The TCP ports the public listeners in a subnet need open to the internet. */
function publicPorts(subnet: Component, context: TerraformContext): number[] {
  const ports = new Set<number>();
  for (const child of context.children(subnet.id)) {
    for (const port of PUBLIC_PORTS[child.type] ?? []) ports.add(port);
    if (child.type === 'network_load_balancer') ports.add(setting<number>(child, 'backend_port'));
    if (child.type === 'oke_cluster' && child.config.endpoint_access === 'public') ports.add(6443);
  }
  return [...ports].sort((a, b) => a - b);
}

function gatewayFragment(type: string, gateway: Component, context: TerraformContext, extra: HclBody): TerraformFragment {
  return fragment(FILES.network, [
    resource(type, gateway.id, {
      compartment_id: COMPARTMENT,
      vcn_id: ref(context.address(vcnOf(gateway, context).id)),
      display_name: gateway.name,
      ...extra,
    }),
  ]);
}
