import { GalleyError } from '../../errors';
import type { Component } from '../architecture';
import type { TerraformContext, TerraformFragment } from '../catalog-types';
import {
  AVAILABILITY_DOMAINS,
  COMPARTMENT,
  FILES,
  FIRST_AD,
  fragment,
  isArmShape,
  isFlexShape,
  isPublicSubnet,
  optionalNsgIds,
  ref,
  setting,
  subnetOf,
  vcnOf,
} from './common';
import { block, data, expr, quote, resource } from '../export/hcl';

/** Instances get the key in `var.ssh_public_key` when one is given (the exporter declares it). */
const SSH_METADATA = expr('var.ssh_public_key == "" ? {} : { ssh_authorized_keys = var.ssh_public_key }');

/**
 * Instances from the newest Oracle Linux image that fits the shape: the
 * `shape` filter of `oci_core_images` keeps x86 images from Arm shapes and
 * the reverse, and the name filter keeps GPU and minimal variants out.
 */
export function computeInstanceTerraform(instance: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(instance, context);
  const shape = setting<string>(instance, 'shape');
  const images = `data.oci_core_images.${instance.id}`;
  return [
    fragment(FILES.compute, [
      data('oci_core_images', instance.id, {
        compartment_id: COMPARTMENT,
        operating_system: 'Oracle Linux',
        operating_system_version: setting<string>(instance, 'operating_system_version'),
        shape,
        state: 'AVAILABLE',
        sort_by: 'TIMECREATED',
        sort_order: 'DESC',
        filter: block({ name: 'display_name', values: ['^Oracle-Linux-[0-9.]+-(aarch64-)?[0-9.]+-[0-9]+$'], regex: true }),
      }),
      resource('oci_core_instance', instance.id, {
        count: setting<number>(instance, 'instance_count'),
        compartment_id: COMPARTMENT,
        // Spread over the ADs: one-AD regions just get them all in the one.
        availability_domain: expr(`${AVAILABILITY_DOMAINS}[count.index % length(${AVAILABILITY_DOMAINS})].name`),
        display_name: expr(`${quote(`${instance.name}-`).slice(0, -1)}\${count.index + 1}"`),
        shape,
        shape_config: isFlexShape(shape) ? block({ ocpus: setting<number>(instance, 'ocpus'), memory_in_gbs: setting<number>(instance, 'memory_in_gbs') }) : undefined,
        source_details: block({
          source_type: 'image',
          source_id: expr(`${images}.images[0].id`),
          boot_volume_size_in_gbs: String(setting<number>(instance, 'boot_volume_size_in_gbs')),
        }),
        create_vnic_details: block({
          subnet_id: ref(context.address(subnet.id)),
          assign_public_ip: String(isPublicSubnet(subnet)),
          nsg_ids: optionalNsgIds(instance, context),
        }),
        metadata: SSH_METADATA,
      }),
    ]),
  ];
}

/**
 * The control plane. `latest` takes the newest version OKE offers in the
 * region (the list is in ascending order), so nothing region-specific is
 * hard-coded. Flannel overlay networking keeps pods off the subnet's
 * addresses and needs no pod subnet.
 */
export function okeClusterTerraform(cluster: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(cluster, context);
  const vcn = vcnOf(subnet, context);
  const version = setting<string>(cluster, 'kubernetes_version');
  const publicEndpoint = setting<string>(cluster, 'endpoint_access') === 'public';
  if (publicEndpoint && !isPublicSubnet(subnet)) {
    // OKE refuses a public IP in a private subnet only when it creates the cluster.
    throw new GalleyError('invalid_config', `\`${cluster.id}\` (oke_cluster) has a public endpoint but sits in the private subnet \`${subnet.id}\`; place it in a public subnet or make \`endpoint_access\` private`);
  }
  const options = `data.oci_containerengine_cluster_option.${cluster.id}.kubernetes_versions`;
  const blocks = [];
  if (version === 'latest') blocks.push(data('oci_containerengine_cluster_option', cluster.id, { cluster_option_id: 'all', compartment_id: COMPARTMENT }));
  blocks.push(
    resource('oci_containerengine_cluster', cluster.id, {
      compartment_id: COMPARTMENT,
      vcn_id: ref(context.address(vcn.id)),
      name: cluster.name,
      kubernetes_version: version === 'latest' ? expr(`${options}[length(${options}) - 1]`) : version,
      type: setting<string>(cluster, 'cluster_type') === 'enhanced' ? 'ENHANCED_CLUSTER' : 'BASIC_CLUSTER',
      cluster_pod_network_options: block({ cni_type: 'FLANNEL_OVERLAY' }),
      endpoint_config: block({
        subnet_id: ref(context.address(subnet.id)),
        is_public_ip_enabled: publicEndpoint,
        nsg_ids: optionalNsgIds(cluster, context),
      }),
    }),
  );
  return [fragment(FILES.compute, blocks)];
}

