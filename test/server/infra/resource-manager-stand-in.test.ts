import { request as httpRequest } from 'node:http';
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

  /** A raw SDK client, for what the gateway never sends. */
  function sdkClient(endpoint = standIn.endpoint): ResourceManagerClient {
    const client = new ResourceManagerClient({
      authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(credentials.configFile) as any,
    }, { retryConfiguration: common.NoRetryConfigurationDetails } as any);
    client.endpoint = endpoint;
    return client;
  }

  /**
   * A CreateStack POST signed by the SDK's own signer, sent as is or with
   * its body tampered with after signing; `excludeBody` signs it as the SDK signs Object Storage's
   * PutObject, without the body's headers.
   */
  async function signedCreateStack(options: { excludeBody?: boolean; tamper?: (body: string) => string } = {}): Promise<number> {
    const body = JSON.stringify({
      compartmentId: COMPARTMENT,
      displayName: 'galley-raw',
      configSource: {
        configSourceType: 'ZIP_UPLOAD', zipFileBase64Encoded: zipFiles(new Map([['main.tf', FIXTURE_TF]])).toString('base64'),
      },
    });
    const uri = `${standIn.endpoint}/20180917/stacks`;
    const signed = { method: 'POST', uri, headers: new Headers({ 'content-type': 'application/json' }), body };
    const signer = new common.DefaultRequestSigner(new common.ConfigFileAuthenticationDetailsProvider(credentials.configFile));
    await signer.signHttpRequest(signed as any, options.excludeBody ?? false);
    const sent = Buffer.from(options.tamper ? options.tamper(body) : body);
    const headers: Record<string, string> = {};
    signed.headers.forEach((value, name) => (headers[name] = value));
    return new Promise((resolve, reject) => {
      const req = httpRequest(uri, { method: 'POST', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(sent);
    });
  }

  test('a POST must sign its body (x-content-sha256, content-length, content-type), and the digest must be of the body received', async () => {
    const before = standIn.unsignedRequests;
    expect(await signedCreateStack()).toBe(200);
    // Signed as Object Storage's PutObject is: no body headers. OCI answers 401 for any other POST.
    expect(await signedCreateStack({ excludeBody: true })).toBe(401);
    // Signed over one body, sent with another of the same length: only the digest tells.
    expect(await signedCreateStack({ tamper: (body) => body.replace('galley-raw', 'galley-xxx') })).toBe(401);
    expect(standIn.unsignedRequests).toBe(before + 2);
  });

  test('an apply FROM_PLAN_JOB_ID takes only a succeeded plan of the same stack: a foreign, failed or non-plan job is refused with 400', async () => {
    // With the work compartment, as Galley runs: an update then sets every variable again.
    const gateway = new SdkResourceManager({
      auth: { kind: 'config-file', file: credentials.configFile }, region: 'ap-tokyo-1', workCompartmentId: COMPARTMENT, endpoint: standIn.endpoint,
    });
    const zip = zipFiles(new Map([['main.tf', FIXTURE_TF]]));
    const mine = await gateway.createStack(COMPARTMENT, 'galley-mine', zip);
    const theirs = await gateway.createStack(COMPARTMENT, 'galley-theirs', zip);
    const theirPlan = await finished(gateway, (await gateway.createJob(theirs, 'PLAN')).id);
    expect(theirPlan.state).toBe('SUCCEEDED');
    const client = sdkClient();
    const applyFrom = (stackId: string, planJobId: string) => client.createJob({
      createJobDetails: {
        stackId, jobOperationDetails: { operation: 'APPLY', executionPlanStrategy: 'FROM_PLAN_JOB_ID', executionPlanJobId: planJobId } as any,
      },
    });
    const invalid = { statusCode: 400, serviceCode: 'InvalidParameter', message: expect.stringContaining('succeeded plan job of the same stack') };
    await expect(applyFrom(mine, theirPlan.id)).rejects.toMatchObject(invalid);

    const myApply = await finished(gateway, (await gateway.createJob(mine, 'APPLY')).id);
    expect(myApply.state).toBe('SUCCEEDED');
    await expect(applyFrom(mine, myApply.id)).rejects.toMatchObject(invalid);
    standIn.stacks.get(mine)!.variables = {};
    const failedPlan = await finished(gateway, (await gateway.createJob(mine, 'PLAN')).id);
    expect(failedPlan.state).toBe('FAILED');
    await expect(applyFrom(mine, failedPlan.id)).rejects.toMatchObject(invalid);
    await expect(applyFrom(mine, 'ocid1.ormjob.oc1..nosuchjob')).rejects.toMatchObject(invalid);

    // Its own succeeded plan is taken (the gateway's way of asking).
    await gateway.updateStack(mine, zip);
    const myPlan = await finished(gateway, (await gateway.createJob(mine, 'PLAN')).id);
    const applied = await gateway.createJob(mine, 'APPLY', myPlan.id);
    expect(standIn.jobs.get(applied.id)!.details).toMatchObject({ executionPlanStrategy: 'FROM_PLAN_JOB_ID', executionPlanJobId: myPlan.id });
    expect((await finished(gateway, applied.id)).state).toBe('SUCCEEDED');
    client.close();
    gateway.close();
  });

  describe('with two items a page', () => {
    const paged = new ResourceManagerStandIn({
      keys: { [credentials.keyId]: credentials.publicKeyPem }, stepMs: 20, terraformEnv: terraformEnv(), pageSize: 2,
    });
    const pagedRm = () => new SdkResourceManager({ auth: { kind: 'config-file', file: credentials.configFile }, region: 'ap-tokyo-1', endpoint: paged.endpoint });

    beforeAll(() => paged.start());
    afterAll(() => paged.stop());

    test('ListJobs filters by stack and state, sorts newest first and pages with opc-next-page', async () => {
      const gateway = pagedRm();
      const zip = zipFiles(new Map([['main.tf', FIXTURE_TF]]));
      const stackId = await gateway.createStack(COMPARTMENT, 'galley-list', zip);
      const other = await gateway.createStack(COMPARTMENT, 'galley-other', zip);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await finished(gateway, (await gateway.createJob(stackId, 'DESTROY')).id)).id);
      await finished(gateway, (await gateway.createJob(other, 'DESTROY')).id);
      expect(await gateway.runningJob(stackId)).toBeUndefined();
      paged.holdJobs = true;
      try {
        const running = await gateway.createJob(stackId, 'PLAN');
        ids.push(running.id);
        expect(await gateway.runningJob(stackId)).toMatchObject({ id: running.id, operation: 'PLAN', state: 'ACCEPTED', stackId });
        expect(await gateway.runningJob(other)).toBeUndefined();

        const client = sdkClient(paged.endpoint);
        const seen: string[] = [];
        const pages: number[] = [];
        let page: string | undefined;
        do {
          const response = await client.listJobs({ stackId, limit: 10, page });
          pages.push(response.items.length);
          seen.push(...response.items.map((j) => j.id!));
          page = response.opcNextPage;
        } while (page);
        expect(pages).toEqual([2, 2]);
        expect(seen).toEqual([...ids].reverse());
        const succeeded = await client.listJobs({ stackId, lifecycleState: 'succeeded', sortOrder: 'ASC' as any });
        expect(succeeded.items.map((j) => j.id)).toEqual(ids.slice(0, 2));
        expect(succeeded.opcNextPage).toBeDefined();
        await expect(client.listJobs({ stackId, page: 'forged' })).rejects.toMatchObject({ statusCode: 400 });
        client.close();
      } finally {
        paged.releaseJobs();
      }
      gateway.close();
    });

    test('every output comes back across pages, and a list is followed for at most ten pages', async () => {
      const gateway = pagedRm();
      const names = ['a_first', 'b_second', 'c_third', 'd_fourth', 'e_fifth'];
      const tf = `${FIXTURE_TF}\n${names.map((n) => `output "${n}" {\n  value = "${n}-value"\n}\n`).join('\n')}`;
      const stackId = await gateway.createStack(COMPARTMENT, 'galley-outputs', zipFiles(new Map([['main.tf', tf]])));
      const apply = await finished(gateway, (await gateway.createJob(stackId, 'APPLY')).id);
      expect(apply.state).toBe('SUCCEEDED');
      const before = paged.count('ListJobOutputs');
      const outputs = await gateway.getJobOutputs(apply.id);
      expect(outputs.map((o) => o.name)).toEqual(expect.arrayContaining(names));
      expect(outputs.filter((o) => names.includes(o.name))).toEqual(names.map((n) => ({ name: n, value: `${n}-value`, sensitive: false })));
      const total = paged.jobs.get(apply.id)!.outputs.length;
      expect(outputs).toHaveLength(total);
      expect(paged.count('ListJobOutputs') - before).toBe(Math.ceil(total / 2));

      // A list that would go on for 13 pages is cut at ten.
      const job = paged.jobs.get(apply.id)!;
      job.outputs.length = 0;
      for (let i = 0; i < 25; i++) job.outputs.push({ outputName: `o${i}`, outputType: 'string', outputValue: String(i), isSensitive: false });
      const cut = await gateway.getJobOutputs(apply.id);
      expect(cut.map((o) => o.name)).toEqual(Array.from({ length: 20 }, (_, i) => `o${i}`));
      gateway.close();
    });
  });
});
