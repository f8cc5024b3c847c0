import { CONFIG_RULES } from './config-rules';
import { CONNECTION_RULES } from './connection-rules';
import { HEARING_RULES } from './hearing-rules';
import { PLACEMENT_RULES } from './placement-rules';
import type { Rule } from './rule-types';
import { STRUCTURE_RULES } from './structure-rules';
import { VALUE_RULES } from './value-rules';

/** Every validation rule, in the order findings are reported. */
export const RULES: readonly Rule[] = [
  ...STRUCTURE_RULES,
  ...CONNECTION_RULES,
  ...PLACEMENT_RULES,
  ...CONFIG_RULES,
  ...VALUE_RULES,
  ...HEARING_RULES,
];

export type { Finding, Rule, RuleContext, RuleHit, Severity } from './rule-types';
