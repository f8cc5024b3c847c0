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
  logLevel: 'GALLEY_LOG_LEVEL',
} as const;

/** The port the server listens on unless told otherwise. */
export const GALLEY_DEFAULT_PORT = 8000;

/** The path of the liveness endpoint, the only route without the URL token. */
export const GALLEY_HEALTH_PATH = '/health';
