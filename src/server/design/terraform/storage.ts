export { notImplemented as objectStorageBucketTerraform } from './not-implemented';
export { notImplemented as fileStorageTerraform } from './not-implemented';
