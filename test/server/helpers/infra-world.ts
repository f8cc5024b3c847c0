import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { RunningServer, TEST_TOKEN, startInProcess } from './in-process-server';
import { callOk } from './mcp-client';
import { OciTestCredentials, createOciTestCredentials } from './oci-test-credentials';
import { ResourceManagerStandIn } from './resource-manager-stand-in';
import { terraformEnv } from '../../../scripts/terraform';
import { MemoryArtifactStore } from '../../../src/server/storage/memory-artifact-store';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';

export const WORK_COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaagalleywork';
export const GALLEY_COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaagalleyown';

/** The hand-written stand-in for the design layer's Terraform export. */
export const FIXTURE_TF = readFileSync(join(__dirname, '../infra/fixtures/main.tf'), 'utf8');

/**
 * Everything the infra tools talk to, kept across server restarts: the
 * session store, the artifacts, and a signature-checking Resource Manager
 * stand-in driven by the real SDK client.
 */
export class InfraWorld {
  readonly credentials: OciTestCredentials = createOciTestCredentials();
  readonly rm = new ResourceManagerStandIn({
    keys: { [this.credentials.keyId]: this.credentials.publicKeyPem },
    stepMs: 30,
    terraformEnv: terraformEnv(),
  });
  readonly store = new MemorySessionStore();
  readonly artifacts = new MemoryArtifactStore();
  readonly workDir = mkdtempSync(join(tmpdir(), 'galley-tf-work-'));
  private readonly servers: RunningServer[] = [];

  async start(): Promise<void> {
    await this.rm.start();
  }

  /** A Galley server (a fresh app: nothing in memory from the last one) on the same world. */
  async server(env: Record<string, string> = {}): Promise<RunningServer> {
    const server = await startInProcess(
      { store: this.store, artifacts: this.artifacts, infraOptions: { terraformWorkDir: this.workDir, pollIntervalMs: 25 } },
      {
        ...(terraformEnv() as Record<string, string>),
        // A variable that carries the token, as a careless deployment might: children must not see it.
        GALLEY_URL_TOKEN: TEST_TOKEN,
        LEAKY_VARIABLE: `prefix-${TEST_TOKEN}`,
        GALLEY_WORK_COMPARTMENT_ID: WORK_COMPARTMENT,
        GALLEY_COMPARTMENT_ID: GALLEY_COMPARTMENT,
        GALLEY_REGION: 'ap-tokyo-1',
        GALLEY_RESOURCE_MANAGER_ENDPOINT: this.rm.endpoint,
        OCI_CONFIG_FILE: this.credentials.configFile,
        ...env,
      },
    );
    this.servers.push(server);
    return server;
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.close().catch(() => undefined)));
    await this.rm.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** Calls get_rm_job_status (long-polling) until the job ends. */
export async function waitForJob(client: Client, sessionId: string, jobId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 60; i++) {
    const status = await callOk(client, 'get_rm_job_status', { session_id: sessionId, job_id: jobId, wait_seconds: 5 });
    if (['SUCCEEDED', 'FAILED', 'CANCELED'].includes(status.state)) return status;
  }
  throw new Error(`job ${jobId} did not finish`);
}
