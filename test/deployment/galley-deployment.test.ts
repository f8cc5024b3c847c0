import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { addressOf, COMPARTMENT, REGION, synthGalley, WORK_COMPARTMENT } from './synth';
import { GalleyDeployment } from '../../src';
import { GALLEY_DEFAULT_PORT, GALLEY_ENV, GALLEY_HEALTH_PATH } from '../../src/runtime-contract';
import { loadConfig } from '../../src/server/config';

const CI = 'oci_container_instances_container_instance';
/** ICMP type 3 code 4 from anywhere: what OCI's default security list carries for path MTU discovery. */
const PATH_MTU = expect.objectContaining({ protocol: '1', source: '0.0.0.0/0', icmp_options: { type: 3, code: 4 } });
const PACKAGE_VERSION: string = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

describe('GalleyDeployment network', () => {
  const s = synthGalley();
  const ref = (type: string, path: string, attr: string) => `\${${addressOf(s.json, type, path)}.${attr}}`;
  const privateSubnet = ref('oci_core_subnet', 'private-subnet', 'id');
  const publicSubnet = ref('oci_core_subnet', 'public-subnet', 'id');

  test('the container is in the private subnet with no public IP', () => {
    const vnics = s.resource(CI).vnics;
    expect(vnics).toHaveLength(1);
    expect(vnics[0]).toMatchObject({ subnet_id: privateSubnet, is_public_ip_assigned: false });
    expect(s.text).toHaveResourceWithProperties({ tfResourceType: 'oci_core_subnet' }, {
      cidr_block: '10.0.1.0/24',
      prohibit_public_ip_on_vnic: true,
      prohibit_internet_ingress: true,
    });
  });

  test('the API Gateway is public, in the public subnet', () => {
    expect(s.resource('oci_apigateway_gateway')).toMatchObject({ endpoint_type: 'PUBLIC', subnet_id: publicSubnet });
  });

  test('the public subnet routes to the internet gateway; the private one to NAT and the service gateway', () => {
    const tables = Object.fromEntries(s.resources('oci_core_route_table').map((t) => [t.display_name, t.route_rules]));
    expect(tables['galley-public']).toEqual([{
      destination: '0.0.0.0/0',
      destination_type: 'CIDR_BLOCK',
      network_entity_id: ref('oci_core_internet_gateway', 'internet-gateway', 'id'),
    }]);
    expect(tables['galley-private']).toEqual([
      { destination: '0.0.0.0/0', destination_type: 'CIDR_BLOCK', network_entity_id: ref('oci_core_nat_gateway', 'nat-gateway', 'id') },
      expect.objectContaining({ destination_type: 'SERVICE_CIDR_BLOCK', network_entity_id: ref('oci_core_service_gateway', 'service-gateway', 'id') }),
    ]);
  });

  test('security lists: 443 in to the public subnet, only the container port from it into the private one', () => {
    const lists = Object.fromEntries(s.resources('oci_core_security_list').map((l) => [l.display_name, l]));
    expect(Object.keys(lists).sort()).toEqual(['galley-private', 'galley-public']);
    expect(lists['galley-public'].ingress_security_rules).toEqual([
      expect.objectContaining({ protocol: '6', source: '0.0.0.0/0', tcp_options: { min: 443, max: 443 } }),
      PATH_MTU,
    ]);
    expect(lists['galley-public'].egress_security_rules).toEqual([
      expect.objectContaining({ protocol: '6', destination: '10.0.1.0/24', tcp_options: { min: GALLEY_DEFAULT_PORT, max: GALLEY_DEFAULT_PORT } }),
    ]);
    expect(lists['galley-private'].ingress_security_rules).toEqual([
      expect.objectContaining({ protocol: '6', source: '10.0.0.0/24', tcp_options: { min: GALLEY_DEFAULT_PORT, max: GALLEY_DEFAULT_PORT } }),
      PATH_MTU,
    ]);
    expect(lists['galley-private'].egress_security_rules).toEqual([
      expect.objectContaining({ protocol: 'all', destination: '0.0.0.0/0' }),
    ]);
  });

  test('both custom lists let in ICMP type 3 code 4 from anywhere (path MTU discovery), as OCI\'s default list does', () => {
    for (const list of s.resources('oci_core_security_list')) {
      const icmp = list.ingress_security_rules.filter((r: any) => r.protocol === '1');
      expect(icmp).toEqual([expect.objectContaining({ source: '0.0.0.0/0', source_type: 'CIDR_BLOCK', icmp_options: { type: 3, code: 4 } })]);
    }
  });

  test("the VCN's default security list is managed and has no rules", () => {
    const list = s.resource('oci_core_default_security_list');
    expect(list.manage_default_resource_id).toBe(ref('oci_core_vcn', 'vcn', 'default_security_list_id'));
    expect(list.ingress_security_rules).toBeUndefined();
    expect(list.egress_security_rules).toBeUndefined();
  });

  test('each subnet uses only its own security list', () => {
    const subnets = Object.fromEntries(s.resources('oci_core_subnet').map((n) => [n.display_name, n.security_list_ids]));
    expect(subnets['galley-public']).toEqual([ref('oci_core_security_list', 'public-security-list', 'id')]);
    expect(subnets['galley-private']).toEqual([ref('oci_core_security_list', 'private-security-list', 'id')]);
  });
});