/**
 * Worker nodes across every AD of the region. The node image comes from the
 * cluster's own node pool options, for its Kubernetes version and the shape's
 * architecture (an x86 image on an Arm shape fails at launch, which
 * `terraform validate` cannot see); the name filter keeps GPU images out.
 */
export function okeNodePoolTerraform(pool: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(pool, context);
  const cluster = context.targets(pool.id).find((t) => t.type === 'oke_cluster');
  if (!cluster) throw new GalleyError('invalid_config', `\`${pool.id}\` (oke_node_pool) needs a connection to an oke_cluster`);
  const clusterAddress = context.address(cluster.id);
  const shape = setting<string>(pool, 'shape');
  const arm = isArmShape(shape);
  const options = `data.oci_containerengine_node_pool_option.${pool.id}`;
  // e.g. Oracle-Linux-8.10-aarch64-2025.01.31-0-OKE-1.31.1-760; the version's dots escaped for the regex.
  const imageName = `"^Oracle-Linux-[0-9.]+-${arm ? 'aarch64-' : ''}[0-9.]+-[0-9]+-OKE-\${replace(trimprefix(${clusterAddress}.kubernetes_version, "v"), ".", "\\\\.")}-"`;
  return [
    fragment(FILES.compute, [
      data('oci_containerengine_node_pool_option', pool.id, {
        node_pool_option_id: ref(clusterAddress),
        compartment_id: COMPARTMENT,
      }),
      resource('oci_containerengine_node_pool', pool.id, {
        compartment_id: COMPARTMENT,
        cluster_id: ref(clusterAddress),
        name: pool.name,
        kubernetes_version: ref(clusterAddress, 'kubernetes_version'),
        node_shape: shape,
        node_shape_config: isFlexShape(shape) ? block({ ocpus: setting<number>(pool, 'ocpus'), memory_in_gbs: setting<number>(pool, 'memory_in_gbs') }) : undefined,
        node_metadata: SSH_METADATA,
        node_source_details: block({
          source_type: 'IMAGE',
          image_id: expr(`[for source in ${options}.sources : source.image_id if length(regexall(${imageName}, source.source_name)) > 0][0]`),
          boot_volume_size_in_gbs: String(setting<number>(pool, 'boot_volume_size_in_gbs')),
        }),
        node_config_details: block({
          size: setting<number>(pool, 'node_count'),
          nsg_ids: optionalNsgIds(pool, context),
          dynamic: block(
            {
              for_each: expr(AVAILABILITY_DOMAINS),
              content: block({ availability_domain: expr('placement_configs.value.name'), subnet_id: ref(context.address(subnet.id)) }),
            },
            'placement_configs',
          ),
        }),
      }),
    ]),
  ];
}

export function functionsApplicationTerraform(application: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(application, context);
  return [
    fragment(FILES.compute, [
      resource('oci_functions_application', application.id, {
        compartment_id: COMPARTMENT,
        display_name: application.name,
        subnet_ids: [ref(context.address(subnet.id))],
        shape: setting<string>(application, 'shape'),
        network_security_group_ids: optionalNsgIds(application, context),
      }),
    ]),
  ];
}

export function containerInstanceTerraform(instance: Component, context: TerraformContext): readonly TerraformFragment[] {
  const subnet = subnetOf(instance, context);
  return [
    fragment(FILES.compute, [
      resource('oci_container_instances_container_instance', instance.id, {
        compartment_id: COMPARTMENT,
        availability_domain: FIRST_AD,
        display_name: instance.name,
        shape: setting<string>(instance, 'shape'),
        container_restart_policy: setting<string>(instance, 'container_restart_policy'),
        shape_config: block({ ocpus: setting<number>(instance, 'ocpus'), memory_in_gbs: setting<number>(instance, 'memory_in_gbs') }),
        containers: block({ display_name: instance.name, image_url: setting<string>(instance, 'image_url') }),
        vnics: block({
          subnet_id: ref(context.address(subnet.id)),
          is_public_ip_assigned: isPublicSubnet(subnet),
          nsg_ids: optionalNsgIds(instance, context),
        }),
      }),
    ]),
  ];
}
