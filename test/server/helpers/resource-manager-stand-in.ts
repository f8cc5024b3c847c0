// A local stand-in of the OCI Resource Manager REST API, for tests only:
// stacks with a zip configuration, jobs that go ACCEPTED -> IN_PROGRESS ->
// SUCCEEDED or FAILED, their logs and outputs, 409 for a second job on a
// busy stack, ListJobs and ListJobOutputs paged with opc-next-page, an apply
// only from a succeeded plan of the same stack, injectable 429 and 5xx, and
// request-signature checks shared with the Object Storage stand-in. A plan of a configuration that Terraform
// rejects fails with Terraform's own error text: the stand-in unzips the
// upload and runs the local `terraform validate` on it.
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LoopbackStandIn, readBody } from './loopback-stand-in';
import { verifyOciSignature } from './oci-signature';

export type RmOperation = 'CreateStack' | 'UpdateStack' | 'GetStack' | 'CreateJob' | 'GetJob' | 'ListJobs' | 'GetJobLogsContent' | 'ListJobOutputs';

type State = 'ACCEPTED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';

interface StandInStack {
  readonly id: string;
  readonly compartmentId: string;
  readonly displayName: string;
  /** As CreateStack set it (Resource Manager's own default when absent). */
  readonly terraformVersion?: string;
  /** The stack's variables, as the last CreateStack or UpdateStack set them. */
  variables: Record<string, string>;
  zip: Buffer;
  /** Resources "deployed" by the last successful apply (names), emptied by destroy. */
  deployed: string[];
}

interface StandInJob {
  readonly id: string;
  readonly stackId: string;
  readonly compartmentId: string;
  readonly operation: 'PLAN' | 'APPLY' | 'DESTROY';
  readonly details: Record<string, unknown>;
  readonly timeCreated: string;
  timeFinished?: string;
  state: State;
  log: string[];
  outputs: { outputName: string; outputType: string; outputValue: string; isSensitive: boolean }[];
  failureMessage?: string;
}

export interface RmStandInOptions {
  /** PEM public keys by keyId; requests must be signed by one of them. */
  readonly keys?: Record<string, string>;
  /** How long a job stays in each state before it moves on. */
  readonly stepMs?: number;
  /** The environment `terraform` runs with (TF_CLI_CONFIG_FILE of the mirror). */
  readonly terraformEnv?: NodeJS.ProcessEnv;
  /** The most items a List call answers per page, whatever `limit` asks (tests make it small to see paging). */
  readonly pageSize?: number;
}

export class ResourceManagerStandIn extends LoopbackStandIn {
  /** Per-request latency in ms. */
  latencyMs = 0;
  /** While true, jobs stop at IN_PROGRESS (a long apply); `releaseJobs()` lets them finish. */
  holdJobs = false;
  /** Compartments where the caller may not make stacks: CreateStack there answers 404, as OCI does without a policy. */
  readonly deniedCompartments = new Set<string>();
  /** Compartments where the caller may read stacks but not run jobs (no `manage orm-jobs`): CreateJob answers 404. */
  readonly deniedJobCompartments = new Set<string>();
  readonly counts = new Map<RmOperation, number>();
  unsignedRequests = 0;
  /** Total time spent answering, in ms (the stand-in's own share of a request). */
  serviceMs = 0;
  /** When each request was being answered (performance.now() ms), for measuring a caller's time beyond the stand-in's. */
  readonly spans: [number, number][] = [];

