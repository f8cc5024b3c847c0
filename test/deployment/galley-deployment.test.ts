import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { addressOf, COMPARTMENT, REGION, synthGalley, WORK_COMPARTMENT } from './synth';
import { GalleyDeployment } from '../../src';
import { GALLEY_DEFAULT_PORT, GALLEY_ENV, GALLEY_HEALTH_PATH } from '../../src/runtime-contract';
import { loadConfig } from '../../src/server/config';

const CI = 'oci_container_instances_container_instance';

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
    ]);
    expect(lists['galley-public'].egress_security_rules).toEqual([
      expect.objectContaining({ protocol: '6', destination: '10.0.1.0/24', tcp_options: { min: GALLEY_DEFAULT_PORT, max: GALLEY_DEFAULT_PORT } }),
    ]);
    expect(lists['galley-private'].ingress_security_rules).toEqual([
      expect.objectContaining({ protocol: '6', source: '10.0.0.0/24', tcp_options: { min: GALLEY_DEFAULT_PORT, max: GALLEY_DEFAULT_PORT } }),
    ]);
    expect(lists['galley-private'].egress_security_rules).toEqual([
      expect.objectContaining({ protocol: 'all', destination: '0.0.0.0/0' }),
    ]);
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
      GALLEY_ENV.bucket, GALLEY_ENV.host, GALLEY_ENV.logLevel, GALLEY_ENV.namespace, GALLEY_ENV.port,
      GALLEY_ENV.region, GALLEY_ENV.storage, GALLEY_ENV.urlToken, GALLEY_ENV.workCompartmentId,
    ].sort());
    const bucket = addressOf(s.json, 'oci_objectstorage_bucket', 'sessions-bucket');
    expect(env[GALLEY_ENV.bucket]).toBe(`\${${bucket}.name}`);
    expect(env[GALLEY_ENV.namespace]).toBe(`\${${bucket}.namespace}`);
    expect(env[GALLEY_ENV.urlToken]).toBe(`\${${addressOf(s.json, 'terraform_data', 'url-token')}.output["value"]}`);

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
    expect(container.image_url).toBe('ghcr.io/galley/galley-mcp:latest');
  });

  test('the availability domain defaults to the first one', () => {
    const ads = addressOf(s.json, 'oci_identity_availability_domains', 'availability-domains');
    expect(s.resource(CI).availability_domain).toBe(`\${${ads}.availability_domains[0].name}`);
  });

  test('the bucket is private, versioned and emits object events', () => {
    expect(s.resource('oci_objectstorage_bucket')).toMatchObject({
      access_type: 'NoPublicAccess',
      versioning: 'Enabled',
      object_events_enabled: true,
    });
  });
});

