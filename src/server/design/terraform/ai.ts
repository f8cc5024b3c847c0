export { notImplemented as generativeAiTerraform } from './not-implemented';
