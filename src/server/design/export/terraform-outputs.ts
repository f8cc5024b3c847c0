import type { Component } from '../architecture';
import type { TerraformContext } from '../catalog-types';
import { expr, HclTopLevelBlock } from './hcl';

const output = (name: string, description: string, value: string): HclTopLevelBlock => ({
  type: 'output',
  labels: [name],
  body: { description, value: expr(value) },
});

/** What a component's deployment tells: its OCID, and the addresses people connect to. */
export function outputsOf(component: Component, context: TerraformContext): HclTopLevelBlock[] {
  const address = context.address(component.id);
  const name = component.name;
  switch (component.type) {
    case 'compute_instance':
      return [
        output(`${component.id}_ids`, `OCIDs of the instances of ${name}`, `${address}[*].id`),
        output(`${component.id}_private_ips`, `Private IPs of the instances of ${name}`, `${address}[*].private_ip`),
      ];
    case 'load_balancer':
      return [
        output(`${component.id}_id`, `OCID of ${name}`, `${address}.id`),
        output(`${component.id}_ip_address`, `IP address of ${name}`, `${address}.ip_address_details[0].ip_address`),
      ];
    case 'network_load_balancer':
      return [
        output(`${component.id}_id`, `OCID of ${name}`, `${address}.id`),
        output(`${component.id}_ip_address`, `IP address of ${name}`, `${address}.ip_addresses[0].ip_address`),
      ];
    case 'api_gateway':
      return [
        output(`${component.id}_id`, `OCID of ${name}`, `${address}.id`),
        output(`${component.id}_hostname`, `Hostname of ${name}`, `${address}.hostname`),
      ];
    default:
      return [output(`${component.id}_id`, `OCID of ${name}`, `${address}.id`)];
  }
}
