import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childProcesses } from './child-process';
import { InfraService } from './infra-service';
import { OciCliRunner } from './oci-cli';
import { ResourceManagerGateway, SdkResourceManager } from './resource-manager';
import { TerraformValidator } from './terraform-validate';
import type { GalleyConfig } from '../config';
import type { Logger } from '../logger';
import type { ArtifactStore } from '../storage/artifact-store';
import type { KeyedMutex } from '../storage/keyed-mutex';
import type { SessionStore } from '../storage/session-store';

/** Test seams and tuning; production uses the defaults. */
export interface InfraOptions {
  /** Replaces the SDK-backed Resource Manager. */
  readonly resourceManager?: ResourceManagerGateway;
  /** Where the local validate keeps one working directory per run, and its provider cache. */
  readonly terraformWorkDir?: string;
  readonly pollIntervalMs?: number;
  /** Appended to every `oci` command by Galley (tests: `--endpoint` of a stand-in). */
  readonly ociCliExtraArgs?: readonly string[];
  /** The per-session lock the exports take too. */
  readonly sessionLocks?: KeyedMutex;
}

/** How long the local validate runs get, once their terraform is stopped, to remove their directories. */
const VALIDATION_DRAIN_MS = 2_000;

/** The infra layer, and how a shutdown ends what it started. */
export interface InfraLayer {
  readonly infra?: InfraService;
  readonly ociCli: OciCliRunner;
  /**
   * Stops the `terraform` and `oci` children still running (SIGTERM, then
   * SIGKILL), refuses new ones, and waits until the local validate runs they
   * served have removed their working directories. Only for a shutdown: no
   * child starts in this process afterwards.
   */
  stopChildren(): Promise<void>;
}

/** The infra layer's services from config: Resource Manager, local Terraform, the OCI CLI. */
export function createInfra(
  config: GalleyConfig,
  store: SessionStore,
  artifacts: ArtifactStore | undefined,
  logger: Logger,
  options: InfraOptions = {},
): InfraLayer {
  const { infra: c } = config;
  const secrets = [config.urlToken];
  const ociCli = new OciCliRunner({ executable: c.ociCli, auth: c.auth, env: c.childEnv, secrets, extraArgs: options.ociCliExtraArgs });
  if (!artifacts) return { ociCli, stopChildren: () => childProcesses.stopAll() };
  const workDir = options.terraformWorkDir ?? join(tmpdir(), 'galley-terraform');
  const validator = new TerraformValidator({ workDir, env: c.childEnv, secrets });
  const infra = new InfraService({
    store,
    artifacts,
    resourceManager: options.resourceManager
      ?? new SdkResourceManager(
        { auth: c.auth, region: c.region, workCompartmentId: c.workCompartmentId, endpoint: c.resourceManagerEndpoint },
        logger,
      ),
    validator,
    workCompartmentId: c.workCompartmentId,
    galleyCompartmentId: c.galleyCompartmentId,
    secrets,
    logger,
    pollIntervalMs: options.pollIntervalMs,
    sessionLocks: options.sessionLocks,
  });
  return {
    infra,
    ociCli,
    async stopChildren() {
      await childProcesses.stopAll();
      await validator.close(VALIDATION_DRAIN_MS);
    },
  };
}
