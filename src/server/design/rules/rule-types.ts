import type { Locale, LocalizedText } from '../../hearing/catalog-types';
import type { Architecture } from '../architecture';
import type { ArchitectureGraph } from '../architecture-graph';
import type { ServiceType } from '../catalog-types';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a rule may look at: the architecture (as a graph), the catalog and the hearing's answers. */
export interface RuleContext {
  readonly architecture: Architecture;
  readonly graph: ArchitectureGraph;
  /** The hearing's answers by question id (choice values, not labels). */
  readonly answers: Readonly<Record<string, string | readonly string[]>>;
  service(type: string): ServiceType | undefined;
}

/** One place a rule found something: the components involved and the values its texts mention. */
export interface RuleHit {
  readonly component_ids: readonly string[];
  /** Filled into `{name}` placeholders of the message and recommendation. */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A validation rule, as data: its texts in both languages and a pure check. */
export interface Rule {
  /** `<area>.<what>`, stable: hosts and prompts refer to it. */
  readonly id: string;
  readonly severity: Severity;
  readonly message: LocalizedText;
  readonly recommendation: LocalizedText;
  check(context: RuleContext): readonly RuleHit[];
}

/** What validate_architecture returns for each hit. */
export interface Finding {
  readonly rule_id: string;
  readonly severity: Severity;
  readonly component_ids: readonly string[];
  readonly message: string;
  readonly recommendation: string;
}

export function fill(text: string, params: RuleHit['params']): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, key: string) => (params && key in params ? String(params[key]) : whole));
}

export function toFinding(rule: Rule, hit: RuleHit, locale: Locale): Finding {
  return {
    rule_id: rule.id,
    severity: rule.severity,
    component_ids: [...hit.component_ids],
    message: fill(rule.message[locale], hit.params),
    recommendation: fill(rule.recommendation[locale], hit.params),
  };
}

/** Shorthand for the ja/en pairs the rule files are made of. */
export const t = (en: string, ja: string): LocalizedText => ({ en, ja });

/** Component types that run application code. */
export const COMPUTE_TYPES = ['compute_instance', 'oke_cluster', 'oke_node_pool', 'container_instance', 'functions_application'];
/** Database types, which never belong in a public subnet. */
export const DATABASE_TYPES = ['autonomous_database', 'mysql_heatwave', 'postgresql'];
/** What may stand in front of application servers and take user traffic. */
export const FRONT_DOOR_TYPES = ['load_balancer', 'network_load_balancer', 'api_gateway'];
