export { notImplemented as loadBalancerTerraform } from './not-implemented';
export { notImplemented as networkLoadBalancerTerraform } from './not-implemented';
export { notImplemented as apiGatewayTerraform } from './not-implemented';
