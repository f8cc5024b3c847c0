import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import * as common from 'oci-common';
import { ResourceManagerClient } from 'oci-resourcemanager';
import { TEST_TOKEN } from '../helpers/in-process-server';
import { FIXTURE_TF, GALLEY_COMPARTMENT, InfraWorld, WORK_COMPARTMENT, waitForJob } from '../helpers/infra-world';
import { call, callError, callOk, connectClient, runHearing } from '../helpers/mcp-client';
import { MCP_POST_HEADERS } from '../helpers/raw-mcp';

/**
 * A small proof of concept as the model would design it: a VCN with a public
 * and a private subnet, internet and NAT gateways, and a compute instance.
 */
const SMALL_POC = {
  region: 'ap-tokyo-1',
  components: [
    { id: 'vcn', type: 'vcn', name: 'PoC VCN', config: { cidr_block: '10.0.0.0/16' } },
    { id: 'public_subnet', type: 'subnet', name: 'Public', config: { access: 'public', cidr_block: '10.0.0.0/24' }, placement: { parent: 'vcn' } },
    { id: 'app_subnet', type: 'subnet', name: 'App', config: { access: 'private', cidr_block: '10.0.1.0/24' }, placement: { parent: 'vcn' } },
    { id: 'igw', type: 'internet_gateway', name: 'Internet gateway', placement: { parent: 'vcn' } },
    { id: 'nat', type: 'nat_gateway', name: 'NAT gateway', placement: { parent: 'vcn' } },
    { id: 'app', type: 'compute_instance', name: 'App server', config: { ocpus: 1, memory_in_gbs: 16 }, placement: { parent: 'app_subnet' } },
  ],
  connections: [],
  reasons: [{ topic: 'One VM behind NAT', reason: 'A proof of concept needs no more', question_ids: ['project_purpose'], component_ids: ['app'] }],
};

// Tests of the infra layer's own behaviour start from this hand-written file, seeded as export_iac would write it.

// Each test runs real terraform init and validate, several times over; on a
// loaded two-core machine one flow has taken over two minutes. Nothing here
// is timed: this is only the ceiling before a hung test is given up.
jest.setTimeout(300_000);

