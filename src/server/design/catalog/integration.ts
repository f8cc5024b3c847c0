import type { ServiceType } from '../catalog-types';
import { text } from './fields';
import { queueTerraform, streamingTerraform } from '../terraform/integration';

/** Messaging between components. */
export const INTEGRATION_SERVICES: readonly ServiceType[] = [
  {
    type: 'streaming',
    category: 'integration',
    name: text('Streaming', 'ストリーミング'),
    description: text('A Kafka-compatible stream in the compartment’s default stream pool.', 'コンパートメントのデフォルト・ストリーム・プールの Kafka 互換ストリーム。'),
    placement: 'none',
    config: {
      partitions: {
        kind: 'integer',
        description: text('Partitions (each takes 1 MB/s in, 2 MB/s out).', 'パーティション数（1 つあたり書込み 1 MB/秒、読取り 2 MB/秒）。'),
        default: 1,
        min: 1,
        max: 200,
      },
      retention_in_hours: {
        kind: 'integer',
        description: text('How long messages are kept, in hours.', 'メッセージの保持時間（時間）。'),
        default: 24,
        min: 24,
        max: 168,
      },
    },
    resources: ['oci_streaming_stream'],
    terraform: streamingTerraform,
  },
  {
    type: 'queue',
    category: 'integration',
    name: text('Queue', 'キュー'),
    description: text('A managed message queue with a dead-letter queue.', 'デッドレター・キュー付きのマネージド・メッセージ・キュー。'),
    placement: 'none',
    config: {
      retention_in_seconds: {
        kind: 'integer',
        description: text('How long messages are kept, in seconds.', 'メッセージの保持時間（秒）。'),
        default: 86400,
        min: 10,
        max: 604800,
      },
      visibility_in_seconds: {
        kind: 'integer',
        description: text('How long a received message stays invisible to other consumers, in seconds.', '受信したメッセージが他のコンシューマから見えなくなる時間（秒）。'),
        default: 30,
        min: 1,
        max: 43200,
      },
      dead_letter_queue_delivery_count: {
        kind: 'integer',
        description: text('Deliveries before a message moves to the dead-letter queue (0: never).', 'デッドレター・キューへ移すまでの配信回数（0 なら移しません）。'),
        default: 5,
        min: 0,
        max: 20,
      },
    },
    resources: ['oci_queue_queue'],
    terraform: queueTerraform,
  },
];
