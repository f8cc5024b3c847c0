import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfraService } from './infra-service';
import { OciCliRunner } from './oci-cli';
import { ResourceManagerGateway, SdkResourceManager } from './resource-manager';
import { TerraformValidator } from './terraform-validate';
import type { GalleyConfig } from '../config';
import type { Logger } from '../logger';
import type { ArtifactStore } from '../storage/artifact-store';
import type { SessionStore } from '../storage/session-store';

/** Test seams and tuning; production uses the defaults. */
export interface InfraOptions {
  /** Replaces the SDK-backed Resource Manager. */
  readonly resourceManager?: ResourceManagerGateway;
  /** Where the local validate keeps one working directory per session. */
  readonly terraformWorkDir?: string;
  readonly pollIntervalMs?: number;
  /** Appended to every `oci` command by Galley (tests: `--endpoint` of a stand-in). */
  readonly ociCliExtraArgs?: readonly string[];
}

/** The infra layer's services from config: Resource Manager, local Terraform, the OCI CLI. */
export function createInfra(
  config: GalleyConfig,
  store: SessionStore,
  artifacts: ArtifactStore | undefined,
  logger: Logger,
  options: InfraOptions = {},
): { infra?: InfraService; ociCli: OciCliRunner } {
  const { infra: c } = config;
  const secrets = [config.urlToken];
  const ociCli = new OciCliRunner({ executable: c.ociCli, auth: c.auth, env: c.childEnv, secrets, extraArgs: options.ociCliExtraArgs });
  if (!artifacts) return { ociCli };
  const infra = new InfraService({
    store,
    artifacts,
    resourceManager: options.resourceManager
      ?? new SdkResourceManager(
        { auth: c.auth, region: c.region, workCompartmentId: c.workCompartmentId, endpoint: c.resourceManagerEndpoint },
        logger,
      ),
    validator: new TerraformValidator({ workDir: options.terraformWorkDir ?? join(tmpdir(), 'galley-terraform'), env: c.childEnv, secrets }),
    workCompartmentId: c.workCompartmentId,
    galleyCompartmentId: c.galleyCompartmentId,
    secrets,
    logger,
    pollIntervalMs: options.pollIntervalMs,
  });
  return { infra, ociCli };
}
