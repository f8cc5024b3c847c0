/**
 * What `terraform validate` cannot see, read from the export with HashiCorp's
 * own HCL parser: the things a real deployment of the Python Galley's output
 * tripped over, nothing tenancy-specific, secrets only in sensitive variables.
 */
import { parse } from '@cdktf/hcl2json';
import { allServicesArchitecture, architecture, architectureFor, component, connection, FIXTURE_TYPES, CATALOG_TYPES } from './fixtures';
import type { Architecture } from '../../../src/server/design/architecture';
import { SERVICE_CATALOG } from '../../../src/server/design/catalog';
import { exportTerraform, OCI_PROVIDER_VERSION, REQUIRED_TERRAFORM_VERSION } from '../../../src/server/design/export/terraform';
import { GalleyError } from '../../../src/server/errors';

type Json = any;

/** Every file of the export parsed and merged: `{ resource: { type: { name: [body] } }, variable: ..., ... }`. */
async function parsed(arch: Architecture): Promise<Json> {
  const merged: Json = {};
  for (const file of exportTerraform(arch)) {
    const json = await parse(file.path, file.content);
    for (const [kind, byType] of Object.entries<Json>(json)) {
      if (Array.isArray(byType)) {
        merged[kind] = [...(merged[kind] ?? []), ...byType];
        continue;
      }
      merged[kind] ??= {};
      for (const [key, value] of Object.entries<Json>(byType)) {
        merged[kind][key] = kind === 'resource' || kind === 'data' ? { ...(merged[kind][key] ?? {}), ...value } : value;
      }
    }
  }
  return merged;
}

const one = (blocks: Json): Json => {
  expect(blocks).toHaveLength(1);
  return blocks[0];
};

