import type { Component } from './architecture';
import type { LocalizedText } from '../hearing/catalog-types';

export const SERVICE_CATEGORIES = ['network', 'compute', 'data', 'storage', 'edge', 'integration', 'security', 'ai'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** One config field of a service type: its schema, as data. */
export type ConfigField =
  | { readonly kind: 'string'; readonly description: LocalizedText; readonly default?: string; readonly pattern?: string; readonly maxLength?: number; readonly required?: boolean }
  | { readonly kind: 'integer' | 'number'; readonly description: LocalizedText; readonly default?: number; readonly min?: number; readonly max?: number; readonly required?: boolean }
  | { readonly kind: 'boolean'; readonly description: LocalizedText; readonly default?: boolean; readonly required?: boolean }
  | { readonly kind: 'choice'; readonly description: LocalizedText; readonly choices: readonly string[]; readonly default?: string; readonly required?: boolean };

/** Where a component of this type may be placed. */
export type PlacementKind =
  /** Not in a network (Object Storage, Vault, Streaming, ...). */
  | 'none'
  /** In a `vcn` (subnets, gateways, route tables, security lists, NSGs). */
  | 'vcn'
  /** In a `subnet` (instances, node pools, load balancers, private endpoints, ...). */
  | 'subnet'
  /** In a `subnet` or not at all (e.g. Autonomous Database with or without a private endpoint). */
  | 'optional_subnet';

/** Another component this type needs, checked by the validator and used by the Terraform. */
export interface Requirement {
  /** `connection`: a connection from this component to one of `types` (e.g. a node pool to its cluster). */
  readonly via: 'connection';
  readonly types: readonly string[];
}

/** One file's worth of HCL a component contributes, keyed by concern (`network.tf`, `compute.tf`, ...). */
export interface TerraformFragment {
  readonly file: string;
  readonly hcl: string;
}

/** What a component's Terraform may look up about the rest of the architecture. */
export interface TerraformContext {
  /** The component with `id`. */
  component(id: string): Component;
  /** The Terraform address of a component's main resource, e.g. `oci_core_subnet.app`. */
  address(id: string): string;
  /** Components connected from `id` (its outgoing connections). */
  targets(id: string): readonly Component[];
  /** Components connected to `id` (its incoming connections). */
  sources(id: string): readonly Component[];
  /** Components placed in `id`. */
  children(id: string): readonly Component[];
  /** Every component of one service type, in architecture order. */
  ofType(type: string): readonly Component[];
}

/** A service type: what it is, its config schema, and the Terraform it becomes. */
export interface ServiceType {
  /** snake_case id, e.g. `autonomous_database`. */
  readonly type: string;
  readonly category: ServiceCategory;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly placement: PlacementKind;
  readonly config: Readonly<Record<string, ConfigField>>;
  readonly requires?: readonly Requirement[];
  /**
   * The `oracle/oci` resource types it creates (documentation and tests). The
   * first is the component's main resource, named by the component id: what
   * `TerraformContext.address` returns and other components refer to.
   */
  readonly resources: readonly string[];
  /** Pure: the HCL of one component of this type. */
  terraform(component: Component, context: TerraformContext): readonly TerraformFragment[];
}
