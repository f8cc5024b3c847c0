// The jsii API of galley-mcp: the GalleyDeployment construct and its types.
// The server (src/server) ships in the same package but is not part of it.
export { GalleyDeployment } from './deployment/deployment';
export type { GalleyDeploymentProps } from './deployment/props';
export type { GalleyOciProviderProps } from './deployment/oci-provider';
export { GALLEY_ENV, GALLEY_DEFAULT_PORT, GALLEY_HEALTH_PATH } from './runtime-contract';
