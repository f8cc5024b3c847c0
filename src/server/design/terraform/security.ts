export { notImplemented as vaultTerraform } from './not-implemented';
export { notImplemented as bastionTerraform } from './not-implemented';
