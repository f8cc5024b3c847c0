import type { Component } from '../architecture';
import { GENERATIVE_AI_MODELS } from '../catalog/generative-ai-models';
import type { TerraformFragment } from '../catalog-types';
import { COMPARTMENT, FILES, fragment, ref, setting } from './common';
import { data, expr, resource } from '../export/hcl';

/**
 * A hosting cluster on the unit shape the model needs, and an endpoint serving
 * it. The model's OCID differs by region, so it is looked up by name.
 */
export function generativeAiTerraform(ai: Component): readonly TerraformFragment[] {
  const model = setting<string>(ai, 'model');
  return [
    fragment(FILES.ai, [
      data('oci_generative_ai_models', ai.id, {
        compartment_id: COMPARTMENT,
        display_name: model,
        capability: ['CHAT'],
        state: 'ACTIVE',
      }),
      resource('oci_generative_ai_dedicated_ai_cluster', ai.id, {
        compartment_id: COMPARTMENT,
        display_name: ai.name,
        type: 'HOSTING',
        unit_shape: GENERATIVE_AI_MODELS[model],
        unit_count: setting<number>(ai, 'unit_count'),
      }),
      resource('oci_generative_ai_endpoint', ai.id, {
        compartment_id: COMPARTMENT,
        display_name: `${ai.name} endpoint`,
        dedicated_ai_cluster_id: ref(`oci_generative_ai_dedicated_ai_cluster.${ai.id}`),
        model_id: expr(`data.oci_generative_ai_models.${ai.id}.model_collection[0].items[0].id`),
      }),
    ]),
  ];
}
