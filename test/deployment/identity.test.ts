import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformProvider, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { addressOf, COMPARTMENT, REGION, synthGalley, WORK_COMPARTMENT } from './synth';
import { GalleyDeployment } from '../../src';
import { OBJECT_PERMISSIONS } from '../../src/deployment/identity';
import { INFRA_WORK_GRANTS, READ_ONLY_WORK_GRANTS } from '../../src/deployment/work-grants';

const CI = 'oci_container_instances_container_instance';
const TENANCY = 'ocid1.tenancy.oc1..aaaaaaaagalleytesttenancy000000000000000000000000000000';
const IDENTITY_TYPES = ['oci_identity_dynamic_group', 'oci_identity_policy'];
const ROOT = join(__dirname, '..', '..');
/** The condition on the read-only grant: no secret plaintext (review i14 #9). */
const NO_SECRETS = " where request.permission != 'SECRET_BUNDLE_READ'";

/** A provider for `oci` that is not this package's OciProvider, as a hand-written binding would be. */
class ForeignOciProvider extends TerraformProvider {}

type Synth = ReturnType<typeof synthGalley>;
const policies = (s: Synth) => Object.fromEntries(s.resources('oci_identity_policy').map((p) => [p.name.split('-')[1], p]));
const groupRef = (s: Synth) => `\${${addressOf(s.json, 'oci_identity_dynamic_group', 'dynamic-group')}.name}`;
const bucketRef = (s: Synth) => `\${${addressOf(s.json, 'oci_objectstorage_bucket', 'sessions-bucket')}.name}`;

describe('GalleyDeployment identity: through the home region', () => {
  const s = synthGalley();

  test('the dynamic group matches exactly this container instance, in the tenancy the ADs name', () => {
    const group = s.resource('oci_identity_dynamic_group');
    const ads = addressOf(s.json, 'oci_identity_availability_domains', 'availability-domains');
    expect(group.compartment_id).toBe(`\${${ads}.availability_domains[0].compartment_id}`);
    expect(group.matching_rule).toBe(
      `ALL {resource.type = 'computecontainerinstance', resource.id = '\${${addressOf(s.json, CI, 'container-instance')}.id}'}`,
    );
    expect(group.name).toBe(`galley-\${${addressOf(s.json, 'terraform_data', 'name-suffix')}.output["value"]}`);
  });

  test('exactly one aliased provider, for the home region that the region subscriptions of the ADs\' tenancy name', () => {
    const providers: any[] = s.json.provider.oci;
    const aliased = providers.filter((p) => p.alias !== undefined);
    expect(aliased).toHaveLength(1);
    const subscriptions = addressOf(s.json, 'oci_identity_region_subscriptions', 'home-region');
    expect(aliased[0]).toEqual({ alias: 'galley_home_region', region: `\${${subscriptions}.region_subscriptions[0].region_name}` });
    const ads = addressOf(s.json, 'oci_identity_availability_domains', 'availability-domains');
    expect(s.dataSource('oci_identity_region_subscriptions')).toEqual(expect.objectContaining({
      tenancy_id: `\${${ads}.availability_domains[0].compartment_id}`,
      filter: [{ name: 'is_home_region', values: ['true'] }],
    }));
    // Read through the stack's own provider: any region can read it.
    expect(s.dataSource('oci_identity_region_subscriptions').provider).toBeUndefined();
  });

  test('every identity resource, and only those, uses the home-region provider', () => {
    for (const [type, byName] of Object.entries<Record<string, any>>(s.json.resource)) {
      for (const body of Object.values(byName)) {
        expect([type, body.provider]).toEqual([type, IDENTITY_TYPES.includes(type) ? 'oci.galley_home_region' : undefined]);
      }
    }
    expect(s.resources('oci_identity_policy')).toHaveLength(3);
  });

  test('a composing app may pass its own home-region provider: then no data source and no provider of ours', () => {
    const json = JSON.parse(Testing.synthScope((scope) => {
      const provider = GalleyDeployment.createOciProvider(scope, 'oci', { region: 'eu-frankfurt-1' });
      const home = GalleyDeployment.createOciProvider(scope, 'oci-home', { region: 'us-ashburn-1', alias: 'home' });
      new GalleyDeployment(scope, 'galley', { compartmentId: COMPARTMENT, region: 'eu-frankfurt-1', provider, homeRegionProvider: home });
    }));
    expect(json.provider.oci).toEqual([{ region: 'eu-frankfurt-1' }, { alias: 'home', region: 'us-ashburn-1' }]);
    expect(json.data.oci_identity_region_subscriptions).toBeUndefined();
    for (const type of IDENTITY_TYPES) {
      for (const body of Object.values<any>(json.resource[type])) expect(body.provider).toBe('oci.home');
    }
  });

  test('the home-region provider signs in like the given one', () => {
    const json = JSON.parse(Testing.synthScope((scope) => {
      const provider = GalleyDeployment.createOciProvider(scope, 'oci', { region: REGION, configFileProfile: 'POC', auth: 'SecurityToken' });
      new GalleyDeployment(scope, 'poc', { compartmentId: COMPARTMENT, region: REGION, provider });
    }));
    expect(json.provider.oci[1]).toEqual(expect.objectContaining({ alias: 'poc_home_region', config_file_profile: 'POC', auth: 'SecurityToken' }));
  });

  test('another kind of provider cannot be copied: the home-region one then warns that it uses default credentials', () => {
    let galley!: GalleyDeployment;
    Testing.synthScope((scope) => {
      const provider = new ForeignOciProvider(scope, 'other', { terraformResourceType: 'oci', terraformGeneratorMetadata: { providerName: 'oci' } });
      galley = new GalleyDeployment(scope, 'galley', { compartmentId: COMPARTMENT, region: REGION, provider });
    });
    const warnings = galley.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual([expect.stringContaining('pass `homeRegionProvider`')]);
  });
});