describe('GalleyDeployment endpoint', () => {
  const s = synthGalley();
  const tokenData = addressOf(s.json, 'terraform_data', 'url-token');
  const token = `\${${tokenData}.output["value"]}`;

  test('the token is two uuid()s without hyphens, sensitive, held by terraform_data with ignore_changes', () => {
    const holder = s.json.resource.terraform_data[tokenData.split('.')[1]];
    expect(holder.input.value).toBe('${sensitive(replace(join("", [uuid(), uuid()]), "-", ""))}');
    expect(holder.lifecycle).toEqual({ ignore_changes: ['input'] });
  });

  test("the deployment's path prefix is the token", () => {
    expect(s.resource('oci_apigateway_deployment').path_prefix).toBe(`/${token}`);
  });

  test('exactly /mcp, /sse and /messages are routed, to the container port under the token, with streaming timeouts', () => {
    const containerIp = `\${${addressOf(s.json, CI, 'container-instance')}.vnics[0].private_ip}`;
    const routes = s.resource('oci_apigateway_deployment').specification.routes;
    expect(routes.map((r: any) => r.path)).toEqual(['/mcp', '/sse', '/messages']);
    for (const route of routes) {
      expect(route.backend).toEqual({
        type: 'HTTP_BACKEND',
        url: `http://${containerIp}:${GALLEY_DEFAULT_PORT}/${token}${route.path}`,
        connect_timeout_in_seconds: 10,
        read_timeout_in_seconds: 300,
        send_timeout_in_seconds: 300,
      });
      // Query strings (the SSE channel's ?sessionId=) pass untouched: no policy rewrites them.
      expect(route.request_policies).toBeUndefined();
    }
  });

  // A whole stack, as an app synthesizes it, with the URL as an output.
  const stack = new TerraformStack(Testing.app(), 'endpoint');
  const galley = new GalleyDeployment(stack, 'galley', { compartmentId: COMPARTMENT, region: REGION });
  new TerraformOutput(stack, 'url', { value: galley.endpointUrl, sensitive: true });
  const full = stack.toTerraform();

  test('endpointUrl is https://<gateway host>/<token>/mcp', () => {
    expect(full.output.url.value).toMatch(
      /^https:\/\/\$\{oci_apigateway_gateway\.[^}]+\.hostname\}\/\$\{terraform_data\.[^}]+_url-token_[^}]+\.output\["value"\]\}\/mcp$/,
    );
  });

  test('the synthesized stack needs only oracle/oci and Terraform built-ins', () => {
    expect(full.terraform.required_providers).toEqual({ oci: { source: 'oracle/oci', version: '~> 8.28' } });
    expect(Object.keys(full.resource).filter((t) => !t.startsWith('oci_'))).toEqual(['terraform_data']);
  });
});

