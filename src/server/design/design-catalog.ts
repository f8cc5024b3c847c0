import type { ServiceType } from './catalog-types';

/**
 * What the design layer needs from the service catalog: the types, a lookup,
 * and the config check. Passed in (like the hearing's question catalog), so
 * tests can use a catalog of their own and the composition root binds the
 * built-in one.
 */
export interface DesignCatalog {
  readonly services: readonly ServiceType[];
  find(type: string): ServiceType | undefined;
  /**
   * The config checked against the type's schema, defaults filled in; with
   * `base`, `config` is a partial update of it. Throws `invalid_config`.
   */
  checkConfig(service: ServiceType, config: Readonly<Record<string, unknown>>, base?: Readonly<Record<string, unknown>>): Record<string, unknown>;
}