/** Every string anywhere in a parsed document. */
function strings(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

let all: Json;
beforeAll(async () => {
  all = await parsed(allServicesArchitecture());
});

describe('the Terraform export', () => {
  test('every catalog type has a fixture, and the all-services architecture holds every type', () => {
    expect([...FIXTURE_TYPES].sort()).toEqual([...CATALOG_TYPES].sort());
    expect(new Set(allServicesArchitecture().components.map((c) => c.type))).toEqual(new Set(CATALOG_TYPES));
  });

  test("each service type's `resources` are exactly the resource types its Terraform creates", () => {
    const created = new Set(Object.keys(all.resource));
    const listed = new Set(SERVICE_CATALOG.flatMap((s) => s.resources));
    expect([...created].sort()).toEqual([...listed].sort());
  });

  test('one file per concern, pinned versions, the provider configured by region only', () => {
    const paths = exportTerraform(allServicesArchitecture()).map((f) => f.path);
    expect(paths).toEqual([
      'versions.tf', 'provider.tf', 'variables.tf', 'data-sources.tf', 'network.tf', 'compute.tf', 'database.tf',
      'storage.tf', 'edge.tf', 'integration.tf', 'security.tf', 'ai.tf', 'outputs.tf',
    ]);
    const terraform = one(all.terraform);
    expect(terraform.required_version).toBe(REQUIRED_TERRAFORM_VERSION);
    expect(one(terraform.required_providers)).toEqual({ oci: { source: 'oracle/oci', version: OCI_PROVIDER_VERSION } });
    expect(REQUIRED_TERRAFORM_VERSION).toBe('>= 1.5.0');
    expect(all.provider.oci).toEqual([{ region: '${var.region}' }]);
    expect(exportTerraform(architectureFor('queue')).map((f) => f.path)).toEqual(['versions.tf', 'provider.tf', 'variables.tf', 'integration.tf', 'outputs.tf']);
  });

  test('the variables are the ones Resource Manager fills; every resource goes in, and every data source reads, compartment_ocid', () => {
    expect(Object.keys(all.variable)).toEqual(expect.arrayContaining(['tenancy_ocid', 'compartment_ocid', 'region']));
    // Resource Manager runs the jobs as Galley's principal, which may read and write the work compartment only.
    for (const [type, byName] of [...Object.entries<Json>(all.resource), ...Object.entries<Json>(all.data)]) {
      for (const [name, [body]] of Object.entries<Json>(byName)) {
        if ('compartment_id' in body) expect([`${type}.${name}`, body.compartment_id]).toEqual([`${type}.${name}`, '${var.compartment_ocid}']);
      }
    }
  });

  test.each([...FIXTURE_TYPES, 'all services'])('%s: no literal OCID, and every secret is a sensitive variable with no default', async (type) => {
    const doc = type === 'all services' ? all : await parsed(architectureFor(type));
    expect(strings(doc).filter((s) => /ocid1\./i.test(s))).toEqual([]);
    for (const [name, [body]] of Object.entries<Json>(doc.variable)) {
      if (/password|secret/.test(name)) {
        expect([name, body.sensitive, 'default' in body]).toEqual([name, true, false]);
      }
    }
    for (const value of collect(doc.resource ?? {}, /password$/)) expect(value).toMatch(/^\$\{var\.[a-z0-9_]+_admin_password\}$/);
  });

  test('every database admin password has a sensitive variable', () => {
    expect(Object.keys(all.variable).filter((n) => n.endsWith('_admin_password')).sort()).toEqual(
      ['adw_admin_password', 'atp_admin_password', 'mysql_admin_password', 'postgres_admin_password'],
    );
    expect(one(all.resource.oci_database_autonomous_database.atp).admin_password).toBe('${var.atp_admin_password}');
  });

  test('the ADB password check refuses any password containing "admin", in any casing, and says so', () => {
    const password = one(all.variable.atp_admin_password);
    const conditions = password.validation.map((v: Json) => v.condition as string);
    expect(conditions).toContainEqual(expect.stringContaining('!strcontains(lower(var.atp_admin_password), "admin")'));
    expect(conditions.join('\n')).not.toContain('!= "admin"');
    expect(password.description).toContain('not containing "admin" in any casing');
  });

  test('ADB db_names are unique within the export and, like bucket names, carry the per-compartment suffix', async () => {
    const doc = await parsed(architecture([
      component('app_db', 'autonomous_database'),
      component('appdb', 'autonomous_database'),
      component('a_very_long_database_identifier_1', 'autonomous_database'),
      component('a_very_long_database_identifier_2', 'autonomous_database'),
      component('reports', 'object_storage_bucket'),
    ]));
    const names = ['app_db', 'appdb', 'a_very_long_database_identifier_1', 'a_very_long_database_identifier_2']
      .map((id) => one(doc.resource.oci_database_autonomous_database[id]).db_name as string);
    expect(names).toEqual(['appdb${local.name_suffix}', 'appdb1${local.name_suffix}', 'averylongdatabaseidentif${local.name_suffix}', 'averylongdatabaseidenti1${local.name_suffix}']);
    // 24 characters of the id and 6 of the suffix: within the 30 OCI allows.
    for (const name of names) expect(name.replace('${local.name_suffix}', 'x'.repeat(6))).toMatch(/^[a-z][a-z0-9]{0,29}$/);
    expect(one(doc.resource.oci_objectstorage_bucket.reports).name).toBe('reports-${local.name_suffix}');
    expect(one(doc.locals).name_suffix).toBe('${substr(sha1(var.compartment_ocid), 0, 6)}');
  });

  test('without an ADB or a bucket there is no name suffix local', async () => {
    expect((await parsed(architecture([component('vcn', 'vcn')]))).locals).toBeUndefined();
  });

  test('images and availability domains come from data sources', () => {
    const instance = one(all.resource.oci_core_instance.app);
    expect(one(instance.source_details).source_id).toBe('${data.oci_core_images.app.images[0].id}');
    expect(instance.availability_domain).toMatch(/^\$\{data\.oci_identity_availability_domains\.ads\.availability_domains\[/);
    // The image list is filtered by the shape, so an Arm shape gets an aarch64 image.
    expect(one(all.data.oci_core_images.arm_app).shape).toBe('VM.Standard.A1.Flex');
    expect(one(all.resource.oci_mysql_mysql_db_system.mysql).availability_domain).toBe('${data.oci_identity_availability_domains.ads.availability_domains[0].name}');
  });

  test('flex shapes get their shape_config (instances, node pools, container instances)', () => {
    for (const [name, [instance]] of Object.entries<Json>(all.resource.oci_core_instance)) {
      expect([name, one(instance.shape_config)]).toEqual([name, { ocpus: expect.any(Number), memory_in_gbs: expect.any(Number) }]);
    }
    expect(one(one(all.resource.oci_containerengine_node_pool.arm_workers).node_shape_config)).toEqual({ ocpus: 2, memory_in_gbs: 12 });
    expect(one(one(all.resource.oci_container_instances_container_instance.containers).shape_config)).toEqual({ ocpus: 1, memory_in_gbs: 8 });
  });

  test('a non-flex shape gets no shape_config', async () => {
    const arch = architecture([
      component('vcn', 'vcn'),
      component('app_subnet', 'subnet', 'vcn'),
      component('app', 'compute_instance', 'app_subnet', { shape: 'VM.Standard2.1' }),
    ]);
    expect(one((await parsed(arch)).resource.oci_core_instance.app).shape_config).toBeUndefined();
  });

  test('node pools boot an OKE image of their cluster version and their shape architecture', () => {
    const x86 = one(one(all.resource.oci_containerengine_node_pool.workers).node_source_details);
    const arm = one(one(all.resource.oci_containerengine_node_pool.arm_workers).node_source_details);
    expect(x86.source_type).toBe('IMAGE');
    expect(x86.image_id).toContain('data.oci_containerengine_node_pool_option.workers.sources');
    expect(x86.image_id).toContain('OKE-');
    expect(x86.image_id).toContain('oci_containerengine_cluster.cluster.kubernetes_version');
    expect(x86.image_id).not.toContain('aarch64');
    expect(arm.image_id).toContain('aarch64-');
    expect(one(all.data.oci_containerengine_node_pool_option.workers).node_pool_option_id).toBe('${oci_containerengine_cluster.cluster.id}');
    const pool = one(all.resource.oci_containerengine_node_pool.workers);
    expect(pool.cluster_id).toBe('${oci_containerengine_cluster.cluster.id}');
    const details = one(pool.node_config_details);
    expect(details.size).toBe(3);
    expect(Object.keys(details.dynamic)).toEqual(['placement_configs']);
  });

  test('the node pool image regex picks the right image names', () => {
    const x86 = one(one(all.resource.oci_containerengine_node_pool.workers).node_source_details).image_id as string;
    const arm = one(one(all.resource.oci_containerengine_node_pool.arm_workers).node_source_details).image_id as string;
    // The pattern with the cluster version substituted as Terraform would (dots escaped).
    const pattern = (imageId: string) => new RegExp(/regexall\("(.*?)\$\{replace/.exec(imageId)![1].replace(/\\\\/g, '\\') + '1\\.33\\.1-');
    const names = {
      x86: 'Oracle-Linux-8.10-2025.06.17-0-OKE-1.33.1-1092',
      arm: 'Oracle-Linux-8.10-aarch64-2025.06.17-0-OKE-1.33.1-1092',
      gpu: 'Oracle-Linux-8.10-Gen2-GPU-2025.06.17-0-OKE-1.33.1-1092',
      older: 'Oracle-Linux-8.10-2025.06.17-0-OKE-1.32.1-1092',
    };
    expect(Object.entries(names).filter(([, n]) => pattern(x86).test(n)).map(([k]) => k)).toEqual(['x86']);
    expect(Object.entries(names).filter(([, n]) => pattern(arm).test(n)).map(([k]) => k)).toEqual(['arm']);
  });

  test('an ADB in a subnet gets a private endpoint: subnet_id, its own NSG letting SQL*Net in from the VCN', () => {
    const atp = one(all.resource.oci_database_autonomous_database.atp);
    expect(atp.subnet_id).toBe('${oci_core_subnet.data_subnet.id}');
    expect(atp.nsg_ids).toEqual(['${oci_core_network_security_group.atp.id}']);
    expect(atp.is_mtls_connection_required).toBe(false);
    const rule = one(all.resource.oci_core_network_security_group_security_rule.atp_sqlnet);
    expect(rule).toMatchObject({ direction: 'INGRESS', protocol: '6', source: '10.0.0.0/16', network_security_group_id: '${oci_core_network_security_group.atp.id}' });
    expect(one(one(rule.tcp_options).destination_port_range)).toEqual({ min: 1521, max: 1522 });
    expect(atp.db_workload).toBe('OLTP');
    expect(atp.compute_model).toBe('ECPU');
    expect(atp.data_storage_size_in_gb).toBe(1024);
  });

  test('an unplaced ADB keeps a public endpoint with mTLS; ADW storage is in whole TB; BYOL names its edition', () => {
    const adw = one(all.resource.oci_database_autonomous_database.adw);
    expect(adw.subnet_id).toBeUndefined();
    expect(adw.nsg_ids).toBeUndefined();
    expect(adw.is_mtls_connection_required).toBe(true);
    expect(adw.db_workload).toBe('DW');
    expect(adw.data_storage_size_in_tbs).toBe(1);
    expect(adw.data_storage_size_in_gb).toBeUndefined();
    expect(adw.database_edition).toBe('ENTERPRISE_EDITION');
    expect(one(all.resource.oci_database_autonomous_database.atp).database_edition).toBeUndefined();
  });

  test('MySQL gets its admin user, password and availability domain', () => {
    const mysql = one(all.resource.oci_mysql_mysql_db_system.mysql);
    expect(mysql).toMatchObject({ admin_username: 'admin', admin_password: '${var.mysql_admin_password}', shape_name: 'MySQL.2', is_highly_available: true });
    expect(mysql.availability_domain).toBeDefined();
  });

  test('subnets route by their access: public through the internet gateway, private through NAT and the service gateway', () => {
    const web = one(all.resource.oci_core_route_table.web_subnet);
    expect(web.route_rules.map((r: Json) => r.network_entity_id)).toEqual(['${oci_core_internet_gateway.igw.id}']);
    const app = one(all.resource.oci_core_route_table.app_subnet);
    expect(app.route_rules).toEqual([
      { network_entity_id: '${oci_core_nat_gateway.nat.id}', destination: '0.0.0.0/0', destination_type: 'CIDR_BLOCK' },
      { network_entity_id: '${oci_core_service_gateway.sgw.id}', destination: '${data.oci_core_services.all.services[0].cidr_block}', destination_type: 'SERVICE_CIDR_BLOCK' },
    ]);
    expect(one(all.resource.oci_core_subnet.app_subnet)).toMatchObject({ route_table_id: '${oci_core_route_table.app_subnet.id}', prohibit_public_ip_on_vnic: true });
    expect(one(all.resource.oci_core_subnet.web_subnet).prohibit_public_ip_on_vnic).toBe(false);
  });

  test('the VCN and its subnets get DNS labels, unique within the VCN', async () => {
    const arch = architecture([
      component('vcn', 'vcn'),
      component('application_tier_a', 'subnet', 'vcn', { cidr_block: '10.0.1.0/24' }),
      component('application_tier_b', 'subnet', 'vcn', { cidr_block: '10.0.2.0/24' }),
      component('db', 'subnet', 'vcn', { cidr_block: '10.0.3.0/24' }),
    ]);
    const doc = await parsed(arch);
    expect(one(doc.resource.oci_core_vcn.vcn).dns_label).toBe('vcn');
    const labels = ['application_tier_a', 'application_tier_b', 'db'].map((id) => one(doc.resource.oci_core_subnet[id]).dns_label);
    expect(labels).toEqual(['applicationtier', 'applicationtie1', 'db']);
    for (const label of labels) expect(label).toMatch(/^[a-z][a-z0-9]{0,14}$/);
  });

  test('DNS labels stay unique when a shortened id meets another id (web, web_, web1) and across VCNs', async () => {
    const arch = architecture([
      component('vcn', 'vcn'),
      component('vcn_', 'vcn', undefined, { cidr_block: '10.1.0.0/16' }),
      component('vcn1', 'vcn', undefined, { cidr_block: '10.2.0.0/16' }),
      component('web', 'subnet', 'vcn', { cidr_block: '10.0.1.0/24' }),
      component('web_', 'subnet', 'vcn', { cidr_block: '10.0.2.0/24' }),
      component('web1', 'subnet', 'vcn', { cidr_block: '10.0.3.0/24' }),
      component('a23456789012345_x', 'subnet', 'vcn', { cidr_block: '10.0.4.0/24' }),
      component('a23456789012345_y', 'subnet', 'vcn', { cidr_block: '10.0.5.0/24' }),
    ]);
    const doc = await parsed(arch);
    const subnets = ['web', 'web_', 'web1', 'a23456789012345_x', 'a23456789012345_y'].map((id) => one(doc.resource.oci_core_subnet[id]).dns_label);
    expect(subnets).toEqual(['web', 'web2', 'web1', 'a23456789012345', 'a23456789012341']);
    const vcns = ['vcn', 'vcn_', 'vcn1'].map((id) => one(doc.resource.oci_core_vcn[id]).dns_label);
    expect(vcns).toEqual(['vcn', 'vcn2', 'vcn1']);
    for (const label of [...subnets, ...vcns]) expect(label).toMatch(/^[a-z][a-z0-9]{0,14}$/);
  });

  test('an OKE cluster with a public endpoint: a public IP and 6443 open in a public subnet, refused in a private one', async () => {
    const inPublic = architecture([
      component('vcn', 'vcn'),
      component('igw', 'internet_gateway', 'vcn'),
      component('web_subnet', 'subnet', 'vcn', { access: 'public' }),
      component('cluster', 'oke_cluster', 'web_subnet', { endpoint_access: 'public' }),
    ]);
    const doc = await parsed(inPublic);
    expect(one(one(doc.resource.oci_containerengine_cluster.cluster).endpoint_config).is_public_ip_enabled).toBe(true);
    const open = one(doc.resource.oci_core_security_list.web_subnet).ingress_security_rules.filter((r: Json) => r.protocol === '6');
    expect(open.map((r: Json) => [r.source, one(r.tcp_options).min])).toEqual([['0.0.0.0/0', 6443]]);
    const inPrivate = architecture([component('vcn', 'vcn'), component('app_subnet', 'subnet', 'vcn'), component('cluster', 'oke_cluster', 'app_subnet', { endpoint_access: 'public' })]);
    expect(() => exportTerraform(inPrivate)).toThrow('`cluster` (oke_cluster) has a public endpoint but sits in the private subnet `app_subnet`');
  });

  test('a private subnet without gateways gets an empty route table, not a route to nowhere', async () => {
    const doc = await parsed(architectureFor('subnet'));
    expect(one(doc.resource.oci_core_route_table.app_subnet).route_rules).toBeUndefined();
  });

  test('a subnet connected to a route table and a security list uses them instead of its own', () => {
    const data = one(all.resource.oci_core_subnet.data_subnet);
    expect(data.route_table_id).toBe('${oci_core_route_table.data_routes.id}');
    expect(data.security_list_ids).toEqual(['${oci_core_security_list.data_rules.id}']);
    expect(all.resource.oci_core_route_table.data_subnet).toBeUndefined();
    expect(all.resource.oci_core_security_list.data_subnet).toBeUndefined();
    const rules = one(all.resource.oci_core_security_list.data_rules).ingress_security_rules;
    expect(rules.filter((r: Json) => r.protocol === '6').map((r: Json) => one(r.tcp_options))).toEqual([
      { min: 1521, max: 1522 },
      { min: 3306, max: 3306 },
      { min: 5432, max: 5432 },
    ]);
  });

  test('a public subnet opens the ports of its listeners to the internet, a private one only the VCN', () => {
    const web = one(all.resource.oci_core_security_list.web_subnet).ingress_security_rules;
    const open = web.filter((r: Json) => r.source === '0.0.0.0/0' && r.protocol === '6').map((r: Json) => one(r.tcp_options).min);
    expect(open).toEqual([80, 443, 8443]);
    const app = one(all.resource.oci_core_security_list.app_subnet).ingress_security_rules;
    expect(app.filter((r: Json) => r.source === '0.0.0.0/0' && r.protocol !== '1')).toEqual([]);
    expect(app).toContainEqual({ source: '10.0.0.0/16', protocol: 'all' });
  });

  test('instances in a public subnet get public IPs, in a private one not; NSGs follow connections', () => {
    const vnic = one(one(all.resource.oci_core_instance.app).create_vnic_details);
    expect(vnic).toMatchObject({ assign_public_ip: 'false', subnet_id: '${oci_core_subnet.app_subnet.id}', nsg_ids: ['${oci_core_network_security_group.app_nsg.id}'] });
    expect(one(all.resource.oci_load_balancer_load_balancer.lb)).toMatchObject({ is_private: false, network_security_group_ids: ['${oci_core_network_security_group.app_nsg.id}'] });
    expect(one(all.resource.oci_apigateway_gateway.api).endpoint_type).toBe('PUBLIC');
  });

  test('load balancers send to the instances they are connected to', () => {
    const backends = one(all.resource.oci_load_balancer_backend.lb_app);
    expect(backends).toMatchObject({ count: '${length(oci_core_instance.app)}', ip_address: '${oci_core_instance.app[count.index].private_ip}', port: 8080 });
    expect(one(all.resource.oci_network_load_balancer_backend.nlb_arm_app).target_id).toBe('${oci_core_instance.arm_app[count.index].id}');
    expect(one(all.resource.oci_core_instance.app).count).toBe(2);
  });

  test('the dedicated AI cluster matches its model, looked up by name', () => {
    expect(one(all.resource.oci_generative_ai_dedicated_ai_cluster.llm)).toMatchObject({ type: 'HOSTING', unit_shape: 'SMALL_COHERE_V2', unit_count: 1 });
    expect(one(all.data.oci_generative_ai_models.llm)).toMatchObject({ display_name: 'cohere.command-r-08-2024', capability: ['CHAT'] });
    expect(one(all.resource.oci_generative_ai_endpoint.llm).model_id).toBe('${data.oci_generative_ai_models.llm.model_collection[0].items[0].id}');
  });

  test('`latest` Kubernetes takes the newest version OKE offers in the region', async () => {
    const doc = await parsed(architectureFor('oke_cluster'));
    expect(one(doc.resource.oci_containerengine_cluster.cluster).kubernetes_version).toBe(
      '${data.oci_containerengine_cluster_option.cluster.kubernetes_versions[length(data.oci_containerengine_cluster_option.cluster.kubernetes_versions) - 1]}',
    );
    expect(one(all.resource.oci_containerengine_cluster.cluster).kubernetes_version).toBe('v1.33.1');
    expect(all.data.oci_containerengine_cluster_option).toBeUndefined();
  });

  test('display names are data: a name with template sequences is not interpolated', async () => {
    const arch = architecture([component('docs', 'object_storage_bucket'), { ...component('jobs', 'queue'), name: 'x ${var.region} "q"' }]);
    const doc = await parsed(arch);
    expect(one(doc.output.jobs_id).description).toBe('OCID of x $${var.region} "q"');
  });

  test('the export is pure: the same architecture gives the same files, and the input is not changed', () => {
    const arch = allServicesArchitecture();
    const before = JSON.stringify(arch);
    expect(exportTerraform(arch)).toEqual(exportTerraform(allServicesArchitecture()));
    expect(JSON.stringify(arch)).toBe(before);
  });

  test.each([
    ['an unknown service type', architecture([{ id: 'x', type: 'mainframe', name: 'x', config: {} }]), '`x` has an unknown service type: "mainframe"'],
    ['an id that cannot be a Terraform name', architecture([{ ...component('q', 'queue'), id: 'My-Queue' }]), 'component id "My-Queue" must be lowercase letters'],
    ['a config outside its schema', architecture([{ ...component('q', 'queue'), config: { retention_in_seconds: 1 } }]), '`retention_in_seconds` of `queue` must be at least 10, got: 1'],
    ['a node pool without its cluster', architecture([component('vcn', 'vcn'), component('s', 'subnet', 'vcn'), component('pool', 'oke_node_pool', 's')]), '`pool` (oke_node_pool) needs a connection to an oke_cluster'],
    ['a subnet component placed outside a VCN', architecture([component('s', 'subnet')]), '`s` (subnet) must be placed in a vcn'],
    ['a placement in the wrong kind of component', architecture([component('vcn', 'vcn'), component('app', 'compute_instance', 'vcn')]), '`app` (compute_instance) must be placed in a subnet, not in `vcn` (vcn)'],
    ['a connection to an unknown component', architecture([component('q', 'queue'), component('vcn', 'vcn'), component('s', 'subnet', 'vcn')], [connection('s', 'ghost')]), 'no component with id `ghost`'],
  ])('refuses %s with a structured error', (_why, arch, message) => {
    let error: unknown;
    try {
      exportTerraform(arch);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GalleyError);
    expect((error as GalleyError).kind).toBe('invalid_config');
    expect((error as GalleyError).message).toContain(message);
  });
});

/** Values of attributes whose name matches, anywhere in a parsed document. */
function collect(value: Json, name: RegExp): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => collect(v, name));
  if (value && typeof value === 'object') {
    return Object.entries<Json>(value).flatMap(([key, v]) => (name.test(key) && typeof v === 'string' ? [v] : collect(v, name)));
  }
  return [];
}
