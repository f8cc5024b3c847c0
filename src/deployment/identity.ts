import { Fn, Lazy, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { isAllowedWorkCompartment, isDistinct, policyLocation } from './policy-location';
import type { ResolvedProps } from './props';
import { INFRA_WORK_GRANTS, MAX_POLICY_STATEMENTS, READ_ONLY_WORK_GRANTS } from './work-grants';
import { IdentityDynamicGroup } from '../generated/oci/identity-dynamic-group';
import { IdentityPolicy } from '../generated/oci/identity-policy';

/** Hosts of Oracle Cloud Infrastructure Registry: `<key>.ocir.io` and `ocir.<region>.oci.oraclecloud.com`. */
const OCIR_REPOSITORY = /^([a-z0-9-]+\.ocir\.io|ocir\.[a-z0-9-]+\.oci\.oraclecloud\.com)\//;

/**
 * The object permissions the server needs in its bucket, each with the code
 * that needs it: `source` (a repository path) calls `use`. The namespace is
 * passed in, so no bucket or namespace read (`read buckets` is not granted).
 */
export const OBJECT_PERMISSIONS: ReadonlyArray<{
  readonly permission: string;
  readonly why: string;
  readonly source: string;
  readonly use: string;
}> = [
  {
    permission: 'OBJECT_READ',
    why: 'GetObject: reading a session and its ETag',
    source: 'src/server/storage/object-storage-session-store.ts',
    use: 'client.getObject(',
  },
  {
    permission: 'OBJECT_CREATE',
    why: 'PutObject with If-None-Match: creating a session; writing artifacts',
    source: 'src/server/storage/object-storage-session-store.ts',
    use: 'client.putObject(',
  },
  {
    permission: 'OBJECT_OVERWRITE',
    why: 'PutObject with If-Match: saving a session over its previous version',
    source: 'src/server/storage/object-storage-session-store.ts',
    use: 'ifMatch: expectedVersion',
  },
  {
    permission: 'OBJECT_INSPECT',
    why: 'ListObjects: listing a session\'s artifacts (exports, Terraform)',
    source: 'src/server/storage/object-storage-artifact-store.ts',
    use: 'client.listObjects(',
  },
  {
    permission: 'OBJECT_DELETE',
    why: 'DeleteObject: export_iac replaces the session\'s Terraform directory wholesale',
    source: 'src/server/storage/object-storage-artifact-store.ts',
    use: 'client.deleteObject(',
  },
];

export function isOcirRepository(repository: string): boolean {
  return OCIR_REPOSITORY.test(repository);
}

export interface IdentityInputs {
  readonly tenancyId: string;
  readonly containerInstanceId: string;
  readonly bucketName: string;
  readonly suffix: string;
  /** The home-region provider: IAM writes are accepted only there. */
  readonly provider: TerraformProvider;
}

export interface GalleyIdentity {
  readonly dynamicGroup: IdentityDynamicGroup;
  readonly storagePolicy: IdentityPolicy;
  readonly workPolicy: IdentityPolicy;
  readonly objectStorageServicePolicy: IdentityPolicy;
  /** Adds grants after construction (read when the stack is synthesized); refuses more than a policy holds. */
  addWorkPermissions(permissions: readonly string[]): void;
}

/**
 * A dynamic group that matches exactly this Container Instance, and policies
 * that let it use this bucket, pull its image from OCIR, and do what the work
 * compartment grants allow there; plus the Object Storage service's right to
 * apply the bucket's lifecycle rule. Nothing tenancy-wide, unless the
 * compartment given is the tenancy itself.
 */
export function createIdentity(scope: Construct, props: ResolvedProps, inputs: IdentityInputs): GalleyIdentity {
  const { namePrefix } = props;
  const provider = inputs.provider;
  const groupName = `${namePrefix}-${inputs.suffix}`;
  const dynamicGroup = new IdentityDynamicGroup(scope, 'dynamic-group', {
    provider,
    // Dynamic groups live in the tenancy; the suffix lets two stacks share one.
    compartmentId: inputs.tenancyId,
    name: groupName,
    description: 'The Galley MCP server container instance',
    matchingRule: `ALL {resource.type = 'computecontainerinstance', resource.id = '${inputs.containerInstanceId}'}`,
  });
  const subject = `Allow dynamic-group ${dynamicGroup.name} to`;
  const inCompartment = `in ${policyLocation(props.compartmentId)}`;
  const thisBucket = `target.bucket.name = '${inputs.bucketName}'`;
  const objectPermissions = OBJECT_PERMISSIONS.map((p) => `request.permission = '${p.permission}'`).join(', ');

  const storageStatements = [
    `${subject} manage objects ${inCompartment} where all {${thisBucket}, any {${objectPermissions}}}`,
  ];
  if (isOcirRepository(props.imageRepository)) {
    storageStatements.push(`${subject} read repos ${inCompartment}`);
  }
  const storagePolicy = new IdentityPolicy(scope, 'storage-policy', {
    provider,
    compartmentId: props.compartmentId,
    name: `${namePrefix}-runtime-${inputs.suffix}`,
    description: 'Galley: its sessions bucket and its image',
    statements: storageStatements,
  });

  // The lifecycle rule deletes old object versions as the Object Storage
  // service of this region, which needs its own grant, for this bucket only.
  const objectStorageServicePolicy = new IdentityPolicy(scope, 'object-storage-service-policy', {
    provider,
    compartmentId: props.compartmentId,
    name: `${namePrefix}-lifecycle-${inputs.suffix}`,
    description: 'Galley: lets Object Storage delete old session versions by the bucket lifecycle rule',
    statements: [`Allow service objectstorage-${props.region} to manage object-family ${inCompartment} where ${thisBucket}`],
  });

  const extraWorkPermissions: string[] = [];
  const inWork = `in ${policyLocation(props.workCompartmentId)}`;
  const statementsOf = (grants: readonly Grant[]) => grants.map((g) =>
    `${subject} ${g.permission} ${inWork}${g.condition === undefined ? '' : ` where ${g.condition}`}`);
  const allowed = isAllowedWorkCompartment(props.workCompartmentId, props.compartmentId);
  const workPolicy = new IdentityPolicy(scope, 'work-policy', {
    provider,
    compartmentId: props.workCompartmentId,
    name: `${namePrefix}-work-${inputs.suffix}`,
    description: 'Galley: what its tools may do in the work compartment',
    statements: Token.asList(Lazy.anyValue({
      produce: () => {
        checkStatementCount(props, extraWorkPermissions.length);
        const base = baseWorkStatements(props, statementsOf);
        const extra = statementsOf(extraWorkPermissions.map((permission) => ({ permission })));
        if (Array.isArray(base)) return [...base, ...extra];
        return extra.length === 0 ? base : Fn.concat([base, extra]);
      },
    })),
    // Known values were checked at synth (validateProps); a Terraform variable is checked here, before any grant exists.
    lifecycle: typeof allowed === 'boolean' ? undefined : {
      precondition: [{
        condition: allowed,
        errorMessage: 'The work compartment may be the tenancy only when Galley\'s own compartment is the tenancy too: ' +
          'a work policy "in tenancy" would cover Galley\'s own infrastructure. Give a compartment OCID.',
      }],
    },
  });
  const addWorkPermissions = (permissions: readonly string[]) => {
    checkStatementCount(props, extraWorkPermissions.length + permissions.length);
    extraWorkPermissions.push(...permissions);
  };
  return { dynamicGroup, storagePolicy, workPolicy, objectStorageServicePolicy, addWorkPermissions };
}

type Grant = { readonly permission: string; readonly condition?: string };

/**
 * OCI refuses a policy of more than 50 statements, at apply. Refused here
 * instead, whenever the count is known at synth: the given permissions, or
 * the longest the default can be (Terraform may still choose the shorter).
 */
function checkStatementCount(props: ResolvedProps, extra: number): void {
  const given = props.workCompartmentPermissions;
  if (given !== undefined && Token.isUnresolved(given)) return;
  const distinct = isDistinct(props.workCompartmentId, props.compartmentId);
  const base = given?.length ?? READ_ONLY_WORK_GRANTS.length + (distinct === false ? 0 : INFRA_WORK_GRANTS.length);
  const count = base + extra;
  if (count > MAX_POLICY_STATEMENTS) {
    throw new Error(
      `The work policy would hold ${count} statements (${base} from \`workCompartmentPermissions\` or its default, ` +
      `${extra} from \`grantWorkCompartmentAccess()\`); OCI accepts at most ${MAX_POLICY_STATEMENTS} in a policy`,
    );
  }
}

/**
 * The given permissions; otherwise read-only, plus the infra tools' grants
 * when the work compartment is distinct from Galley's own, so Galley never
 * gets to change its own infrastructure. When that is known only to
 * Terraform, Terraform chooses.
 */
function baseWorkStatements(props: ResolvedProps, statementsOf: (g: readonly Grant[]) => string[]): string[] | unknown {
  if (props.workCompartmentPermissions) return statementsOf(props.workCompartmentPermissions.map((permission) => ({ permission })));
  const readOnly = statementsOf(READ_ONLY_WORK_GRANTS);
  const infra = statementsOf([...READ_ONLY_WORK_GRANTS, ...INFRA_WORK_GRANTS]);
  const distinct = isDistinct(props.workCompartmentId, props.compartmentId);
  if (typeof distinct === 'boolean') return distinct ? infra : readOnly;
  // tolist: both branches become one type, list(string), whatever their lengths.
  return Fn.conditional(distinct, Fn.tolist(infra), Fn.tolist(readOnly));
}
