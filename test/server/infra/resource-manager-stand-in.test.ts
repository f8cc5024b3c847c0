import * as common from 'oci-common';
import { ResourceManagerClient } from 'oci-resourcemanager';
import { terraformEnv } from '../../../scripts/terraform';
import { JobNotFoundUpstreamError, SdkResourceManager, StackNotFoundUpstreamError } from '../../../src/server/infra/resource-manager';
import { zipFiles } from '../../../src/server/infra/zip';
import { FIXTURE_TF } from '../helpers/infra-world';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';
import { ResourceManagerStandIn } from '../helpers/resource-manager-stand-in';

const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaagalleywork';

describe('the Resource Manager stand-in, driven by the OCI SDK', () => {
  const credentials = createOciTestCredentials();
  const standIn = new ResourceManagerStandIn({ keys: { [credentials.keyId]: credentials.publicKeyPem }, stepMs: 20, terraformEnv: terraformEnv() });
  const rm = () => new SdkResourceManager({ auth: { kind: 'config-file', file: credentials.configFile }, region: 'ap-tokyo-1', endpoint: standIn.endpoint });

  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());

  async function finished(gateway: SdkResourceManager, jobId: string, seen: string[] = []) {
    for (;;) {
      const job = await gateway.getJob(jobId);
      if (seen.at(-1) !== job.state) seen.push(job.state);
      if (job.state === 'SUCCEEDED' || job.state === 'FAILED') return job;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  test('a stack from a zip; a plan goes ACCEPTED, IN_PROGRESS, SUCCEEDED with its log; a second job meanwhile gets 409', async () => {
    const gateway = rm();
    const stackId = await gateway.createStack(COMPARTMENT, 'galley-test', zipFiles(new Map([['main.tf', FIXTURE_TF]])));
    standIn.holdJobs = true;
    const job = await gateway.createJob(stackId, 'PLAN');
    expect(job.state).toBe('ACCEPTED');
    await expect(gateway.createJob(stackId, 'APPLY')).rejects.toThrow('the stack already runs a job');
    const seen: string[] = [];
    while ((await gateway.getJob(job.id)).state !== 'IN_PROGRESS') await new Promise((r) => setTimeout(r, 5));
    standIn.releaseJobs();
    const done = await finished(gateway, job.id, seen);
    expect(done.state).toBe('SUCCEEDED');
    expect(await gateway.getJobLog(job.id)).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
    expect(standIn.unsignedRequests).toBe(0);
    gateway.close();
  });

  test("a plan of a configuration Terraform rejects fails with Terraform's own error text", async () => {
    const gateway = rm();
    const broken = FIXTURE_TF.replace('cidr_blocks    = ["10.0.0.0/16"]', 'cidr_blocks    = "10.0.0.0/16"\n  no_such_argument = 1');
    const stackId = await gateway.createStack(COMPARTMENT, 'galley-broken', zipFiles(new Map([['main.tf', broken]])));
    const job = await gateway.createJob(stackId, 'PLAN');
    const done = await finished(gateway, job.id);
    expect(done.state).toBe('FAILED');
    expect(done.failure).toContain('terraform encountered an error');
    const log = await gateway.getJobLog(job.id);
    expect(log).toContain('Error: Unsupported argument');
    expect(log).toContain('An argument named "no_such_argument" is not expected here.');
    gateway.close();
  });

  test('a stack deleted in OCI takes its jobs along; the gateway tells a gone stack from a gone job', async () => {
    const gateway = rm();
    const zip = zipFiles(new Map([['main.tf', FIXTURE_TF]]));
    const stackId = await gateway.createStack(COMPARTMENT, 'galley-deleted', zip);
    const job = await gateway.createJob(stackId, 'PLAN');
    expect(() => standIn.deleteStack(stackId)).toThrow('has a job in progress');
    await finished(gateway, job.id);
    standIn.deleteStack(stackId);
    await expect(gateway.updateStack(stackId, zip)).rejects.toBeInstanceOf(StackNotFoundUpstreamError);
    await expect(gateway.createJob(stackId, 'PLAN')).rejects.toBeInstanceOf(StackNotFoundUpstreamError);
    await expect(gateway.getJob(job.id)).rejects.toBeInstanceOf(JobNotFoundUpstreamError);
    gateway.close();
  });

  test('429 and 5xx are injectable; unsigned or wrongly signed requests get 401', async () => {
    const gateway = rm();
    const stackId = await gateway.createStack(COMPARTMENT, 'galley-faults', zipFiles(new Map([['main.tf', FIXTURE_TF]])));
    const job = await gateway.createJob(stackId, 'PLAN');
    standIn.injectFaults(429, 500);
    // Reads are retried through both.
    expect((await gateway.getJob(job.id)).id).toBe(job.id);
    standIn.injectFaults(503, 503, 503);
    await expect(gateway.getJob(job.id)).rejects.toMatchObject({ kind: 'resource_manager_unavailable' });
    gateway.close();

    const other = createOciTestCredentials();
    const stranger = new ResourceManagerClient({
      authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(other.configFile) as any,
    });
    stranger.endpoint = standIn.endpoint;
    const before = standIn.unsignedRequests;
    await expect(stranger.getJob({ jobId: job.id })).rejects.toMatchObject({ statusCode: 401 });
    expect(standIn.unsignedRequests).toBe(before + 1);
    stranger.close();
  });

  test('stacks run Terraform 1.5.x with tenancy_ocid, compartment_ocid and region set, on create and on update', async () => {
    const gateway = new SdkResourceManager({
      auth: { kind: 'config-file', file: credentials.configFile }, region: 'ap-osaka-1', workCompartmentId: COMPARTMENT, endpoint: standIn.endpoint,
    });
    const stackId = await gateway.createStack(COMPARTMENT, 'galley-vars', zipFiles(new Map([['main.tf', FIXTURE_TF]])));
    const expected = { tenancy_ocid: 'ocid1.tenancy.oc1..aaaaaaaagalleytesttenancy', compartment_ocid: COMPARTMENT, region: 'ap-osaka-1' };
    expect(standIn.stacks.get(stackId)).toMatchObject({ terraformVersion: '1.5.x', variables: expected });
    // The fixture declares all three without defaults: the plan runs only because they are set.
    expect((await finished(gateway, (await gateway.createJob(stackId, 'PLAN')).id)).state).toBe('SUCCEEDED');
    standIn.stacks.get(stackId)!.variables = {};
    await gateway.updateStack(stackId, zipFiles(new Map([['main.tf', FIXTURE_TF]])));
    expect(standIn.stacks.get(stackId)!.variables).toEqual(expected);
    gateway.close();
  });

  test('a plan fails, as Terraform does, when a declared variable without a default is not set', async () => {
    const gateway = rm();
    const tf = `${FIXTURE_TF}\nvariable "ssh_public_key" {\n  type = string\n}\n\nvariable "shape" {\n  type    = string\n  default = "VM.Standard.E5.Flex"\n}\n`;
    const stackId = await gateway.createStack(COMPARTMENT, 'galley-missing', zipFiles(new Map([['main.tf', tf]])));
    const done = await finished(gateway, (await gateway.createJob(stackId, 'PLAN')).id);
    expect(done.state).toBe('FAILED');
    const log = await gateway.getJobLog(done.id);
    expect(log).toContain('The root module input variable "ssh_public_key" is not set');
    expect(log).not.toContain('"shape"');
    gateway.close();
  });
});
