import { REGION_AVAILABILITY } from './region-availability';
import { DATABASE_TYPES, Rule, t } from './rule-types';

/** Rules about where components sit, and in which region. */
export const PLACEMENT_RULES: readonly Rule[] = [
  {
    id: 'placement.database_in_public_subnet',
    severity: 'error',
    message: t(
      'Database {component} is in public subnet {subnet}: it would be exposed to the internet.',
      'データベース {component} がパブリック・サブネット {subnet} にあります。インターネットに公開されてしまいます。',
    ),
    recommendation: t(
      'Move {component} to a private subnet and let the application tier reach it from there.',
      '{component} をプライベート・サブネットに移し、アプリケーション層からはそこへ接続してください。',
    ),
    check({ graph }) {
      return graph.ofType(...DATABASE_TYPES)
        .filter((c) => graph.access(c) === 'public')
        .map((c) => ({ component_ids: [c.id, graph.subnet(c)!.id], params: { component: c.id, subnet: graph.subnet(c)!.id } }));
    },
  },
  {
    id: 'region.service_unavailable',
    severity: 'error',
    message: t(
      '{component} ({type}) is not offered in region {region}; it is offered in: {regions}.',
      '{component}（{type}）はリージョン {region} では提供されていません。提供リージョン: {regions}',
    ),
    recommendation: t(
      'Choose one of those regions for the proof of concept, or replace {component}. (Source: the service-by-region table in Galley, from the OCI documentation.)',
      'PoC のリージョンをこれらから選ぶか、{component} を置き換えてください。（出典: OCI ドキュメントに基づく Galley のリージョン別サービス表）',
    ),
    check({ architecture, graph }) {
      const region = architecture.region;
      if (!region) return [];
      return graph.components.flatMap((c) => {
        const offered = REGION_AVAILABILITY.limited[c.type];
        if (!offered || offered.includes(region)) return [];
        return [{ component_ids: [c.id], params: { component: c.id, type: c.type, region, regions: offered.join(', ') } }];
      });
    },
  },
  {
    id: 'region.unknown_region',
    severity: 'warning',
    message: t(
      'Region {region} is not a known OCI commercial region, so service availability could not be checked.',
      'リージョン {region} は既知の OCI 商用リージョンではないため、サービスの提供状況を確認できません。',
    ),
    recommendation: t('Use a region identifier such as ap-tokyo-1 or us-ashburn-1.', 'ap-tokyo-1 や us-ashburn-1 のようなリージョン識別子を指定してください。'),
    check({ architecture }) {
      const region = architecture.region;
      if (!region || (REGION_AVAILABILITY.regions as readonly string[]).includes(region)) return [];
      return [{ component_ids: [], params: { region } }];
    },
  },
];