  readonly stacks = new Map<string, StandInStack>();
  readonly jobs = new Map<string, StandInJob>();
  private readonly faults: (429 | 500 | 503)[] = [];
  private readonly before = new Map<RmOperation, () => void>();
  private readonly keys: Record<string, string>;
  private readonly stepMs: number;
  private readonly pageSize: number;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: RmStandInOptions = {}) {
    super();
    this.keys = options.keys ?? {};
    this.stepMs = options.stepMs ?? 50;
    this.pageSize = options.pageSize ?? 100;
  }

  /** A stopped stand-in moves no job on. */
  protected onStop(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  /** The next requests get these statuses, one each. */
  injectFaults(...statuses: (429 | 500 | 503)[]): void {
    this.faults.push(...statuses);
  }

  /**
   * Deletes a stack as someone in the OCI console would: its jobs go with it
   * (Resource Manager deletes a stack's jobs and state). Refused, as in OCI,
   * while a job runs.
   */
  deleteStack(stackId: string): void {
    if (!this.stacks.has(stackId)) throw new Error(`no stack ${stackId}`);
    if (this.busy(stackId)) throw new Error(`stack ${stackId} has a job in progress`);
    this.stacks.delete(stackId);
    for (const [id, job] of this.jobs) if (job.stackId === stackId) this.jobs.delete(id);
  }

  /** Runs `fn` once, just before the next `op` request is served (after its signature check): a race, made on purpose. */
  beforeNext(op: RmOperation, fn: () => void): void {
    this.before.set(op, fn);
  }

  releaseJobs(): void {
    this.holdJobs = false;
    for (const job of this.jobs.values()) if (job.state === 'IN_PROGRESS') this.schedule(job);
  }

  count(op: RmOperation): number {
    return this.counts.get(op) ?? 0;
  }

  /** The files of a stack's current zip, by name (read with the real `unzip`). */
  stackFiles(stackId: string): Map<string, string> {
    const dir = this.unzip(this.stacks.get(stackId)!.zip);
    try {
      return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const started = process.hrtime.bigint();
    const startedAt = performance.now();
    const finish = () => {
      this.serviceMs += Number(process.hrtime.bigint() - started) / 1e6;
      this.spans.push([startedAt, performance.now()]);
    };
    res.once('finish', finish);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const route = this.route(req.method ?? 'GET', url.pathname);
    if (!route) return reply(res, 404, { code: 'NotAuthorizedOrNotFound', message: 'no such API' });
    this.counts.set(route.op, (this.counts.get(route.op) ?? 0) + 1);
    if (!verifyOciSignature(req, url, body, this.keys)) {
      this.unsignedRequests++;
      return reply(res, 401, { code: 'NotAuthenticated', message: 'The required information to complete authentication was not provided or was incorrect.' });
    }
    const hook = this.before.get(route.op);
    this.before.delete(route.op);
    hook?.();
    const fault = this.faults.shift();
    if (fault) return reply(res, fault, { code: fault === 429 ? 'TooManyRequests' : 'InternalServerError', message: 'injected' });
    try {
      this.serve(route.op, route.id, url.searchParams, body.length ? JSON.parse(body.toString('utf8')) : {}, res);
    } catch (err) {
      reply(res, 400, { code: 'InvalidParameter', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private route(method: string, path: string): { op: RmOperation; id?: string } | undefined {
    const m = /^\/20180917\/(stacks|jobs)(?:\/([^/]+))?(?:\/(logs\/content|outputs))?$/.exec(path);
    if (!m) return undefined;
    const [, kind, id, sub] = m;
    if (kind === 'stacks') {
      if (!id) return method === 'POST' ? { op: 'CreateStack' } : undefined;
      return method === 'PUT' ? { op: 'UpdateStack', id } : method === 'GET' ? { op: 'GetStack', id } : undefined;
    }
    if (!id) return method === 'POST' ? { op: 'CreateJob' } : method === 'GET' ? { op: 'ListJobs' } : undefined;
    if (method !== 'GET') return undefined;
    if (sub === 'logs/content') return { op: 'GetJobLogsContent', id };
    if (sub === 'outputs') return { op: 'ListJobOutputs', id };
    return { op: 'GetJob', id };
  }

  private serve(op: RmOperation, id: string | undefined, query: URLSearchParams, body: any, res: ServerResponse): void {
    const notFound = () => reply(res, 404, { code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' });
    switch (op) {
      case 'CreateStack': {
        const source = body.configSource;
        if (source?.configSourceType !== 'ZIP_UPLOAD' || typeof source.zipFileBase64Encoded !== 'string') {
          throw new Error('configSource must be a ZIP_UPLOAD with zipFileBase64Encoded');
        }
        if (typeof body.compartmentId !== 'string') throw new Error('compartmentId is required');
        if (this.deniedCompartments.has(body.compartmentId)) return notFound();
        const stack: StandInStack = {
          id: `ocid1.ormstack.oc1.ap-tokyo-1.${randomUUID().replace(/-/g, '')}`,
          compartmentId: body.compartmentId,
          displayName: String(body.displayName ?? ''),
          ...(typeof body.terraformVersion === 'string' && { terraformVersion: body.terraformVersion }),
          variables: stringMap(body.variables),
          zip: Buffer.from(source.zipFileBase64Encoded, 'base64'),
          deployed: [],
        };
        this.stacks.set(stack.id, stack);
        return reply(res, 200, stackJson(stack));
      }
      case 'GetStack': {
        const stack = this.stacks.get(id!);
        return stack ? reply(res, 200, stackJson(stack)) : notFound();
      }
      case 'UpdateStack': {
        const stack = this.stacks.get(id!);
        if (!stack) return notFound();
        if (this.busy(stack.id)) return reply(res, 409, { code: 'Conflict', message: 'The stack has a job in progress.' });
        const zip = body.configSource?.zipFileBase64Encoded;
        if (typeof zip === 'string') stack.zip = Buffer.from(zip, 'base64');
        if (body.variables !== undefined) stack.variables = stringMap(body.variables);
        return reply(res, 200, stackJson(stack));
      }
      case 'CreateJob': {
        const stack = this.stacks.get(body.stackId);
        if (!stack || this.deniedJobCompartments.has(stack.compartmentId)) return notFound();
        if (this.busy(stack.id)) return reply(res, 409, { code: 'Conflict', message: 'The stack has a job in progress.' });
        const operation = body.jobOperationDetails?.operation ?? body.operation;
        if (!['PLAN', 'APPLY', 'DESTROY'].includes(operation)) throw new Error(`unsupported operation ${operation}`);
        const details = body.jobOperationDetails ?? {};
        if (details.executionPlanStrategy === 'FROM_PLAN_JOB_ID') {
          // As Resource Manager: only a plan of this very stack that succeeded can be applied.
          const plan = this.jobs.get(details.executionPlanJobId);
          if (!plan || plan.stackId !== stack.id || plan.operation !== 'PLAN' || plan.state !== 'SUCCEEDED') {
            throw new Error('executionPlanJobId must name a succeeded plan job of the same stack');
          }
        }
        const job: StandInJob = {
          id: `ocid1.ormjob.oc1.ap-tokyo-1.${randomUUID().replace(/-/g, '')}`,
          stackId: stack.id,
          compartmentId: stack.compartmentId,
          operation,
          details,
          timeCreated: new Date().toISOString(),
          state: 'ACCEPTED',
          log: [],
          outputs: [],
        };
        this.jobs.set(job.id, job);
        this.schedule(job);
        return reply(res, 200, jobJson(job));
      }
      case 'GetJob': {
        const job = this.jobs.get(id!);
        return job ? reply(res, 200, jobJson(job)) : notFound();
      }
      case 'ListJobs': {
        const stackId = query.get('stackId');
        const compartmentId = query.get('compartmentId');
        const jobId = query.get('id');
        if (!stackId && !compartmentId && !jobId) throw new Error('one of compartmentId, stackId or id is required');
        const state = query.get('lifecycleState')?.toUpperCase();
        const sortBy = query.get('sortBy') ?? 'TIMECREATED';
        if (sortBy !== 'TIMECREATED') throw new Error(`the stand-in sorts jobs by TIMECREATED only, not ${sortBy}`);
        // Jobs are kept in creation order; TIMECREATED sorts descending unless asked otherwise.
        const matching = [...this.jobs.values()].filter((j) => (!stackId || j.stackId === stackId)
          && (!compartmentId || j.compartmentId === compartmentId) && (!jobId || j.id === jobId) && (!state || j.state === state));
        if ((query.get('sortOrder') ?? 'DESC') === 'DESC') matching.reverse();
        const { items, next } = this.page(matching.map(jobJson), query);
        return reply(res, 200, items, next ? { 'opc-next-page': next } : {});
      }
      case 'GetJobLogsContent': {
        const job = this.jobs.get(id!);
        if (!job) return notFound();
        return reply(res, 200, Buffer.from(job.log.join('\n') + '\n'), { 'content-type': 'text/plain' });
      }
      case 'ListJobOutputs': {
        const job = this.jobs.get(id!);
        if (!job) return notFound();
        const { items, next } = this.page(job.outputs, query);
        return reply(res, 200, { items }, next ? { 'opc-next-page': next } : {});
      }
    }
  }

  /** One page of a List answer: at most `limit` items (and at most the stand-in's page size), from the `page` token on. */
  private page<T>(all: T[], query: URLSearchParams): { items: T[]; next?: string } {
    const token = query.get('page');
    const start = token === null ? 0 : Number(/^p(\d+)$/.exec(token)?.[1] ?? NaN);
    if (!Number.isInteger(start)) throw new Error('the page token is not one this API gave');
    const limit = Math.min(Number(query.get('limit') ?? this.pageSize) || this.pageSize, this.pageSize);
    const items = all.slice(start, start + limit);
    return { items, ...(start + limit < all.length && { next: `p${start + limit}` }) };
  }

  private busy(stackId: string): boolean {
    return [...this.jobs.values()].some((j) => j.stackId === stackId && (j.state === 'ACCEPTED' || j.state === 'IN_PROGRESS'));
  }

  private schedule(job: StandInJob): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (job.state === 'ACCEPTED') {
        job.state = 'IN_PROGRESS';
        job.log.push(`Terraform ${job.operation.toLowerCase()} started for stack ${job.stackId}`);
        if (!this.holdJobs) this.schedule(job);
      } else if (job.state === 'IN_PROGRESS') {
        if (this.holdJobs) return;
        void this.run(job).then(() => (job.timeFinished = new Date().toISOString()));
      }
    }, this.stepMs);
    this.timers.add(timer);
  }

  /** What Terraform would have done: validate for real, then count the resources. */
  private async run(job: StandInJob): Promise<void> {
    const stack = this.stacks.get(job.stackId)!;
    const dir = this.unzip(stack.zip);
    try {
      const files = readdirSync(dir).filter((f) => f.endsWith('.tf'));
      const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
      const resources = [...text.matchAll(/^resource\s+"([^"]+)"\s+"([^"]+)"/gm)].map((m) => `${m[1]}.${m[2]}`);
      const outputs = [...text.matchAll(/^output\s+"([^"]+)"\s*\{([\s\S]*?)^\}/gm)];
      if (job.operation !== 'DESTROY') {
        const problem = missingVariables(text, stack.variables) ?? await this.validate(dir);
        if (problem) {
          job.log.push(...problem.split('\n'));
          job.state = 'FAILED';
          job.failureMessage = 'During terraform plan, terraform encountered an error. Check the job logs for details.';
          return;
        }
      }
      if (job.operation === 'PLAN') {
        const add = resources.filter((r) => !stack.deployed.includes(r)).length;
        const destroy = stack.deployed.filter((r) => !resources.includes(r)).length;
        job.log.push(...resources.map((r) => `  # ${r} will be created`));
        job.log.push(add + destroy === 0 ? 'No changes. Your infrastructure matches the configuration.' : `Plan: ${add} to add, 0 to change, ${destroy} to destroy.`);
      } else if (job.operation === 'APPLY') {
        const added = resources.filter((r) => !stack.deployed.includes(r));
        job.log.push(...added.map((r) => `${r}: Creation complete after 1s [id=ocid1.${r.split('.')[0].replace(/^oci_/, '').replace(/_/g, '')}.oc1..aaaa]`));
        job.log.push(`Apply complete! Resources: ${added.length} added, 0 changed, 0 destroyed.`);
        stack.deployed = resources;
        for (const [, name, block] of outputs) {
          const value = /value\s*=\s*"([^"]*)"/.exec(block)?.[1] ?? `<computed ${name}>`;
          const sensitive = /sensitive\s*=\s*true/.test(block);
          job.outputs.push({ outputName: name, outputType: 'string', outputValue: value, isSensitive: sensitive });
          job.log.push(`${name} = ${sensitive ? '<sensitive>' : JSON.stringify(value)}`);
        }
      } else {
        job.log.push(...stack.deployed.map((r) => `${r}: Destruction complete after 1s`));
        job.log.push(`Destroy complete! Resources: ${stack.deployed.length} destroyed.`);
        stack.deployed = [];
      }
      job.state = 'SUCCEEDED';
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Terraform's own words about the configuration, or undefined when it is valid. */
  private async validate(dir: string): Promise<string | undefined> {
    const env = { ...(this.options.terraformEnv ?? process.env), TF_IN_AUTOMATION: '1' };
    const run = promisify(execFile);
    try {
      await run('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env });
      await run('terraform', ['validate', '-no-color'], { cwd: dir, env });
      return undefined;
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      return `${e.stdout ?? ''}${e.stderr ?? ''}`.trim();
    }
  }

  private unzip(zip: Buffer): string {
    const dir = mkdtempSync(join(tmpdir(), 'galley-rm-stand-in-'));
    writeFileSync(join(dir, 'config.zip'), zip);
    execFileSync('unzip', ['-q', 'config.zip'], { cwd: dir, stdio: 'pipe' });
    rmSync(join(dir, 'config.zip'));
    return dir;
  }
}

function stackJson(stack: StandInStack) {
  return {
    id: stack.id,
    compartmentId: stack.compartmentId,
    displayName: stack.displayName,
    lifecycleState: 'ACTIVE',
    configSource: { configSourceType: 'ZIP_UPLOAD' },
    timeCreated: new Date().toISOString(),
  };
}

function jobJson(job: StandInJob) {
  return {
    id: job.id,
    stackId: job.stackId,
    compartmentId: job.compartmentId,
    operation: job.operation,
    jobOperationDetails: job.details,
    lifecycleState: job.state,
    timeCreated: job.timeCreated,
    ...(job.timeFinished && { timeFinished: job.timeFinished }),
    ...(job.failureMessage && { failureDetails: { code: 'TERRAFORM_EXECUTION_ERROR', message: job.failureMessage } }),
  };
}

function reply(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
  res.writeHead(status, {
    'opc-request-id': randomUUID(),
    'content-type': 'application/json',
    'content-length': String(body.length),
    ...headers,
  });
  res.end(body);
}

/** A `variables` body as Resource Manager takes it: string values only. */
function stringMap(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Object.values(value).some((v) => typeof v !== 'string')) throw new Error('variables must map names to strings');
  return { ...(value as Record<string, string>) };
}

/**
 * Terraform's plan error for a declared variable without a default that the
 * stack does not set, as Resource Manager's log shows it; undefined when all are set.
 */
function missingVariables(text: string, variables: Record<string, string>): string | undefined {
  const missing = [...text.matchAll(/^variable\s+"([^"]+)"\s*\{([\s\S]*?)^\}/gm)]
    .filter(([, name, body]) => !/^\s*default\s*=/m.test(body) && !(name in variables))
    .map(([, name]) => name);
  if (!missing.length) return undefined;
  return missing.map((name) => `Error: No value for required variable\n\nThe root module input variable "${name}" is not set, and has no default value.`).join('\n');
}
