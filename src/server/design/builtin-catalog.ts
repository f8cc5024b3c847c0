import { SERVICE_CATALOG, findServiceType } from './catalog';
import { checkConfig } from './config-check';
import type { DesignCatalog } from './design-catalog';

/** The built-in service catalog and its config check, as the design layer uses them. */
export const BUILTIN_DESIGN_CATALOG: DesignCatalog = {
  services: SERVICE_CATALOG,
  find: findServiceType,
  checkConfig: (service, config, base) => checkConfig(service, config, { base }),
};