describe('GalleyDeployment runtime', () => {
  const s = synthGalley({ workCompartmentId: WORK_COMPARTMENT });
  const container = s.resource(CI).containers[0];

  test('the container gets the runtime contract, and the server accepts it', () => {
    const env: Record<string, string> = container.environment_variables;
    expect(Object.keys(env).sort()).toEqual([
      GALLEY_ENV.bucket, GALLEY_ENV.compartmentId, GALLEY_ENV.host, GALLEY_ENV.logLevel, GALLEY_ENV.namespace, GALLEY_ENV.port,
      GALLEY_ENV.region, GALLEY_ENV.storage, GALLEY_ENV.urlToken, GALLEY_ENV.workCompartmentId,
    ].sort());
    const bucket = addressOf(s.json, 'oci_objectstorage_bucket', 'sessions-bucket');
    expect(env[GALLEY_ENV.bucket]).toBe(`\${${bucket}.name}`);
    expect(env[GALLEY_ENV.namespace]).toBe(`\${${bucket}.namespace}`);
    expect(env[GALLEY_ENV.urlToken]).toBe(`\${${addressOf(s.json, 'terraform_data', 'url-token')}.output["value"]}`);
    // Both compartments, so the infra tools can tell whether they may change the work one.
    expect(env[GALLEY_ENV.compartmentId]).toBe(COMPARTMENT);
    expect(env[GALLEY_ENV.workCompartmentId]).toBe(WORK_COMPARTMENT);

    // What Terraform would put in place of each reference, then the server's own config check.
    const applied = { ...env, [GALLEY_ENV.urlToken]: 'a'.repeat(64), [GALLEY_ENV.bucket]: 'galley-sessions-0a1b2c3d', [GALLEY_ENV.namespace]: 'axaxnpcrorw5' };
    const config = loadConfig(applied);
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: GALLEY_DEFAULT_PORT,
      urlTokenGenerated: false,
      storage: { kind: 'object-storage', bucket: 'galley-sessions-0a1b2c3d', namespace: 'axaxnpcrorw5', region: REGION },
      workCompartmentId: WORK_COMPARTMENT,
    });
  });

  test('HTTP health check on /health, restart always, graceful shutdown', () => {
    expect(container.health_checks).toEqual([expect.objectContaining({
      health_check_type: 'HTTP', port: GALLEY_DEFAULT_PORT, path: GALLEY_HEALTH_PATH, failure_action: 'KILL',
    })]);
    expect(s.resource(CI)).toMatchObject({
      container_restart_policy: 'ALWAYS',
      graceful_shutdown_timeout_in_seconds: '30',
      shape: 'CI.Standard.E4.Flex',
      shape_config: { ocpus: 1, memory_in_gbs: 4 },
    });
  });

  test('the image tag defaults to the package\'s own version, which its release publishes', () => {
    expect(PACKAGE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(PACKAGE_VERSION).not.toBe('0.0.0');
    expect(container.image_url).toBe(`ghcr.io/galley/galley-mcp:${PACKAGE_VERSION}`);
  });

  test('the availability domain defaults to the first one, with no plan-time check', () => {
    const ads = addressOf(s.json, 'oci_identity_availability_domains', 'availability-domains');
    expect(s.resource(CI).availability_domain).toBe(`\${${ads}.availability_domains[0].name}`);
    expect(s.resource(CI).lifecycle).toBeUndefined();
  });

  test('availabilityDomainIndex picks another AD, and the plan refuses an index the region lacks', () => {
    const picked = synthGalley({ availabilityDomainIndex: 2 });
    const ads = addressOf(picked.json, 'oci_identity_availability_domains', 'availability-domains');
    expect(picked.resource(CI).availability_domain).toBe(`\${${ads}.availability_domains[2].name}`);
    expect(picked.resource(CI).lifecycle.precondition).toEqual([{
      condition: `\${(length(${ads}.availability_domains) > 2)}`,
      error_message: expect.stringContaining('`availabilityDomainIndex` is 2'),
    }]);
  });

  test('previous versions of session objects are deleted after 30 days, once Object Storage may do it', () => {
    const bucket = addressOf(s.json, 'oci_objectstorage_bucket', 'sessions-bucket');
    const lifecycle = s.resource('oci_objectstorage_object_lifecycle_policy');
    expect(lifecycle).toMatchObject({ bucket: `\${${bucket}.name}`, namespace: `\${${bucket}.namespace}` });
    expect(lifecycle.rules).toEqual([{
      name: 'delete-previous-session-versions',
      action: 'DELETE',
      target: 'previous-object-versions',
      time_amount: '30',
      time_unit: 'DAYS',
      is_enabled: true,
    }]);
    expect(lifecycle.depends_on).toEqual([addressOf(s.json, 'oci_identity_policy', 'object-storage-service-policy')]);
    expect(synthGalley({ previousVersionRetentionDays: 7 }).resource('oci_objectstorage_object_lifecycle_policy').rules[0].time_amount).toBe('7');
  });

  test('the bucket is private, versioned and emits object events', () => {
    expect(s.resource('oci_objectstorage_bucket')).toMatchObject({
      access_type: 'NoPublicAccess',
      versioning: 'Enabled',
      object_events_enabled: true,
    });
  });
});

