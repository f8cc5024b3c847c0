// Issue 13, second review: what the stack holds, and what the session keeps,
// when calls interleave or fail half way.
import { FIXTURE_TF, GALLEY_COMPARTMENT, InfraWorld, WORK_COMPARTMENT, waitForJob } from '../helpers/infra-world';
import { call, callError, callOk, connectClient, runHearing } from '../helpers/mcp-client';

jest.setTimeout(300_000);

describe('the session\'s Terraform and its Resource Manager stack', () => {
  const world = new InfraWorld();
  beforeAll(() => world.start());
  afterAll(() => world.close());

  test('a plan never writes the session\'s files: the stack gets them formatted, the session keeps them as written', async () => {
    const server = await world.server();
    const client = await connectClient(server.base, server.token, 'streamable-http');
    const { sessionId } = await runHearing(client);
    // Valid, but not as terraform fmt writes it.
    const unformatted = `${FIXTURE_TF}\nlocals {\n  a = 1\n      b = 2\n}\n`;
    await callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'main.tf', content: unformatted });
    const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    expect(plan.state).toBe('ACCEPTED');
    // Another replica's edit during the plan would have been overwritten by a write-back of fmt's output.
    expect((await world.artifacts.getArtifact(sessionId, 'terraform/main.tf'))?.content).toBe(unformatted);
    expect(world.rm.stackFiles(plan.stack_id).get('main.tf')).toContain('  a = 1\n  b = 2\n');
    await waitForJob(client, sessionId, plan.job_id);
    await client.close();
  });

  test('an apply reuses a plan only while the stack still holds the files that plan saw', async () => {
    const server = await world.server();
    const client = await connectClient(server.base, server.token, 'streamable-http');
    const { sessionId } = await runHearing(client);
    const put = (content: string) => callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'main.tf', content });
    await put(FIXTURE_TF);
    const plan = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    expect((await waitForJob(client, sessionId, plan.job_id)).state).toBe('SUCCEEDED');

    // A plan of other files: UpdateStack lands, CreateJob fails (a 5xx on a write is not retried: it may have landed).
    await put(FIXTURE_TF.replace('"10.0.0.0/16"', '"10.1.0.0/16"'));
    world.rm.beforeNext('CreateJob', () => world.rm.injectFaults(500));
    expect((await call(client, 'run_terraform_plan', { session_id: sessionId })).isError).toBe(true);
    expect(world.rm.stackFiles(plan.stack_id).get('main.tf')).toContain('10.1.0.0/16');

    // Back to the planned files: the apply uploads them again and runs on its own, not from the old plan.
    await put(FIXTURE_TF);
    const apply = await callOk(client, 'run_terraform_apply', { session_id: sessionId });
    expect((world.rm.jobs.get(apply.job_id)!.details as { executionPlanStrategy?: string }).executionPlanStrategy).toBe('AUTO_APPROVED');
    expect(world.rm.stackFiles(plan.stack_id).get('main.tf')).toContain('10.0.0.0/16');
    expect((await waitForJob(client, sessionId, apply.job_id)).state).toBe('SUCCEEDED');

    // And with nothing in between, the next apply of planned files does use the plan.
    const again = await callOk(client, 'run_terraform_plan', { session_id: sessionId });
    expect((await waitForJob(client, sessionId, again.job_id)).state).toBe('SUCCEEDED');
    const fromPlan = await callOk(client, 'run_terraform_apply', { session_id: sessionId });
    expect(world.rm.jobs.get(fromPlan.job_id)!.details).toMatchObject({ executionPlanStrategy: 'FROM_PLAN_JOB_ID', executionPlanJobId: again.job_id });
    await waitForJob(client, sessionId, fromPlan.job_id);
    await client.close();
  });

  test('a plan in Galley\'s own compartment is refused before any stack is made', async () => {
    const server = await world.server({ GALLEY_WORK_COMPARTMENT_ID: GALLEY_COMPARTMENT });
    const client = await connectClient(server.base, server.token, 'streamable-http');
    const { sessionId } = await runHearing(client);
    await callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'main.tf', content: FIXTURE_TF });
    const stacks = world.rm.stacks.size;
    expect(await callError(client, 'run_terraform_plan', { session_id: sessionId })).toEqual({
      error: 'work_compartment_required',
      message: expect.stringMatching(/Galley's own compartment.*set GALLEY_WORK_COMPARTMENT_ID/),
    });
    expect(world.rm.stacks.size).toBe(stacks);
    await client.close();
  });

  test('a work compartment Galley may not make stacks in gets resource_manager_refused, naming the policy', async () => {
    const server = await world.server();
    const client = await connectClient(server.base, server.token, 'streamable-http');
    const { sessionId } = await runHearing(client);
    await callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'main.tf', content: FIXTURE_TF });
    world.rm.deniedCompartments.add(WORK_COMPARTMENT);
    try {
      expect(await callError(client, 'run_terraform_plan', { session_id: sessionId })).toEqual({
        error: 'resource_manager_refused',
        message: expect.stringMatching(/refused it \(404\).*GALLEY_WORK_COMPARTMENT_ID.*manage orm-stacks and manage orm-jobs.*CreateStack$/),
      });
    } finally {
      world.rm.deniedCompartments.delete(WORK_COMPARTMENT);
    }
    await client.close();
  });

  test('a stack Galley may read but not run jobs on gets resource_manager_refused, and no second stack', async () => {
    const server = await world.server();
    const client = await connectClient(server.base, server.token, 'streamable-http');
    const { sessionId } = await runHearing(client);
    await callOk(client, 'update_terraform_file', { session_id: sessionId, file: 'main.tf', content: FIXTURE_TF });
    world.rm.deniedJobCompartments.add(WORK_COMPARTMENT);
    try {
      const stacks = world.rm.stacks.size;
      for (let i = 0; i < 2; i++) {
        expect(await callError(client, 'run_terraform_plan', { session_id: sessionId })).toEqual({
          error: 'resource_manager_refused',
          message: expect.stringMatching(/refused it \(404\).*manage orm-jobs.*CreateJob$/),
        });
      }
      // One stack made by the first plan, and no more: a refusal is not taken for a deleted stack.
      expect(world.rm.stacks.size).toBe(stacks + 1);
    } finally {
      world.rm.deniedJobCompartments.delete(WORK_COMPARTMENT);
    }
    await client.close();
  });
});

