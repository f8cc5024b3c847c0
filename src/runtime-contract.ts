/**
 * The environment variables that connect the deployment to the server.
 *
 * `GalleyDeployment` sets these on the container and the server's config reads
 * them; both import the names from here so the two cannot drift apart.
 */
export const GALLEY_ENV = {
  host: 'GALLEY_HOST',
  port: 'GALLEY_PORT',
  urlToken: 'GALLEY_URL_TOKEN',
  storage: 'GALLEY_STORAGE',
  dataDir: 'GALLEY_DATA_DIR',
  bucket: 'GALLEY_BUCKET',
  namespace: 'GALLEY_NAMESPACE',
  region: 'GALLEY_REGION',
  workCompartmentId: 'GALLEY_WORK_COMPARTMENT_ID',
  /**
   * Galley's own compartment. The infra tools change the work compartment only
   * when it is set and differs from this one: Galley never changes its own
   * infrastructure.
   */
  compartmentId: 'GALLEY_COMPARTMENT_ID',
  logLevel: 'GALLEY_LOG_LEVEL',
  /** Open legacy SSE streams allowed at once; the construct leaves the default. */
  maxSseStreams: 'GALLEY_MAX_SSE_STREAMS',
  /** Overrides the regional Object Storage endpoint (tests, private endpoints); the construct never sets it. */
  objectStorageEndpoint: 'GALLEY_OBJECT_STORAGE_ENDPOINT',
  /** Overrides the regional Resource Manager endpoint (tests); the construct never sets it. */
  resourceManagerEndpoint: 'GALLEY_RESOURCE_MANAGER_ENDPOINT',
  /** The `oci` executable `run_oci_cli` runs; defaults to `oci` on the PATH. */
  ociCli: 'GALLEY_OCI_CLI',
} as const;

/**
 * The OCI variables the server reads to choose how it authenticates: Resource
 * Principal when the first is set (Container Instances set it), otherwise the
 * `~/.oci/config` profile the other two name.
 */
export const OCI_AUTH_ENV = {
  resourcePrincipalVersion: 'OCI_RESOURCE_PRINCIPAL_VERSION',
  configFile: 'OCI_CONFIG_FILE',
  configProfile: 'OCI_CONFIG_PROFILE',
} as const;

/** The port the server listens on unless told otherwise. */
export const GALLEY_DEFAULT_PORT = 8000;

/** The path of the liveness endpoint, the only route without the URL token. */
export const GALLEY_HEALTH_PATH = '/health';
