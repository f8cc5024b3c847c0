import type { Component } from '../architecture';
import type { TerraformContext, TerraformFragment } from '../catalog-types';
import { COMPARTMENT, FILES, fragment, isPublicSubnet, optionalNsgIds, ref, setting, subnetOf } from './common';
import { block, expr, HclTopLevelBlock, resource } from '../export/hcl';

/** The compute instances a load balancer is connected to: its backends. */
function backendInstances(balancer: Component, context: TerraformContext): Component[] {
  return context.targets(balancer.id).filter((t) => t.type === 'compute_instance');
}

/**
 * A flexible load balancer with an HTTP listener on port 80 and a backend set
 * holding every instance of each compute instance component it is connected to.
 */
export function loadBalancerTerraform(balancer: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(balancer, context);
  const address = `oci_load_balancer_load_balancer.${balancer.id}`;
  const backendSet = `oci_load_balancer_backend_set.${balancer.id}`;
  const port = setting<number>(balancer, 'backend_port');
  const blocks: HclTopLevelBlock[] = [
    resource('oci_load_balancer_load_balancer', balancer.id, {
      compartment_id: COMPARTMENT,
      display_name: balancer.name,
      shape: 'flexible',
      subnet_ids: [ref(context.address(subnet.id))],
      is_private: !isPublicSubnet(subnet),
      network_security_group_ids: optionalNsgIds(balancer, context),
      shape_details: block({
        minimum_bandwidth_in_mbps: setting<number>(balancer, 'min_bandwidth_mbps'),
        maximum_bandwidth_in_mbps: setting<number>(balancer, 'max_bandwidth_mbps'),
      }),
    }),
    resource('oci_load_balancer_backend_set', balancer.id, {
      load_balancer_id: ref(address),
      name: `${balancer.id}_backends`,
      policy: 'ROUND_ROBIN',
      health_checker: block({ protocol: 'HTTP', port, url_path: '/', return_code: 200 }),
    }),
    resource('oci_load_balancer_listener', balancer.id, {
      load_balancer_id: ref(address),
      name: 'http',
      default_backend_set_name: ref(backendSet, 'name'),
      port: 80,
      protocol: 'HTTP',
    }),
  ];
  for (const instance of backendInstances(balancer, context)) {
    const instances = `oci_core_instance.${instance.id}`;
    blocks.push(
      resource('oci_load_balancer_backend', `${balancer.id}_${instance.id}`, {
        count: expr(`length(${instances})`),
        load_balancer_id: ref(address),
        backendset_name: ref(backendSet, 'name'),
        ip_address: expr(`${instances}[count.index].private_ip`),
        port,
      }),
    );
  }
  return [fragment(FILES.edge, blocks)];
}

/** A network load balancer forwarding TCP on `backend_port` to the instances it is connected to. */
export function networkLoadBalancerTerraform(balancer: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(balancer, context);
  const address = `oci_network_load_balancer_network_load_balancer.${balancer.id}`;
  const backendSet = `oci_network_load_balancer_backend_set.${balancer.id}`;
  const port = setting<number>(balancer, 'backend_port');
  const blocks: HclTopLevelBlock[] = [
    resource('oci_network_load_balancer_network_load_balancer', balancer.id, {
      compartment_id: COMPARTMENT,
      display_name: balancer.name,
      subnet_id: ref(context.address(subnet.id)),
      is_private: !isPublicSubnet(subnet),
      is_preserve_source_destination: setting<boolean>(balancer, 'is_preserve_source_destination'),
      network_security_group_ids: optionalNsgIds(balancer, context),
    }),
    resource('oci_network_load_balancer_backend_set', balancer.id, {
      network_load_balancer_id: ref(address),
      name: `${balancer.id}_backends`,
      policy: 'FIVE_TUPLE',
      health_checker: block({ protocol: 'TCP', port }),
    }),
    resource('oci_network_load_balancer_listener', balancer.id, {
      network_load_balancer_id: ref(address),
      name: 'tcp',
      default_backend_set_name: ref(backendSet, 'name'),
      port,
      protocol: 'TCP',
    }),
  ];
  for (const instance of backendInstances(balancer, context)) {
    const instances = `oci_core_instance.${instance.id}`;
    blocks.push(
      resource('oci_network_load_balancer_backend', `${balancer.id}_${instance.id}`, {
        count: expr(`length(${instances})`),
        network_load_balancer_id: ref(address),
        backend_set_name: ref(backendSet, 'name'),
        target_id: expr(`${instances}[count.index].id`),
        port,
      }),
    );
  }
  return [fragment(FILES.edge, blocks)];
}

/** A public gateway in a public subnet, a private one otherwise (a public gateway in a private subnet fails to create). */
export function apiGatewayTerraform(gateway: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(gateway, context);
  return [
    fragment(FILES.edge, [
      resource('oci_apigateway_gateway', gateway.id, {
        compartment_id: COMPARTMENT,
        display_name: gateway.name,
        endpoint_type: isPublicSubnet(subnet) ? 'PUBLIC' : 'PRIVATE',
        subnet_id: ref(context.address(subnet.id)),
        network_security_group_ids: optionalNsgIds(gateway, context),
      }),
    ]),
  ];
}
