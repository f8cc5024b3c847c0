import type { ServiceType } from '../catalog-types';
import { text } from './fields';
import { GENERATIVE_AI_MODELS } from './generative-ai-models';
import { generativeAiTerraform } from '../terraform/ai';


/**
 * Generative AI. On-demand inference needs no resource at all (only IAM
 * policy), so the one thing Terraform can create is dedicated capacity: a
 * hosting dedicated AI cluster and an endpoint serving one base model.
 */
export const AI_SERVICES: readonly ServiceType[] = [
  {
    type: 'generative_ai',
    category: 'ai',
    name: text('Generative AI (dedicated AI cluster)', '生成 AI（専用 AI クラスタ）'),
    description: text(
      'A hosting dedicated AI cluster and an endpoint serving one pretrained chat model. (On-demand use of the shared models needs no resource, only IAM policy.)',
      'ホスティング用の専用 AI クラスタと、事前トレーニング済みチャット・モデルを 1 つ提供するエンドポイント（共有モデルのオンデマンド利用にはリソースは不要で、IAM ポリシーのみ必要です）。',
    ),
    placement: 'none',
    config: {
      model: {
        kind: 'choice',
        description: text('The pretrained chat model the endpoint serves; it decides the cluster unit shape.', 'エンドポイントが提供する事前トレーニング済みチャット・モデル。クラスタのユニット・シェイプはこれで決まります。'),
        choices: Object.keys(GENERATIVE_AI_MODELS),
        default: 'cohere.command-r-08-2024',
      },
      unit_count: {
        kind: 'integer',
        description: text('Hosting units of the dedicated AI cluster.', '専用 AI クラスタのホスティング・ユニット数。'),
        default: 1,
        min: 1,
        max: 50,
      },
    },
    resources: ['oci_generative_ai_dedicated_ai_cluster', 'oci_generative_ai_endpoint'],
    terraform: generativeAiTerraform,
  },
];