describe('the infra layer over Streamable HTTP, with the official SDK client', () => {
  const world = new InfraWorld();
  const results: string[] = [];

  beforeAll(() => world.start());
  afterAll(() => world.close());

  /** Every tool result text is kept, so the token check covers all of them. */
  async function tracked(client: Client) {
    const original = client.callTool.bind(client);
    client.callTool = (async (...args: Parameters<typeof original>) => {
      const result = await original(...args);
      results.push(JSON.stringify(result));
      return result;
    }) as typeof original;
    return client;
  }

  async function sessionWith(client: Client, tf: string): Promise<string> {
    const { sessionId } = await runHearing(client);
    await world.artifacts.putArtifacts(sessionId, [{ path: 'terraform/main.tf', content: tf }]);
    return sessionId;
  }

  test('hearing, design, export, a seeded mistake caught locally, the fix, then plan, apply, long-poll and destroy', async () => {
    const server = await world.server();
    const client = await tracked(await connectClient(server.base, server.token, 'streamable-http'));
    const { sessionId } = await runHearing(client);

    // The design layer's real output: a small architecture, saved and exported as Terraform.
    const saved = await callOk(client, 'save_architecture', { session_id: sessionId, ...SMALL_POC });
    expect(saved.architecture.components).toHaveLength(SMALL_POC.components.length);
    const exported = await callOk(client, 'export_iac', { session_id: sessionId });
    const paths: string[] = exported.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['terraform/network.tf', 'terraform/compute.tf']));
    const exportedFiles = new Map<string, string>();
    for (const path of paths) {
      const read = await client.readResource({ uri: `galley://sessions/${sessionId}/${path}` });
      exportedFiles.set(path.replace(/^terraform\//, ''), (read.contents[0] as { text: string }).text);
    }

    // The seeded mistake, through the tool the model would use: an argument the oracle/oci schema does not know.
    const network = exportedFiles.get('network.tf')!;
    const cidrLine = network.split('\n').findIndex((l) => /^\s+cidr_block\s+=/.test(l));
    expect(cidrLine).toBeGreaterThanOrEqual(0);
    const broken = network.split('\n').map((l, i) => (i === cidrLine ? l.replace('cidr_block', 'cidr_blok') : l)).join('\n');
    expect(await callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'network.tf', content: broken }))
      .toEqual({ session_id: sessionId, file: 'network.tf', chars: broken.length, created: false });

    // The local validate reports it at once, with file and line, and no stack or job is spent on it.
    const invalid = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    expect(invalid.state).toBe('VALIDATION_FAILED');
    expect(invalid.job_id).toBeUndefined();
    expect(invalid.diagnostics).toContainEqual(expect.objectContaining({
      severity: 'error',
      file: 'network.tf',
      line: cidrLine + 1,
      summary: 'Unsupported argument',
      detail: expect.stringContaining('An argument named "cidr_blok" is not expected here.'),
    }));
    expect(world.rm.count('CreateStack') + world.rm.count('UpdateStack') + world.rm.count('CreateJob')).toBe(0);

    // The model reads the file as a resource and fixes it.
    const read = await client.readResource({ uri: `galley://sessions/${sessionId}/terraform/network.tf` });
    expect((read.contents[0] as { text: string }).text).toContain('cidr_blok');
    await callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'network.tf', content: network });

    const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    expect(plan).toMatchObject({ operation: 'PLAN', state: 'ACCEPTED', job_id: expect.stringMatching(/^ocid1\.ormjob\./) });
    expect(plan.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    // One stack, in the work compartment, holding exactly the exported files (read back with the real unzip).
    const stack = world.rm.stacks.get(plan.stack_id)!;
    expect(stack.compartmentId).toBe(WORK_COMPARTMENT);
    expect(world.rm.stackFiles(plan.stack_id)).toEqual(exportedFiles);

    // The stand-in runs the real `terraform validate` on the uploaded zip: a SUCCEEDED plan means the export is valid.
    const planned = await waitForJob(client, sessionId, plan.job_id);
    const resources = [...[...exportedFiles.values()].join('\n').matchAll(/^resource\s+"/gm)].length;
    expect(resources).toBeGreaterThanOrEqual(SMALL_POC.components.length);
    expect(planned).toMatchObject({ state: 'SUCCEEDED', operation: 'PLAN', changes: { add: resources, change: 0, destroy: 0 } });
    expect(planned.log_tail).toContain(`Plan: ${resources} to add, 0 to change, 0 to destroy.`);

    // The apply applies that very plan, since the files did not change.
    const apply = await callOk(client, 'run_terraform_apply', { session_id: sessionId });
    expect(apply).toMatchObject({ operation: 'APPLY', state: 'ACCEPTED', stack_id: plan.stack_id });
    expect(world.rm.jobs.get(apply.job_id)!.details).toMatchObject({ executionPlanStrategy: 'FROM_PLAN_JOB_ID', executionPlanJobId: plan.job_id });
    // One long-poll sees the job move on from ACCEPTED without the client polling in a loop.
    const moved = await callOk(client, 'get_rm_job_status', { session_id: sessionId, job_id: apply.job_id, wait_seconds: 20 });
    expect(moved.state).not.toBe('ACCEPTED');
    const applied = await waitForJob(client, sessionId, apply.job_id);
    expect(applied).toMatchObject({ state: 'SUCCEEDED', changes: { add: resources, change: 0, destroy: 0 } });

    const destroy = await callOk(client, 'run_terraform_destroy', { session_id: sessionId });
    const destroyed = await waitForJob(client, sessionId, destroy.job_id);
    expect(destroyed).toMatchObject({ state: 'SUCCEEDED', operation: 'DESTROY', changes: { add: 0, change: 0, destroy: resources } });

    // The session keeps the stack and the job ids, nothing else; one stack was ever made.
    const { session } = (await world.store.get(sessionId))!;
    expect(session.infra).toMatchObject({ stack_id: plan.stack_id });
    expect(session.infra!.jobs.map((j) => [j.operation, j.id])).toEqual([
      ['PLAN', plan.job_id], ['APPLY', apply.job_id], ['DESTROY', destroy.job_id],
    ]);
    expect(world.rm.count('CreateStack')).toBe(1);
    await client.close();
  });

  test('a long-poll waits for the change and sends progress notifications (SSE)', async () => {
    const server = await world.server();
    const client = await tracked(await connectClient(server.base, server.token, 'sse'));
    const sessionId = await sessionWith(client, FIXTURE_TF);
    world.rm.holdJobs = true;
    try {
      const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
      let status = await callOk(client, 'get_rm_job_status', { session_id: sessionId, job_id: plan.job_id, wait_seconds: 20 });
      expect(status.state).toBe('IN_PROGRESS');

      const progress: unknown[] = [];
      const waiting = client.callTool(
        { name: 'get_rm_job_status', arguments: { session_id: sessionId, job_id: plan.job_id, wait_seconds: 20 } },
        undefined,
        {
          onprogress: (p) => {
            progress.push(p);
            // The job ends only once the client has seen the wait in progress.
            if (progress.length === 2) world.rm.releaseJobs();
          },
        },
      );
      const result = await waiting;
      status = result.structuredContent as Record<string, any>;
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress[0]).toMatchObject({ total: 20, message: 'PLAN job IN_PROGRESS' });
      // Still waiting for the terraform run to finish, or finished: never back to the old state.
      if (status.state === 'IN_PROGRESS') status = await waitForJob(client, sessionId, plan.job_id);
      expect(status.state).toBe('SUCCEEDED');
    } finally {
      world.rm.releaseJobs();
    }
    await client.close();
  });

  test('a restart mid-job keeps tracking it from Resource Manager, and a second job is refused meanwhile', async () => {
    const first = await world.server();
    let client = await tracked(await connectClient(first.base, first.token, 'streamable-http'));
    const sessionId = await sessionWith(client, FIXTURE_TF);
    world.rm.holdJobs = true;
    try {
      const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
      await client.close();
      await first.close();

      const second = await world.server();
      client = await tracked(await connectClient(second.base, second.token, 'streamable-http'));
      const before = world.rm.count('GetJob');
      const status = await callOk(client, 'get_rm_job_status', { session_id: sessionId, job_id: plan.job_id, wait_seconds: 1 });
      expect(status).toMatchObject({ job_id: plan.job_id, operation: 'PLAN', state: 'IN_PROGRESS' });
      expect(world.rm.count('GetJob')).toBeGreaterThan(before);

      for (const tool of ['run_terraform_plan', 'run_terraform_apply', 'run_terraform_destroy']) {
        const refused = await callError(client, tool, { session_id: sessionId });
        expect(refused.error).toBe('job_in_progress');
        expect(refused.message).toContain(plan.job_id);
      }
      world.rm.releaseJobs();
      expect((await waitForJob(client, sessionId, plan.job_id)).state).toBe('SUCCEEDED');
      // Now a new job may start.
      expect((await callOk(client, 'run_terraform_apply', { session_id: sessionId })).state).toBe('ACCEPTED');
    } finally {
      world.rm.releaseJobs();
    }
    await client.close();
  });

  /** Resolves once Resource Manager has seen `n` more GetJob calls: the caller is inside its wait loop. */
  async function getJobCalls(n: number): Promise<void> {
    const target = world.rm.count('GetJob') + n;
    while (world.rm.count('GetJob') < target) await new Promise((r) => setTimeout(r, 5));
  }

  /** Rejects if `promise` has not settled within `ms`: an upper bound, far below the 20 s wait. */
  function within<T>(promise: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)));
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  }

  test('a long-poll ends at once when the infra service closes (shutdown), answering the state it has', async () => {
    const server = await world.server();
    const client = await tracked(await connectClient(server.base, server.token, 'streamable-http'));
    const sessionId = await sessionWith(client, FIXTURE_TF);
    world.rm.holdJobs = true;
    try {
      const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
      expect((await callOk(client, 'get_rm_job_status', { session_id: sessionId, job_id: plan.job_id, wait_seconds: 20 })).state).toBe('IN_PROGRESS');

      // The job is held, so this would wait the whole 20 s.
      const waiting = callOk(client, 'get_rm_job_status', { session_id: sessionId, job_id: plan.job_id, wait_seconds: 20 });
      await getJobCalls(2);
      const closed = server.infra!.close();
      const status = await within(waiting, 5000);
      expect(status).toMatchObject({ job_id: plan.job_id, operation: 'PLAN', state: 'IN_PROGRESS' });
      await within(closed, 5000);

      // Once closing, a new wait does not start either.
      const before = world.rm.count('GetJob');
      expect((await within(callOk(client, 'get_rm_job_status', { session_id: sessionId, job_id: plan.job_id, wait_seconds: 20 }), 5000)).state)
        .toBe('IN_PROGRESS');
      expect(world.rm.count('GetJob')).toBe(before + 1);
    } finally {
      world.rm.releaseJobs();
    }
    await client.close();
  });

  test('a long-poll stops asking Resource Manager when its client goes away', async () => {
    const server = await world.server();
    const client = await tracked(await connectClient(server.base, server.token, 'streamable-http'));
    const sessionId = await sessionWith(client, FIXTURE_TF);
    world.rm.holdJobs = true;
    try {
      const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
      expect((await callOk(client, 'get_rm_job_status', { session_id: sessionId, job_id: plan.job_id, wait_seconds: 20 })).state).toBe('IN_PROGRESS');

      // A bare POST, so that hanging up is a real disconnect.
      const hangUp = new AbortController();
      const request = fetch(`${server.base}/${server.token}/mcp`, {
        method: 'POST',
        headers: { ...MCP_POST_HEADERS, 'Mcp-Protocol-Version': '2025-06-18' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'get_rm_job_status', arguments: { session_id: sessionId, job_id: plan.job_id, wait_seconds: 20 } },
        }),
        signal: hangUp.signal,
      }).then((r) => r.text());
      await getJobCalls(2);
      hangUp.abort();
      await expect(request).rejects.toThrow();
      // Polls every 25 ms: 20 intervals without a GetJob means the wait ended (one may have been in flight).
      await new Promise((r) => setTimeout(r, 100));
      const after = world.rm.count('GetJob');
      await new Promise((r) => setTimeout(r, 500));
      expect(world.rm.count('GetJob') - after).toBeLessThanOrEqual(1);
    } finally {
      world.rm.releaseJobs();
    }
    await client.close();
  });

  test("a job started on the stack outside this server: Resource Manager's 409 becomes job_in_progress naming that job, which the session then follows", async () => {
    const server = await world.server();
    const client = await tracked(await connectClient(server.base, server.token, 'streamable-http'));
    const sessionId = await sessionWith(client, FIXTURE_TF);
    const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    await waitForJob(client, sessionId, plan.job_id);
    const jobsOf = async () => (await world.store.get(sessionId))!.session.infra!.jobs.map((j) => [j.operation, j.id]);

    // Another Galley process (or a person in the console) starts a job on the same stack.
    const rm = new ResourceManagerClient({
      authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(world.credentials.configFile) as any,
    });
    rm.endpoint = world.rm.endpoint;
    const startElsewhere = async (operation: string) =>
      (await rm.createJob({ createJobDetails: { stackId: plan.stack_id, jobOperationDetails: { operation } as any } })).job.id!;
    world.rm.holdJobs = true;
    try {
      const foreign = await startElsewhere('DESTROY');
      const refused = await callError(client, 'run_terraform_plan', { session_id: sessionId });
      expect(refused).toEqual({ error: 'job_in_progress', message: expect.stringMatching(new RegExp(`DESTROY job ${foreign} is still (ACCEPTED|IN_PROGRESS)`)) });
      expect(world.rm.count('ListJobs')).toBeGreaterThan(0);
      // Recorded once, so the next start is refused before any upload, and the model can follow the job.
      expect(await jobsOf()).toEqual([['PLAN', plan.job_id], ['DESTROY', foreign]]);
      const uploads = world.rm.count('UpdateStack');
      expect(await callError(client, 'run_terraform_apply', { session_id: sessionId })).toMatchObject({ error: 'job_in_progress', message: expect.stringContaining(foreign) });
      expect(world.rm.count('UpdateStack')).toBe(uploads);
      expect(await jobsOf()).toEqual([['PLAN', plan.job_id], ['DESTROY', foreign]]);
      world.rm.releaseJobs();
      expect(await waitForJob(client, sessionId, foreign)).toMatchObject({ job_id: foreign, operation: 'DESTROY', state: 'SUCCEEDED' });

      // When Resource Manager cannot say which job runs, the refusal stands without the name.
      world.rm.holdJobs = true;
      await startElsewhere('PLAN');
      world.rm.beforeNext('ListJobs', () => world.rm.injectFaults(503, 503, 503));
      expect(await callError(client, 'run_terraform_plan', { session_id: sessionId }))
        .toEqual({ error: 'job_in_progress', message: expect.stringContaining('already running a job') });
      expect(await jobsOf()).toHaveLength(2);
    } finally {
      world.rm.releaseJobs();
      rm.close();
    }
    await client.close();
  });

  test('a stack deleted in OCI: plan and apply make a new one, destroy says there is nothing to destroy', async () => {
    const server = await world.server();
    const client = await tracked(await connectClient(server.base, server.token, 'streamable-http'));
    const sessionId = await sessionWith(client, FIXTURE_TF);
    const stackOf = async () => (await world.store.get(sessionId))!.session.infra?.stack_id;

    // Deleted before a plan: UpdateStack answers 404, and the plan goes to a new stack.
    const first = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    await waitForJob(client, sessionId, first.job_id);
    world.rm.deleteStack(first.stack_id);
    const second = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    expect(second).toMatchObject({ state: 'ACCEPTED', stack_id: expect.not.stringMatching(first.stack_id) });
    expect(world.rm.stacks.get(second.stack_id)!.compartmentId).toBe(WORK_COMPARTMENT);
    expect(world.rm.stackFiles(second.stack_id)).toEqual(new Map([['main.tf', FIXTURE_TF]]));
    expect(await stackOf()).toBe(second.stack_id);
    expect((await waitForJob(client, sessionId, second.job_id)).state).toBe('SUCCEEDED');

    // Deleted after a plan, before its apply: the plan went with the stack, so the apply runs afresh on a new one.
    world.rm.deleteStack(second.stack_id);
    const apply = await callOk(client, 'run_terraform_apply', { session_id: sessionId });
    expect(apply).toMatchObject({ state: 'ACCEPTED', stack_id: expect.not.stringMatching(second.stack_id) });
    expect(world.rm.jobs.get(apply.job_id)!.details).toMatchObject({ executionPlanStrategy: 'AUTO_APPROVED' });
    expect(await stackOf()).toBe(apply.stack_id);
    expect((await waitForJob(client, sessionId, apply.job_id)).state).toBe('SUCCEEDED');

    // Deleted between the upload and the job (CreateJob answers 404): one more new stack, and the job runs there.
    const third = apply.stack_id;
    world.rm.beforeNext('CreateJob', () => world.rm.deleteStack(third));
    const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    expect(plan).toMatchObject({ state: 'ACCEPTED', stack_id: expect.not.stringMatching(third) });
    expect(world.rm.jobs.get(plan.job_id)!.stackId).toBe(plan.stack_id);
    expect(await stackOf()).toBe(plan.stack_id);
    expect((await waitForJob(client, sessionId, plan.job_id)).state).toBe('SUCCEEDED');

    // Destroy has nothing to work on in a stack that is gone: a clear error, not internal_error.
    world.rm.deleteStack(plan.stack_id);
    expect(await callError(client, 'run_terraform_destroy', { session_id: sessionId })).toEqual({
      error: 'no_terraform',
      message: expect.stringContaining('no longer exists in OCI'),
    });
    await client.close();
  });

  test('Resource Manager throttling and 5xx on reads are retried; a persistent 5xx is a structured error', async () => {
    const server = await world.server();
    const client = await tracked(await connectClient(server.base, server.token, 'streamable-http'));
    const sessionId = await sessionWith(client, FIXTURE_TF);
    world.rm.injectFaults(429); // on CreateStack: refused before anything happened, so retried
    const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    expect(world.rm.stacks.has(plan.stack_id)).toBe(true);
    world.rm.injectFaults(503, 500);
    expect((await waitForJob(client, sessionId, plan.job_id)).state).toBe('SUCCEEDED');
    // The state and the log are read together, three attempts each.
    world.rm.injectFaults(503, 503, 503, 503, 503, 503);
    const failed = await callError(client, 'get_rm_job_status', { session_id: sessionId, job_id: plan.job_id });
    expect(failed).toEqual({ error: 'resource_manager_unavailable', message: expect.stringMatching(/did not answer (GetJob|GetJobLogsContent) \(503\)/) });
    await client.close();
  });

  test('bad input gets the structured error', async () => {
    const server = await world.server();
    const client = await tracked(await connectClient(server.base, server.token, 'streamable-http'));
    const sessionId = await sessionWith(client, FIXTURE_TF);
    const update = (file: string, content = 'x') => callError(client, 'update_terraform_file', { session_id: sessionId, file, content });

    for (const file of ['../session.json', 'terraform/../../x.tf', '/etc/passwd', '..tf', 'deploy.sh', '.terraform.lock.hcl', 'sub/main.tf']) {
      expect(await update(file)).toEqual({ error: 'invalid_arguments', message: expect.stringContaining('must be a Terraform file name') });
    }
    expect(await world.artifacts.listArtifacts(sessionId, '')).toEqual(['terraform/main.tf']);
    expect(await update('main.tf', 'x'.repeat(256 * 1024 + 1))).toEqual({
      error: 'invalid_arguments',
      message: expect.stringMatching(/^content: Too big/),
    });
    expect(await callError(client, 'get_rm_job_status', { session_id: sessionId, job_id: 'ocid1.ormjob.oc1..nosuchjob' }))
      .toEqual({ error: 'job_not_found', message: expect.stringContaining('has no job with that id') });
    expect(await callError(client, 'get_rm_job_status', { session_id: sessionId, job_id: 'x', wait_seconds: 21 }))
      .toMatchObject({ error: 'invalid_arguments' });
    expect(await callError(client, 'run_terraform_destroy', { session_id: sessionId }))
      .toEqual({ error: 'no_terraform', message: expect.stringContaining('no Resource Manager stack yet') });

    const oci = (args: string[]) => callError(client, 'run_oci_cli', { args });
    expect(await oci(['os', 'ns', 'get', ';', 'rm', '-rf', '/'])).toMatchObject({ error: 'command_refused', message: expect.stringContaining('shell metacharacters') });
    expect(await oci(['os', 'ns', 'get', '$(cat /proc/self/environ)'])).toMatchObject({ error: 'command_refused' });
    expect(await oci(['marketplace', 'listing', 'list'])).toMatchObject({ error: 'command_refused', message: expect.stringContaining('not on Galley\'s list') });
    expect(await oci(['secrets', 'secret-bundle', 'get', '--secret-id', 'ocid1.vaultsecret.oc1..x'])).toMatchObject({ error: 'command_refused', message: expect.stringContaining('secret contents') });
    expect(await oci(['iam', 'policy', 'create', '--name', 'x'])).toMatchObject({ error: 'command_refused', message: expect.stringContaining('IAM') });
    expect(await oci(['os', 'ns', 'get', '--auth', 'api_key'])).toMatchObject({ error: 'command_refused', message: expect.stringContaining('`--auth` is refused') });
    expect(await oci(['os', 'ns', 'get', '--profile=OTHER'])).toMatchObject({ error: 'command_refused', message: expect.stringContaining('`--profile` is refused') });
    await client.close();
  });

  test('apply and destroy refuse without a separate work compartment, and say how to set it', async () => {
    const sameAsGalley = await world.server({ GALLEY_WORK_COMPARTMENT_ID: GALLEY_COMPARTMENT });
    let client = await connectClient(sameAsGalley.base, sameAsGalley.token, 'streamable-http');
    const sessionId = await sessionWith(client, FIXTURE_TF);
    for (const tool of ['run_terraform_apply', 'run_terraform_destroy']) {
      expect(await callError(client, tool, { session_id: sessionId })).toEqual({
        error: 'work_compartment_required',
        message: expect.stringMatching(/Galley's own compartment.*set GALLEY_WORK_COMPARTMENT_ID.*galley_work_compartment_id/),
      });
    }
    await client.close();

    const unset = await world.server({ GALLEY_WORK_COMPARTMENT_ID: '' });
    client = await connectClient(unset.base, unset.token, 'streamable-http');
    for (const tool of ['run_terraform_plan', 'run_terraform_apply']) {
      expect(await callError(client, tool, { session_id: sessionId })).toMatchObject({
        error: 'work_compartment_required',
        message: expect.stringContaining('no work compartment is configured: set GALLEY_WORK_COMPARTMENT_ID'),
      });
    }
    await client.close();

    // Locally, with no GALLEY_COMPARTMENT_ID, a work compartment is enough.
    const local = await world.server({ GALLEY_COMPARTMENT_ID: '' });
    client = await connectClient(local.base, local.token, 'streamable-http');
    expect((await callOk(client, 'run_terraform_apply', { session_id: sessionId })).state).toBe('ACCEPTED');
    await client.close();
  });

  test('the token never appears in a job log, an output, an error or a log line', async () => {
    const server = await world.server();
    const client = await tracked(await connectClient(server.base, server.token, 'streamable-http'));
    const sessionId = await sessionWith(client, FIXTURE_TF);
    // The model pastes the token into the Terraform; Resource Manager echoes outputs into its log.
    const leaky = `${FIXTURE_TF}\noutput "endpoint" {\n  value = "https://gw.example.com/${TEST_TOKEN}/mcp"\n}\n`;
    await callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'outputs.tf', content: leaky.slice(FIXTURE_TF.length) });
    const apply = await callOk(client, 'run_terraform_apply', { session_id: sessionId });
    const applied = await waitForJob(client, sessionId, apply.job_id);
    expect(applied.state).toBe('SUCCEEDED');
    expect(applied.log_tail).toContain('endpoint = "https://gw.example.com/[REDACTED]/mcp"');
    expect(applied.outputs).toContainEqual({ name: 'endpoint', value: 'https://gw.example.com/[REDACTED]/mcp', sensitive: false });
    // Errors: a refused CLI argument and an unknown job, both carrying the token.
    await call(client, 'run_oci_cli', { args: ['os', 'ns', 'get', `--x=${TEST_TOKEN};`] });
    await call(client, 'get_rm_job_status', { session_id: sessionId, job_id: TEST_TOKEN });
    await call(client, 'update_terraform_file', { session_id: sessionId, file: `${TEST_TOKEN}.sh`, content: TEST_TOKEN });
    await client.close();

    expect(results.length).toBeGreaterThan(10);
    for (const text of results) expect(text).not.toContain(TEST_TOKEN);
    expect(server.logs.length).toBeGreaterThan(0);
    for (const line of server.logs) expect(line).not.toContain(TEST_TOKEN);
  });
});
