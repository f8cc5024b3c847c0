import { synthGalley, WORK_COMPARTMENT } from './synth';
import { INFRA_WORK_GRANTS, MAX_POLICY_STATEMENTS, READ_ONLY_WORK_GRANTS } from '../../src/deployment/work-grants';

/**
 * Every resource type the work policy names, with the Oracle page that
 * documents it (found through the docs search during the i14 review). OCI
 * rejects a policy that names an unknown type, at apply, so a misspelt one
 * (`postgres-configuration`) would fail only in a real tenancy.
 * `reread: false`: the page was not re-read in that review; the name is the
 * one Oracle's per-service policy page uses, to be checked when next touched.
 */
const DOCUMENTED: Record<string, { url: string; reread: boolean }> = {
  'all-resources': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/policyreference.htm', reread: true },
  'orm-stacks': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/resourcemanagerpolicyreference.htm', reread: true },
  'orm-jobs': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/resourcemanagerpolicyreference.htm', reread: true },
  'virtual-network-family': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/corepolicyreference.htm', reread: true },
  'instance-family': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/corepolicyreference.htm', reread: true },
  'volume-family': { url: 'https://docs.oracle.com/en-us/iaas/Content/Identity/policiesgs/policies_topic-ResourceTypes.htm', reread: true },
  'cluster-family': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/contengpolicyreference.htm', reread: true },
  'functions-family': { url: 'https://docs.oracle.com/es-ww/iaas/Content/Identity/Reference/functionspolicyreference.htm', reread: true },
  'compute-container-family': { url: 'https://docs.cloud.oracle.com/iaas/Content/container-instances/permissions/policy-reference.htm', reread: true },
  'autonomous-database-family': { url: 'https://docs.oracle.com/iaas/Content/Identity/policyreference/adbpolicyreference.htm', reread: true },
  'mysql-family': { url: 'https://docs.oracle.com/en-us/iaas/mysql-database/doc/resource-types.html', reread: true },
  'postgres-db-systems': { url: 'https://docs.cloud.oracle.com/iaas/Content/postgresql/policies.htm', reread: true },
  'postgres-configurations': { url: 'https://docs.cloud.oracle.com/iaas/Content/postgresql/policies.htm', reread: true },
  'postgres-backups': { url: 'https://docs.cloud.oracle.com/iaas/Content/postgresql/policies.htm', reread: true },
  'nosql-family': { url: 'https://docs.oracle.com/iaas/nosql-database/doc/policy-reference.html', reread: false },
  'object-family': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/objectstoragepolicyreference.htm', reread: false },
  'file-family': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/filestoragepolicyreference.htm', reread: false },
  'load-balancers': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/lbpolicyreference.htm', reread: false },
  'network-load-balancers': { url: 'https://docs.oracle.com/iaas/Content/NetworkLoadBalancer/Policies/policies.htm', reread: false },
  'api-gateway-family': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/apigatewaypolicyreference.htm', reread: true },
  'stream-family': { url: 'https://docs.oracle.com/iaas/Content/Identity/Reference/streamingpolicyreference.htm', reread: false },
  'queues': { url: 'https://docs.oracle.com/en-us/iaas/Content/queue/policy-reference.htm', reread: true },
  'vaults': { url: 'https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/keypolicyreference.htm', reread: true },
  'keys': { url: 'https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/keypolicyreference.htm', reread: true },
  'bastion-family': { url: 'https://docs.oracle.com/iaas/Content/Bastion/Reference/bastionpolicyreference.htm', reread: true },
  'generative-ai-family': { url: 'https://docs.oracle.com/en/cloud/iaas/disaster-recovery/cssgm/gen-ai-policies.html', reread: true },
};

describe('work grants: what Oracle documents', () => {
  test.each([...READ_ONLY_WORK_GRANTS, ...INFRA_WORK_GRANTS].map((g) => [g.permission]))('%s names a documented resource type', (permission) => {
    const type = permission.split(' ')[1];
    expect([type, DOCUMENTED[type]?.url]).toEqual([type, expect.stringMatching(/^https:\/\/docs\.(cloud\.)?oracle\.com\//)]);
  });

  test('the synthesized work policy names only documented types (postgres-configurations, plural)', () => {
    const s = synthGalley({ workCompartmentId: WORK_COMPARTMENT });
    const work = s.resources('oci_identity_policy').find((p) => String(p.name).startsWith('galley-work-'))!;
    const types = (work.statements as string[]).map((st) => st.split(' ')[5]);
    expect(types).toContain('postgres-configurations');
    expect(types.filter((t) => DOCUMENTED[t] === undefined)).toEqual([]);
  });

  test('read all-resources leaves out secret bundles: GetSecretBundle needs SECRET_BUNDLE_READ, which no read-only tool needs', () => {
    // keypolicyreference.htm: read secret-bundles = SECRET_BUNDLE_READ (GetSecretBundle);
    // conditions.htm: "variable =|!= value"; request.permission is a general variable.
    expect(READ_ONLY_WORK_GRANTS).toEqual([expect.objectContaining({
      permission: 'read all-resources', condition: "request.permission != 'SECRET_BUNDLE_READ'",
    })]);
    const s = synthGalley();
    const work = s.resources('oci_identity_policy').find((p) => String(p.name).startsWith('galley-work-'))!;
    expect(work.statements).toEqual([expect.stringMatching(/ to read all-resources in compartment id \S+ where request\.permission != 'SECRET_BUNDLE_READ'$/)]);
  });
});

describe('work grants: at most 50 statements in the work policy', () => {
  const base = READ_ONLY_WORK_GRANTS.length + INFRA_WORK_GRANTS.length;
  const extra = (n: number) => Array.from({ length: n }, (_, i) => `read type-${i}`);

  test('the default plus grantWorkCompartmentAccess() up to 50: accepted', () => {
    const s = synthGalley({ workCompartmentId: WORK_COMPARTMENT },
      (_scope, g) => g.grantWorkCompartmentAccess(...extra(MAX_POLICY_STATEMENTS - base)));
    const work = s.resources('oci_identity_policy').find((p) => String(p.name).startsWith('galley-work-'))!;
    expect(work.statements).toHaveLength(MAX_POLICY_STATEMENTS);
  });

  test('one more: refused when granted, naming the count', () => {
    expect(() => synthGalley({ workCompartmentId: WORK_COMPARTMENT }, (_scope, g) => {
      for (const p of extra(MAX_POLICY_STATEMENTS - base + 1)) g.grantWorkCompartmentAccess(p);
    })).toThrow(`The work policy would hold 51 statements (${base} from \`workCompartmentPermissions\` or its default, ${51 - base} from \`grantWorkCompartmentAccess()\`); OCI accepts at most 50 in a policy`);
  });

  test('workCompartmentPermissions alone beyond 50: refused', () => {
    expect(() => synthGalley({ workCompartmentPermissions: extra(51) })).toThrow('The work policy would hold 51 statements');
  });

  test('read-only default (same compartment): only its one statement counts', () => {
    expect(() => synthGalley({}, (_scope, g) => g.grantWorkCompartmentAccess(...extra(49)))).not.toThrow();
    expect(() => synthGalley({}, (_scope, g) => g.grantWorkCompartmentAccess(...extra(50)))).toThrow('would hold 51 statements');
  });
});
