// Issue 13, fourth review: what another replica changes while this one validates.
// The plan to reuse and the stack it belongs to come from one read, made after the validate.
import { InfraService } from '../../../src/server/infra/infra-service';
import { RmJob, ResourceManagerGateway, StackNotFoundUpstreamError } from '../../../src/server/infra/resource-manager';
import { hashFiles } from '../../../src/server/infra/terraform-files';
import { MemoryArtifactStore } from '../../../src/server/storage/memory-artifact-store';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';

const SID = '3f2b8a1e-5c4d-4e6f-9a7b-1c2d3e4f5a6b';
const files = new Map([['main.tf', 'resource "oci_core_vcn" "v" {}\n']]);
const hash = hashFiles(files);
const now = new Date().toISOString();

test('an apply reusing a plan another replica made on a new stack applies on that stack, and makes no third one', async () => {
  const store = new MemorySessionStore();
  const artifacts = new MemoryArtifactStore();
  await store.create({
    id: SID,
    status: 'completed',
    locale: 'en',
    created_at: now,
    updated_at: now,
    answers: {},
    infra: { stack_id: 'stackX', stack_config_hash: 'old', jobs: [] },
  } as any);
  await artifacts.putArtifacts(SID, [{ path: 'terraform/main.tf', content: files.get('main.tf')! } as any]);
  const calls: string[] = [];
  const rm: ResourceManagerGateway = {
    async createStack() { calls.push('createStack'); return 'stackZ'; },
    async updateStack(id) { calls.push(`updateStack ${id}`); if (id === 'stackX') throw new StackNotFoundUpstreamError('gone'); },
    async createJob(id, op, plan) {
      calls.push(`createJob ${id} ${op} ${plan ?? '-'}`);
      if (id === 'stackX') throw new StackNotFoundUpstreamError('gone');
      return { id: `job-${calls.length}`, state: 'ACCEPTED', operation: op } as RmJob;
    },
    async getJob(id) { return { id, state: 'SUCCEEDED', operation: 'PLAN' } as RmJob; },
    async runningJob() { return undefined; },
    async getJobLog() { return ''; },
    async getJobOutputs() { return []; },
    close() {},
  };
  const validator = {
    async validate() {
      // Meanwhile another replica found stackX deleted, made stackY and planned these very files on it.
      const cur = (await store.get(SID))!;
      await store.put({
        ...cur.session,
        infra: {
          stack_id: 'stackY',
          stack_config_hash: hash,
          jobs: [{ id: 'planP', operation: 'PLAN', created_at: now, config_hash: hash }],
        },
      } as any, cur.version);
      return { valid: true, diagnostics: [], formatted: files };
    },
  };
  const logger = { info() {}, warn() {}, error() {}, debug() {}, child() { return logger; } } as any;
  const infra = new InfraService({ store, artifacts, resourceManager: rm, validator, workCompartmentId: 'ocid1.compartment.oc1..work', logger });
  await infra.startJob(SID, 'APPLY');
  expect(calls).not.toContain('createStack');
  expect(calls[0]).toBe('createJob stackY APPLY planP');
});

test('record() by id keeps a job where it was: a late record of an adopted plan does not make it the newest job', async () => {
  const id = '4a3b2c1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  const store = new MemorySessionStore();
  await store.create({
    id,
    status: 'completed',
    locale: 'en',
    created_at: now,
    updated_at: now,
    answers: {},
    infra: {
      stack_id: 'stackY',
      stack_config_hash: hash,
      jobs: [
      // Replica B adopted A's plan P (from a 409), then ran an apply Q after it ended.
        { id: 'planP', operation: 'PLAN', created_at: now },
        { id: 'applyQ', operation: 'APPLY', created_at: now, config_hash: hash },
      ],
    },
  } as any);
  const logger = { info() {}, warn() {}, error() {}, debug() {}, child() { return logger; } } as any;
  const infra = new InfraService({ store, artifacts: new MemoryArtifactStore(), resourceManager: {} as any, validator: {} as any, logger });
  // Replica A's own record of P, late.
  await (infra as any).record(id, { id: 'planP', operation: 'PLAN', created_at: now, config_hash: hash });
  const jobs = (await store.get(id))!.session.infra!.jobs.map((j) => j.id);
  expect(jobs).toEqual(['planP', 'applyQ']);
});
