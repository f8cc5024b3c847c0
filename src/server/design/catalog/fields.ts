import type { LocalizedText } from '../../hearing/catalog-types';
import type { ConfigField } from '../catalog-types';

/** English first, as in the hearing catalog. */
export const text = (en: string, ja: string): LocalizedText => ({ en, ja });

/** An IPv4 CIDR block such as `10.0.0.0/16`. */
export const CIDR_PATTERN = '^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}/([0-9]|[12][0-9]|3[0-2])$';

/** An OCI shape name: dotted words, e.g. `VM.Standard.E5.Flex`. */
export const SHAPE_PATTERN = '^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+$';

export const cidrField = (description: LocalizedText, defaultValue: string): ConfigField => ({
  kind: 'string',
  description,
  default: defaultValue,
  pattern: CIDR_PATTERN,
});

/**
 * The flex compute trio shared by instances, node pools, container instances
 * and PostgreSQL. The limits here are the catalog's generous bounds; the
 * per-shape bounds (memory per OCPU, OCPUs per shape) are validation rules.
 */
export function flexShapeFields(defaultShape: string, defaults: { ocpus: number; memory: number }): Record<string, ConfigField> {
  return {
    shape: {
      kind: 'string',
      description: text(`The shape; a Flex shape takes \`ocpus\` and \`memory_in_gbs\` (e.g. ${defaultShape}).`, `シェイプ。Flex シェイプでは \`ocpus\` と \`memory_in_gbs\` を指定します（例: ${defaultShape}）。`),
      default: defaultShape,
      pattern: SHAPE_PATTERN,
      maxLength: 64,
    },
    ocpus: {
      kind: 'number',
      description: text('OCPUs per instance (Flex shapes).', 'インスタンスあたりの OCPU 数（Flex シェイプ）。'),
      default: defaults.ocpus,
      min: 1,
      max: 256,
    },
    memory_in_gbs: {
      kind: 'number',
      description: text('Memory per instance in GB (Flex shapes).', 'インスタンスあたりのメモリ（GB、Flex シェイプ）。'),
      default: defaults.memory,
      min: 1,
      max: 4096,
    },
  };
}

export const bootVolumeField: ConfigField = {
  kind: 'integer',
  description: text('Boot volume size in GB.', 'ブートボリュームのサイズ（GB）。'),
  default: 50,
  min: 50,
  max: 32768,
};
