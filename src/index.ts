// The jsii API of galley-mcp. The GalleyDeployment construct lands here; the
// server (src/server) ships in the same package but is not part of this API.
export { GALLEY_ENV, GALLEY_DEFAULT_PORT, GALLEY_HEALTH_PATH } from './runtime-contract';
