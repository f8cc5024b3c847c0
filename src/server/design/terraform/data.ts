export { notImplemented as autonomousDatabaseTerraform } from './not-implemented';
export { notImplemented as mysqlHeatwaveTerraform } from './not-implemented';
export { notImplemented as postgresqlTerraform } from './not-implemented';
export { notImplemented as nosqlTableTerraform } from './not-implemented';
