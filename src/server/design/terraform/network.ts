export { notImplemented as vcnTerraform } from './not-implemented';
export { notImplemented as subnetTerraform } from './not-implemented';
export { notImplemented as internetGatewayTerraform } from './not-implemented';
export { notImplemented as natGatewayTerraform } from './not-implemented';
export { notImplemented as serviceGatewayTerraform } from './not-implemented';
export { notImplemented as routeTableTerraform } from './not-implemented';
export { notImplemented as securityListTerraform } from './not-implemented';
export { notImplemented as networkSecurityGroupTerraform } from './not-implemented';
