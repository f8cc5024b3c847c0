import type { GalleyConfig } from './config';
import { BUILTIN_DESIGN_CATALOG } from './design/builtin-catalog';
import type { DesignCatalog } from './design/design-catalog';
import { DesignService } from './design/design-service';
import { exportTerraform } from './design/export/terraform';
import { ExportService, TerraformExporter } from './design/export-service';
import { DEFAULT_CATALOG } from './hearing/catalog';
import type { Catalog } from './hearing/catalog-types';
import { HearingService } from './hearing/hearing-service';
import { InfraOptions, createInfra } from './infra/create-infra';
import type { InfraService } from './infra/infra-service';
import type { OciCliRunner } from './infra/oci-cli';
import type { Logger } from './logger';
import type { Storage } from './storage/create-session-store';
import { KeyedMutex } from './storage/keyed-mutex';

/** Every service the MCP layer serves, built once per process. */
export interface GalleyServices {
  readonly hearing: HearingService;
  readonly design: DesignService;
  readonly exporter: ExportService;
  /** The infra layer: absent where the caller builds none (tests of the other layers). */
  readonly infra?: InfraService;
  readonly ociCli?: OciCliRunner;
  /**
   * A shutdown's first step once the drain runs out: stops the `terraform`
   * and `oci` children still running and waits until their runs have cleaned
   * up. No child starts in this process afterwards.
   */
  stopChildren(): Promise<void>;
  /** A shutdown's last step: stops the children, then releases what the infra layer holds. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** The hearing's questions; tests use larger catalogs. */
  readonly catalog?: Catalog;
  readonly designCatalog?: DesignCatalog;
  readonly terraform?: TerraformExporter;
  readonly now?: () => Date;
  /** Builds the infra layer from config (main.ts always does). */
  readonly infra?: { readonly config: GalleyConfig; readonly logger: Logger; readonly options?: InfraOptions };
}

/**
 * The one place the services are built, in dependency order: the stores,
 * then the hearing, then the design and its exports, then the infra layer.
 * main.ts and the tests hand the result to the MCP server factory, and that
 * to http/.
 */
export function createServices(storage: Storage, options: ServiceOptions = {}): GalleyServices {
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const hearing = new HearingService({ store: storage.sessions, catalog, now: options.now });
  const design = new DesignService({
    store: storage.sessions,
    catalog: options.designCatalog ?? BUILTIN_DESIGN_CATALOG,
    hearingCatalog: catalog,
    now: options.now,
  });
  // One lock per session for whatever writes or reads its Terraform: exports, edits, plans.
  const sessionLocks = new KeyedMutex();
  const exporter = new ExportService({ design, artifacts: storage.artifacts, terraform: options.terraform ?? exportTerraform, sessionLocks });
  if (!options.infra) return { hearing, design, exporter, stopChildren: async () => undefined, close: async () => undefined };
  const { config, logger, options: infraOptions } = options.infra;
  const { infra, ociCli, stopChildren } = createInfra(config, storage.sessions, storage.artifacts, logger, { ...infraOptions, sessionLocks });
  return {
    hearing,
    design,
    exporter,
    infra,
    ociCli,
    stopChildren,
    async close() {
      await stopChildren();
      await infra?.close();
    },
  };
}