describe('GalleyDeployment props', () => {
  test('overrides reach the resources', () => {
    const s = synthGalley({
      vcnCidr: '172.16.0.0/20',
      publicSubnetCidr: '172.16.0.0/24',
      privateSubnetCidr: '172.16.8.0/24',
      ocpus: 2,
      memoryInGbs: 16,
      shape: 'CI.Standard.A1.Flex',
      availabilityDomain: 'Uocm:AP-TOKYO-1-AD-1',
      imageRepository: 'nrt.ocir.io/ns/galley',
      imageTag: 'v1.2.3',
    });
    expect(s.resource('oci_core_vcn').cidr_blocks).toEqual(['172.16.0.0/20']);
    expect(s.resource(CI)).toMatchObject({
      shape: 'CI.Standard.A1.Flex', shape_config: { ocpus: 2, memory_in_gbs: 16 }, availability_domain: 'Uocm:AP-TOKYO-1-AD-1',
    });
    expect(s.resource(CI).containers[0].image_url).toBe('nrt.ocir.io/ns/galley:v1.2.3');
    const lists = Object.fromEntries(s.resources('oci_core_security_list').map((l) => [l.display_name, l]));
    expect(lists['galley-private'].ingress_security_rules[0].source).toBe('172.16.0.0/24');
    expect(lists['galley-public'].egress_security_rules[0].destination).toBe('172.16.8.0/24');
  });

  test('a given provider reaches every resource and data source but the identity ones, which use the home-region provider', () => {
    const ociBodies = (json: any) => [...Object.entries(json.resource), ...Object.entries(json.data)]
      .filter(([type]) => type.startsWith('oci_'))
      .flatMap(([type, byName]) => Object.values(byName as object).map((body) => [type, body] as [string, any]));
    const json = JSON.parse(Testing.synthScope((scope) => {
      const provider = GalleyDeployment.createOciProvider(scope, 'oci-tokyo', { region: REGION, alias: 'tokyo' });
      new GalleyDeployment(scope, 'galley', { compartmentId: COMPARTMENT, region: REGION, provider });
    }));
    const bodies = ociBodies(json);
    expect(bodies).toHaveLength(ociBodies(synthGalley().json).length);
    for (const [type, body] of bodies) {
      expect([type, body.provider]).toEqual([type, /^oci_identity_(dynamic_group|policy)$/.test(type) ? 'oci.galley_home_region' : 'oci.tokyo']);
    }
  });

  test('unresolved tokens pass validation', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'tokens');
    const v = (name: string, type = 'string') => new TerraformVariable(stack, name, { type });
    expect(() => new GalleyDeployment(stack, 'galley', {
      compartmentId: v('c').stringValue,
      region: v('r').stringValue,
      vcnCidr: v('cidr').stringValue,
      ocpus: v('o', 'number').numberValue,
      imageTag: v('t').stringValue,
    })).not.toThrow();
  });

  test.each([
    [{ compartmentId: 'compartment-1' }, '`compartmentId` must be a compartment or tenancy OCID, got: "compartment-1"'],
    [{ workCompartmentId: 'ocid1.instance.oc1..aaaa' }, '`workCompartmentId` must be a compartment or tenancy OCID, got: "ocid1.instance.oc1..aaaa"'],
    [{ region: 'Tokyo' }, '`region` must be an OCI region identifier such as ap-tokyo-1, got: "Tokyo"'],
    [{ namePrefix: 'Galley_1' }, '`namePrefix` must be 1 to 20 lowercase letters, digits or "-", starting with a letter, got: "Galley_1"'],
    [{ imageRepository: 'ghcr.io/galley/galley:1.0' }, '`imageRepository` must be an image repository without a tag, such as ghcr.io/org/galley, got: "ghcr.io/galley/galley:1.0"'],
    [{ imageTag: 'v1 beta' }, '`imageTag` must be an image tag, got: "v1 beta"'],
    [{ ocpus: 0 }, '`ocpus` must be between 1 and 64, got: 0'],
    [{ ocpus: 65 }, '`ocpus` must be between 1 and 64, got: 65'],
    [{ memoryInGbs: 2048 }, '`memoryInGbs` must be between 1 and 1024, got: 2048'],
    [{ shape: ' ' }, '`shape` must not be empty, got: " "'],
    [{ availabilityDomain: '' }, '`availabilityDomain` must not be empty, got: ""'],
    [{ availabilityDomainIndex: 3 }, '`availabilityDomainIndex` must be an integer from 0 to 2, got: 3'],
    [{ availabilityDomainIndex: 0.5 }, '`availabilityDomainIndex` must be an integer from 0 to 2, got: 0.5'],
    [
      { availabilityDomain: 'Uocm:AP-TOKYO-1-AD-1', availabilityDomainIndex: 1 },
      '`availabilityDomain` and `availabilityDomainIndex` pick the same thing: give one, got: "Uocm:AP-TOKYO-1-AD-1" and 1',
    ],
    [
      { availabilityDomain: 'Uocm:AP-TOKYO-1-AD-1', availabilityDomainIndex: 0 },
      '`availabilityDomain` and `availabilityDomainIndex` pick the same thing: give one, got: "Uocm:AP-TOKYO-1-AD-1" and 0',
    ],
    [{ previousVersionRetentionDays: 0 }, '`previousVersionRetentionDays` must be an integer from 1 to 36500, got: 0'],
    [{ vcnCidr: '10.0.0.0/33' }, '`vcnCidr` must be an IPv4 CIDR block such as 10.0.0.0/16, got: 10.0.0.0/33'],
    [{ vcnCidr: '10.0.0.1/16' }, '`vcnCidr` must be an IPv4 CIDR block such as 10.0.0.0/16, got: 10.0.0.1/16'],
    [{ vcnCidr: '10.0.0.0/8' }, '`vcnCidr` must be a /16 to /28 block, got: 10.0.0.0/8'],
    [{ publicSubnetCidr: '192.168.0.0/24' }, '`publicSubnetCidr` must lie inside `vcnCidr` (10.0.0.0/16), got: 192.168.0.0/24'],
    [{ privateSubnetCidr: '10.1.0.0/24' }, '`privateSubnetCidr` must lie inside `vcnCidr` (10.0.0.0/16), got: 10.1.0.0/24'],
    [{ privateSubnetCidr: '10.0.0.128/25' }, '`privateSubnetCidr` must not overlap `publicSubnetCidr` (10.0.0.0/24), got: 10.0.0.128/25'],
    [{ workCompartmentPermissions: [] }, '`workCompartmentPermissions` must name at least one permission, got: []'],
    [{ workCompartmentPermissions: ['read all-resources in tenancy'] }, '`workCompartmentPermissions` entries must be "<inspect|read|use|manage> <resource-type>", got: "read all-resources in tenancy"'],
  ])('invalid props %j throw %s', (props, message) => {
    expect(() => synthGalley(props)).toThrow(message);
  });

  test('granting manage all-resources in the work compartment warns', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'warn');
    const galley = new GalleyDeployment(stack, 'galley', { compartmentId: COMPARTMENT, region: REGION });
    galley.grantWorkCompartmentAccess('manage all-resources');
    const warnings = galley.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual([expect.stringContaining('manage all-resources')]);
  });
});
