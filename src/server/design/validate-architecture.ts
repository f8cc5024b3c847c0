import type { Architecture } from './architecture';
import { ArchitectureGraph } from './architecture-graph';
import type { DesignCatalog } from './design-catalog';
import { RULES } from './rules';
import { Finding, Rule, RuleContext, SEVERITIES, toFinding } from './rules/rule-types';
import type { Locale } from '../hearing/catalog-types';
import type { HearingSession } from '../storage/session-store';

/** Findings first by severity, then in rule order. */
const RANK = new Map(SEVERITIES.map((s, i) => [s, i]));

/** Runs every rule over the architecture; pure. */
export function validateArchitecture(
  architecture: Architecture,
  catalog: DesignCatalog,
  answers: HearingSession['answers'],
  locale: Locale,
  rules: readonly Rule[] = RULES,
): Finding[] {
  const values: Record<string, string | readonly string[]> = {};
  for (const [id, answer] of Object.entries(answers)) values[id] = answer.value;
  const context: RuleContext = {
    architecture,
    graph: new ArchitectureGraph(architecture),
    service: (type) => catalog.find(type),
    answers: values,
  };
  const findings = rules.flatMap((rule) => rule.check(context).map((hit) => toFinding(rule, hit, locale)));
  return findings.sort((a, b) => RANK.get(a.severity)! - RANK.get(b.severity)!);
}
