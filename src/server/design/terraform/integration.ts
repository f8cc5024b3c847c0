export { notImplemented as streamingTerraform } from './not-implemented';
export { notImplemented as queueTerraform } from './not-implemented';
