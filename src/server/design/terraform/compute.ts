export { notImplemented as computeInstanceTerraform } from './not-implemented';
export { notImplemented as okeClusterTerraform } from './not-implemented';
export { notImplemented as okeNodePoolTerraform } from './not-implemented';
export { notImplemented as functionsApplicationTerraform } from './not-implemented';
export { notImplemented as containerInstanceTerraform } from './not-implemented';
