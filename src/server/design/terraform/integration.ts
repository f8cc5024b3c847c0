import type { Component } from '../architecture';
import type { TerraformFragment } from '../catalog-types';
import { COMPARTMENT, FILES, fragment, setting } from './common';
import { resource } from '../export/hcl';

export function streamingTerraform(stream: Component): readonly TerraformFragment[] {
  return [
    fragment(FILES.integration, [
      resource('oci_streaming_stream', stream.id, {
        compartment_id: COMPARTMENT,
        name: stream.id,
        partitions: setting<number>(stream, 'partitions'),
        retention_in_hours: setting<number>(stream, 'retention_in_hours'),
      }),
    ]),
  ];
}

export function queueTerraform(queue: Component): readonly TerraformFragment[] {
  return [
    fragment(FILES.integration, [
      resource('oci_queue_queue', queue.id, {
        compartment_id: COMPARTMENT,
        display_name: queue.id,
        retention_in_seconds: setting<number>(queue, 'retention_in_seconds'),
        visibility_in_seconds: setting<number>(queue, 'visibility_in_seconds'),
        dead_letter_queue_delivery_count: setting<number>(queue, 'dead_letter_queue_delivery_count'),
      }),
    ]),
  ];
}