describe('GalleyDeployment identity', () => {
  const statementsOf = (s: ReturnType<typeof synthGalley>) => s.resources('oci_identity_policy').flatMap((p) => p.statements as string[]);

  test('the dynamic group matches exactly this container instance, in the tenancy the ADs name', () => {
    const s = synthGalley();
    const group = s.resource('oci_identity_dynamic_group');
    const ads = addressOf(s.json, 'oci_identity_availability_domains', 'availability-domains');
    expect(group.compartment_id).toBe(`\${${ads}.availability_domains[0].compartment_id}`);
    expect(group.matching_rule).toBe(
      `ALL {resource.type = 'computecontainerinstance', resource.id = '\${${addressOf(s.json, CI, 'container-instance')}.id}'}`,
    );
    expect(group.name).toBe(`galley-\${${addressOf(s.json, 'terraform_data', 'name-suffix')}.output["value"]}`);
  });

  test.each([
    ['ghcr.io/galley/galley-mcp', false],
    ['nrt.ocir.io/axaxnpcrorw5/galley', true],
    ['ocir.ap-tokyo-1.oci.oraclecloud.com/axaxnpcrorw5/galley', true],
  ])('image %s: every statement is scoped; read repos only for OCIR (%s)', (imageRepository, ocir) => {
    const s = synthGalley({ imageRepository, workCompartmentId: WORK_COMPARTMENT });
    const statements = statementsOf(s);
    const group = `\${${addressOf(s.json, 'oci_identity_dynamic_group', 'dynamic-group')}.name}`;
    const bucket = `\${${addressOf(s.json, 'oci_objectstorage_bucket', 'sessions-bucket')}.name}`;
    expect(statements).toEqual(expect.arrayContaining([
      `Allow dynamic-group ${group} to read all-resources in compartment id ${WORK_COMPARTMENT}`,
    ]));
    expect(statements.some((st) => st.includes(' read repos '))).toBe(ocir);
    for (const statement of statements) {
      expect(statement.startsWith(`Allow dynamic-group ${group} to `)).toBe(true);
      expect(statement).toMatch(new RegExp(` in compartment id (${COMPARTMENT}|${WORK_COMPARTMENT})( |$)`));
      expect(statement).not.toMatch(/\bin tenancy\b/);
      expect(statement).not.toMatch(/manage all-resources/);
      if (/ (objects|buckets|object-family) /.test(statement)) {
        expect(statement).toContain(`target.bucket.name = '${bucket}'`);
      }
    }
  });

  test('the work compartment grant lives in the work compartment and can be replaced', () => {
    const s = synthGalley({ workCompartmentId: WORK_COMPARTMENT, workCompartmentPermissions: ['read instances', 'use vnics'] });
    const work = s.resources('oci_identity_policy').find((p) => p.compartment_id === WORK_COMPARTMENT)!;
    expect(work.statements).toHaveLength(2);
    expect(work.statements[0]).toMatch(/ to read instances in compartment id ocid1\.compartment\.oc1\.\.aaaaaaaagalleywork/);
    expect(statementsOf(s).some((st) => st.includes('all-resources'))).toBe(false);
  });

  test('grantWorkCompartmentAccess() adds a scoped statement', () => {
    const s = synthGalley({}, (_scope, galley) => galley.grantWorkCompartmentAccess('manage object-family'));
    const work = s.resources('oci_identity_policy').find((p) => /-work-/.test(p.name))!;
    expect(work.statements).toEqual([
      expect.stringMatching(/ to read all-resources in compartment id /),
      expect.stringMatching(new RegExp(` to manage object-family in compartment id ${COMPARTMENT}$`)),
    ]);
  });

  test('tenancy-wide names carry the prefix and the per-stack suffix', () => {
    const s = synthGalley({ namePrefix: 'poc' });
    const suffix = `\${${addressOf(s.json, 'terraform_data', 'name-suffix')}.output["value"]}`;
    expect(s.resource('oci_identity_dynamic_group').name).toBe(`poc-${suffix}`);
    expect(s.resource('oci_objectstorage_bucket').name).toBe(`poc-sessions-${suffix}`);
    expect(s.resources('oci_identity_policy').map((p) => p.name).sort()).toEqual([`poc-runtime-${suffix}`, `poc-work-${suffix}`]);
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

  test('a given provider reaches every resource and data source', () => {
    const ociBodies = (json: any) => [...Object.entries(json.resource), ...Object.entries(json.data)]
      .filter(([type]) => type.startsWith('oci_'))
      .flatMap(([, byName]) => Object.values(byName as object));
    const json = JSON.parse(Testing.synthScope((scope) => {
      const provider = GalleyDeployment.createOciProvider(scope, 'oci-tokyo', { region: REGION, alias: 'tokyo' });
      new GalleyDeployment(scope, 'galley', { compartmentId: COMPARTMENT, region: REGION, provider });
    }));
    const bodies = ociBodies(json);
    expect(bodies).toHaveLength(ociBodies(synthGalley().json).length);
    for (const body of bodies) expect((body as any).provider).toBe('oci.tokyo');
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