describe('GalleyDeployment identity: the home-region provider, in any stack (review i14)', () => {
  const homeOf = (json: any) => (json.provider.oci as any[]).filter((p) => p.alias !== undefined);

  test('two GalleyDeployments with the same id under different parents get distinct aliases, each used by its own identity resources', () => {
    const json = JSON.parse(Testing.synthScope((scope) => {
      new GalleyDeployment(new Construct(scope, 'prod'), 'galley', { compartmentId: COMPARTMENT, region: REGION });
      new GalleyDeployment(new Construct(scope, 'dev'), 'galley', { compartmentId: COMPARTMENT, region: REGION });
    }));
    const aliases = homeOf(json).map((p) => p.alias as string);
    expect(aliases).toEqual([expect.stringMatching(/^prod_galley_home_region_[0-9a-f]{8}$/), expect.stringMatching(/^dev_galley_home_region_[0-9a-f]{8}$/)]);
    const used = Object.values<any>(json.resource.oci_identity_policy).map((p) => p.provider.replace(/^oci\./, ''));
    expect(new Set(used)).toEqual(new Set(aliases));
  });

  test('an id Terraform cannot use as an identifier is sanitized, and still unique', () => {
    const json = JSON.parse(Testing.synthScope((scope) => {
      new GalleyDeployment(scope, '1.galley', { compartmentId: COMPARTMENT, region: REGION });
      new GalleyDeployment(scope, '1_galley', { compartmentId: COMPARTMENT, region: REGION });
    }));
    const aliases = homeOf(json).map((p) => p.alias as string);
    expect(new Set(aliases).size).toBe(2);
    for (const alias of aliases) expect(alias).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
  });

  test('no `provider` prop: it signs in like the stack\'s default oci provider, created before or after the construct', () => {
    for (const order of ['before', 'after'] as const) {
      const json = JSON.parse(Testing.synthScope((scope) => {
        const make = () => GalleyDeployment.createOciProvider(scope, 'oci', { region: REGION, auth: 'InstancePrincipal', configFileProfile: 'POC' });
        if (order === 'before') make();
        new GalleyDeployment(scope, 'galley', { compartmentId: COMPARTMENT, region: REGION });
        if (order === 'after') make();
      }));
      expect([order, homeOf(json)]).toEqual([order, [expect.objectContaining({ auth: 'InstancePrincipal', config_file_profile: 'POC' })]]);
    }
  });

  test('no `provider` prop and a default provider of another kind: a warning, as for a foreign `provider`', () => {
    let galley!: GalleyDeployment;
    Testing.synthScope((scope) => {
      new ForeignOciProvider(scope, 'other', { terraformResourceType: 'oci', terraformGeneratorMetadata: { providerName: 'oci' } });
      galley = new GalleyDeployment(scope, 'galley', { compartmentId: COMPARTMENT, region: REGION });
    });
    const warnings = galley.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/^the stack's default `oci` provider is not .*pass `homeRegionProvider`/)]);
  });

  test('no provider anywhere: both use the provider\'s own defaults, so nothing to copy and no warning', () => {
    const s = synthGalley();
    expect(homeOf(s.json)).toEqual([expect.not.objectContaining({ auth: expect.anything() })]);
    expect(s.galley.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });
});

describe('GalleyDeployment identity: least privilege', () => {
  test.each([
    ['ghcr.io/galley/galley-mcp', false],
    ['nrt.ocir.io/axaxnpcrorw5/galley', true],
    ['ocir.ap-tokyo-1.oci.oraclecloud.com/axaxnpcrorw5/galley', true],
  ])('image %s: the runtime policy is scoped to this bucket; read repos only for OCIR (%s)', (imageRepository, ocir) => {
    const s = synthGalley({ imageRepository, workCompartmentId: WORK_COMPARTMENT });
    const statements: string[] = policies(s).runtime.statements;
    expect(statements.some((st) => st.includes(' read repos '))).toBe(ocir);
    for (const statement of statements) {
      expect(statement.startsWith(`Allow dynamic-group ${groupRef(s)} to `)).toBe(true);
      expect(statement).toMatch(new RegExp(` in compartment id ${COMPARTMENT}( |$)`));
      if (/ (objects|buckets|object-family) /.test(statement)) expect(statement).toContain(`target.bucket.name = '${bucketRef(s)}'`);
    }
  });

  test('no read buckets; object access is exactly the permissions the storage code uses, each for a call it makes', () => {
    const s = synthGalley();
    const all = s.resources('oci_identity_policy').flatMap((p) => p.statements as string[]);
    expect(all.join('\n')).not.toMatch(/\bbuckets\b/);
    const any = OBJECT_PERMISSIONS.map((p) => `request.permission = '${p.permission}'`).join(', ');
    expect(policies(s).runtime.statements).toEqual([
      `Allow dynamic-group ${groupRef(s)} to manage objects in compartment id ${COMPARTMENT} where all {target.bucket.name = '${bucketRef(s)}', any {${any}}}`,
    ]);
    // Why each one exists: the code path that needs it. A permission whose
    // code is gone fails here, and so does a duplicate.
    expect(new Set(OBJECT_PERMISSIONS.map((p) => p.permission)).size).toBe(OBJECT_PERMISSIONS.length);
    for (const { permission, source, use, why } of OBJECT_PERMISSIONS) {
      expect([permission, readFileSync(join(ROOT, source), 'utf8').includes(use)]).toEqual([permission, true]);
      expect(why).not.toBe('');
    }
    expect(OBJECT_PERMISSIONS.map((p) => p.permission).sort()).toEqual(
      ['OBJECT_CREATE', 'OBJECT_DELETE', 'OBJECT_INSPECT', 'OBJECT_OVERWRITE', 'OBJECT_READ'],
    );
  });

  test('the Object Storage service of the region may manage objects in this bucket only, for the lifecycle rule', () => {
    const s = synthGalley();
    expect(policies(s).lifecycle).toMatchObject({
      compartment_id: COMPARTMENT,
      statements: [
        `Allow service objectstorage-${REGION} to manage object-family in compartment id ${COMPARTMENT} where target.bucket.name = '${bucketRef(s)}'`,
      ],
    });
  });

  test('tenancy-wide names carry the prefix and the per-stack suffix', () => {
    const s = synthGalley({ namePrefix: 'poc' });
    const suffix = `\${${addressOf(s.json, 'terraform_data', 'name-suffix')}.output["value"]}`;
    expect(s.resource('oci_identity_dynamic_group').name).toBe(`poc-${suffix}`);
    expect(s.resource('oci_objectstorage_bucket').name).toBe(`poc-sessions-${suffix}`);
    expect(s.resources('oci_identity_policy').map((p) => p.name).sort()).toEqual(
      [`poc-lifecycle-${suffix}`, `poc-runtime-${suffix}`, `poc-work-${suffix}`],
    );
  });
});

describe('GalleyDeployment identity: a tenancy OCID as the compartment', () => {
  test('every statement about it says "in tenancy", as OCI\'s syntax for the root compartment has it', () => {
    const s = synthGalley({ compartmentId: TENANCY });
    const all = s.resources('oci_identity_policy').flatMap((p) => p.statements as string[]);
    expect(all).toHaveLength(3);
    for (const statement of all) {
      expect(statement).toMatch(/ in tenancy( |$)/);
      expect(statement).not.toContain('compartment id');
    }
    expect(policies(s).work.statements).toEqual([`Allow dynamic-group ${groupRef(s)} to read all-resources in tenancy${NO_SECRETS}`]);
  });

  test('a work compartment under it is still named by id', () => {
    const s = synthGalley({ compartmentId: TENANCY, workCompartmentId: WORK_COMPARTMENT });
    expect(policies(s).runtime.statements[0]).toContain(' in tenancy where ');
    for (const statement of policies(s).work.statements) expect(statement).toMatch(new RegExp(` in compartment id ${WORK_COMPARTMENT}( where |$)`));
  });

  // Review i14 F1: `in tenancy` covers every compartment, Galley's own included.
  test('as the work compartment while compartmentId is a sub-compartment: refused at synth, naming the prop and echoing the value', () => {
    expect(() => synthGalley({ compartmentId: COMPARTMENT, workCompartmentId: TENANCY })).toThrow(
      '`workCompartmentId` may be the tenancy only when `compartmentId` is the tenancy too (a work policy "in tenancy" ' +
      `covers Galley's own compartment ${COMPARTMENT}): give a compartment, got: "${TENANCY}"`,
    );
  });

  test('as both: allowed, read-only, and no precondition is needed', () => {
    const s = synthGalley({ compartmentId: TENANCY, workCompartmentId: TENANCY });
    expect(policies(s).work.statements).toEqual([`Allow dynamic-group ${groupRef(s)} to read all-resources in tenancy${NO_SECRETS}`]);
    expect(policies(s).work.lifecycle).toBeUndefined();
  });

  test('known only to Terraform: the work policy carries a precondition that refuses it (evaluated in test/deploy)', () => {
    const json = JSON.parse(Testing.synthScope((scope) => {
      const work = new TerraformVariable(scope, 'work', { type: 'string' });
      new GalleyDeployment(scope, 'galley', { compartmentId: COMPARTMENT, region: REGION, workCompartmentId: work.stringValue });
    }));
    const work = Object.values<any>(json.resource.oci_identity_policy).find((p) => p.name.startsWith('galley-work-'));
    expect(work.lifecycle.precondition).toEqual([{
      condition: `\${(!(substr(var.work, 0, 14) == "ocid1.tenancy.") || (var.work == "${COMPARTMENT}"))}`,
      error_message: expect.stringContaining('may be the tenancy only when Galley\'s own compartment is the tenancy too'),
    }]);
  });
});

describe('GalleyDeployment identity: the work compartment (issue 13)', () => {
  const workStatements = (s: Synth) => policies(s).work.statements as string[];
  const permissionsOf = (s: Synth, location: string) => workStatements(s).map((st) => {
    const prefix = `Allow dynamic-group ${groupRef(s)} to `;
    const clean = st.endsWith(NO_SECRETS) ? st.slice(0, -NO_SECRETS.length) : st;
    expect(clean.startsWith(prefix) && clean.endsWith(` in ${location}`)).toBe(true);
    return clean.slice(prefix.length, -` in ${location}`.length);
  });

  test.each([
    ['unset', {}],
    ['equal to compartmentId', { workCompartmentId: COMPARTMENT }],
  ])('%s: read-only, so Galley never changes its own infrastructure', (_case, props) => {
    const s = synthGalley(props);
    expect(policies(s).work.compartment_id).toBe(COMPARTMENT);
    expect(permissionsOf(s, `compartment id ${COMPARTMENT}`)).toEqual(['read all-resources']);
  });

  test('distinct: Resource Manager stacks and jobs, and manage on the catalog\'s families, there and only there', () => {
    const s = synthGalley({ workCompartmentId: WORK_COMPARTMENT });
    const work = policies(s).work;
    expect(work.compartment_id).toBe(WORK_COMPARTMENT);
    expect(permissionsOf(s, `compartment id ${WORK_COMPARTMENT}`)).toEqual(
      [...READ_ONLY_WORK_GRANTS, ...INFRA_WORK_GRANTS].map((g) => g.permission),
    );
    for (const needed of ['manage orm-stacks', 'manage orm-jobs', 'manage virtual-network-family', 'manage instance-family',
      'manage cluster-family', 'manage functions-family', 'manage compute-container-family', 'manage autonomous-database-family',
      'manage mysql-family', 'manage postgres-db-systems', 'manage nosql-family', 'manage object-family', 'manage file-family',
      'manage load-balancers', 'manage network-load-balancers', 'manage api-gateway-family', 'manage stream-family',
      'manage queues', 'manage vaults', 'manage keys', 'manage bastion-family', 'manage generative-ai-family']) {
      expect(permissionsOf(s, `compartment id ${WORK_COMPARTMENT}`)).toContain(needed);
    }
    for (const grant of INFRA_WORK_GRANTS) expect([grant.permission, grant.why.length > 10]).toEqual([grant.permission, true]);
    // Nothing beyond the work compartment grants more than Galley's own bucket and image.
    const elsewhere = s.resources('oci_identity_policy').filter((p) => p !== work).flatMap((p) => p.statements as string[]);
    expect(elsewhere.join('\n')).not.toMatch(/orm-|-family in compartment id ocid1\.compartment\.oc1\.\.aaaaaaaagalleywork/);
    expect(workStatements(s).join('\n')).not.toMatch(/all-resources in (tenancy|compartment id ocid1\.compartment\.oc1\.\.aaaaaaaagalleytest)/);
    expect(workStatements(s).join('\n')).not.toContain('manage all-resources');
  });

  test('workCompartmentPermissions replaces the default', () => {
    const s = synthGalley({ workCompartmentId: WORK_COMPARTMENT, workCompartmentPermissions: ['read instances', 'use vnics'] });
    expect(permissionsOf(s, `compartment id ${WORK_COMPARTMENT}`)).toEqual(['read instances', 'use vnics']);
  });

  test('grantWorkCompartmentAccess() adds a scoped statement to the default', () => {
    const s = synthGalley({}, (_scope, galley) => galley.grantWorkCompartmentAccess('manage object-family'));
    expect(permissionsOf(s, `compartment id ${COMPARTMENT}`)).toEqual(['read all-resources', 'manage object-family']);
  });
});
