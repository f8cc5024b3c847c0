import type { Component } from '../architecture';
import { Rule, RuleContext, t } from './rule-types';

/** Hearing answers (question id → choice values) that ask for more than one node. */
const HA_ANSWERS: Readonly<Record<string, readonly string[]>> = {
  availability: ['99_95', '99_99'],
  disaster_recovery: ['cross_ad', 'cross_region'],
};
/** `budget` answers that count as small. */
const SMALL_BUDGETS = ['under_1k_usd'];
/** Beyond these a component counts as large for a small budget. */
const LARGE = { ocpus: 8, memoryGbs: 128, adbEcpus: 8, nodes: 3 };

const num = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);

/** The HA answers the hearing gave, e.g. `availability=99_95`. */
function haAsked(answers: RuleContext['answers']): string[] {
  return Object.entries(HA_ANSWERS).flatMap(([question, values]) => {
    const given = [answers[question] ?? []].flat();
    return given.filter((v) => values.includes(v)).map((v) => `${question}=${v}`);
  });
}

/** Components that run on a single node, as configured. */
function singleNode(c: Component): boolean {
  switch (c.type) {
    case 'compute_instance': return num(c.config.instance_count, 1) <= 1;
    case 'oke_node_pool': return num(c.config.node_count, 1) <= 1;
    case 'postgresql': return num(c.config.instance_count, 1) <= 1;
    case 'mysql_heatwave': return c.config.is_highly_available !== true;
    default: return false;
  }
}

/** How a component is large, or undefined. */
function largeness(c: Component): string | undefined {
  const count = num(c.config.instance_count ?? c.config.node_count, 1);
  const ocpus = num(c.config.ocpus, 0) * count;
  const memory = num(c.config.memory_in_gbs, 0) * count;
  if (ocpus > LARGE.ocpus) return `${ocpus} OCPUs`;
  if (memory > LARGE.memoryGbs) return `${memory} GB`;
  if (c.type === 'autonomous_database' && num(c.config.compute_count, 0) > LARGE.adbEcpus) return `${String(c.config.compute_count)} ECPUs`;
  if (c.type === 'oke_node_pool' && count > LARGE.nodes) return `${count} nodes`;
  return undefined;
}

/** The hearing's answers held against the design. */
export const HEARING_RULES: readonly Rule[] = [
  {
    id: 'hearing.ha_single_node',
    severity: 'warning',
    message: t(
      'The hearing asked for high availability or DR ({asked}), but {component} runs on a single node.',
      'ヒアリングでは高可用性または DR（{asked}）が求められていますが、{component} は単一ノードで稼働します。',
    ),
    recommendation: t(
      'Give {component} at least two nodes across availability or fault domains (instance_count, node_count, is_highly_available).',
      '{component} を可用性ドメインまたはフォルト・ドメインにまたがる 2 ノード以上にしてください（instance_count、node_count、is_highly_available）。',
    ),
    check({ graph, answers }) {
      const asked = haAsked(answers);
      if (asked.length === 0) return [];
      return graph.components.filter(singleNode).map((c) => ({ component_ids: [c.id], params: { component: c.id, asked: asked.join(', ') } }));
    },
  },
  {
    id: 'hearing.budget_large_shapes',
    severity: 'warning',
    message: t(
      'The hearing gave a small budget ({budget}), but {component} is large ({size}).',
      'ヒアリングでの予算は小規模（{budget}）ですが、{component} は大きな構成（{size}）です。',
    ),
    recommendation: t(
      'Size {component} down for the proof of concept, or confirm the budget with the customer.',
      'PoC 向けに {component} を縮小するか、予算をお客様に確認してください。',
    ),
    check({ graph, answers }) {
      const budget = [answers.budget ?? []].flat().find((b) => SMALL_BUDGETS.includes(b));
      if (!budget) return [];
      return graph.components.flatMap((c) => {
        const size = largeness(c);
        return size ? [{ component_ids: [c.id], params: { component: c.id, size, budget } }] : [];
      });
    },
  },
];
