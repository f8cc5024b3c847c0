/** OCI accepts at most this many statements in one policy. */
export const MAX_POLICY_STATEMENTS = 50;

/**
 * What Galley's container may do in the work compartment, and why each grant
 * exists. The resource-type names are those of Oracle's policy reference.
 */
export interface WorkGrant {
  /** `<verb> <resource-type>`, as it follows `to` in a policy statement. */
  readonly permission: string;
  /** The code path or catalog entry that needs it. */
  readonly why: string;
  /** A `where` condition that narrows it, as OCI's policy syntax writes one. */
  readonly condition?: string;
}

/** Always granted: the tools read what is there (`run_oci_cli` list and get calls, the design's checks). */
export const READ_ONLY_WORK_GRANTS: readonly WorkGrant[] = [
  {
    permission: 'read all-resources',
    why: 'the read-only tools list and describe what the work compartment holds',
    // `read all-resources` covers `read secret-bundles`, i.e. GetSecretBundle:
    // the secrets' plaintext, which no read-only tool needs (Oracle's
    // keypolicyreference.htm; `!=` and request.permission are documented in
    // conditions.htm and "General Variables for All Requests").
    condition: "request.permission != 'SECRET_BUNDLE_READ'",
  },
];

/**
 * Granted only when the work compartment is distinct from Galley's own:
 * Resource Manager runs the exported Terraform with the permissions of the
 * principal that starts the job, here the container's, so the container needs
 * the stacks and jobs, and `manage` on every family the design catalog can create.
 */
export const INFRA_WORK_GRANTS: readonly WorkGrant[] = [
  { permission: 'manage orm-stacks', why: 'the infra tools create, update and delete one Resource Manager stack per session' },
  { permission: 'manage orm-jobs', why: 'the infra tools run plan, apply and destroy jobs and read their logs and outputs' },
  { permission: 'manage virtual-network-family', why: 'catalog: VCNs, subnets, gateways, route tables, security lists and NSGs' },
  { permission: 'manage instance-family', why: 'catalog: compute instances' },
  { permission: 'manage volume-family', why: 'catalog: the boot and block volumes of compute instances and node pools' },
  { permission: 'manage cluster-family', why: 'catalog: OKE clusters and node pools' },
  { permission: 'manage functions-family', why: 'catalog: Functions applications and functions' },
  { permission: 'manage compute-container-family', why: 'catalog: Container Instances' },
  { permission: 'manage autonomous-database-family', why: 'catalog: Autonomous Databases' },
  { permission: 'manage mysql-family', why: 'catalog: MySQL HeatWave DB systems' },
  { permission: 'manage postgres-db-systems', why: 'catalog: OCI Database with PostgreSQL DB systems' },
  { permission: 'manage postgres-configurations', why: 'catalog: the configurations PostgreSQL DB systems use' },
  { permission: 'manage postgres-backups', why: 'catalog: PostgreSQL backups, which destroying a DB system removes' },
  { permission: 'manage nosql-family', why: 'catalog: NoSQL tables' },
  { permission: 'manage object-family', why: 'catalog: Object Storage buckets' },
  { permission: 'manage file-family', why: 'catalog: File Storage file systems, mount targets and exports' },
  { permission: 'manage load-balancers', why: 'catalog: load balancers' },
  { permission: 'manage network-load-balancers', why: 'catalog: network load balancers' },
  { permission: 'manage api-gateway-family', why: 'catalog: API gateways and deployments' },
  { permission: 'manage stream-family', why: 'catalog: Streaming streams and stream pools' },
  { permission: 'manage queues', why: 'catalog: Queue queues' },
  { permission: 'manage vaults', why: 'catalog: Vault vaults' },
  { permission: 'manage keys', why: 'catalog: Vault master encryption keys' },
  { permission: 'manage bastion-family', why: 'catalog: Bastions and their sessions' },
  { permission: 'manage generative-ai-family', why: 'catalog: Generative AI endpoints and dedicated AI clusters' },
];
