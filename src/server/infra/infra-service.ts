import { ChangeCounts, parseChangeCounts, redactSecrets, tail } from './job-log';
import {
  JobNotFoundUpstreamError,
  JobOperation,
  JobState,
  ResourceManagerGateway,
  RmJob,
  StackBusyError,
  StackNotFoundUpstreamError,
  TERMINAL_STATES,
} from './resource-manager';
import {
  MAX_TERRAFORM_FILES,
  TERRAFORM_PREFIX,
  assertTerraformFileName,
  hashFiles,
  readTerraformFiles,
} from './terraform-files';
import type { TerraformDiagnostic, ValidationResult } from './terraform-validate';
import { zipFiles } from './zip';
import { GalleyError } from '../errors';
import { SessionNotFoundError } from '../hearing/errors';
import type { Logger } from '../logger';
import type { ArtifactStore } from '../storage/artifact-store';
import { KeyedMutex } from '../storage/keyed-mutex';
import { HearingSession, InfraJobRecord, SessionStore, assertSessionId } from '../storage/session-store';
import { updateSession } from '../storage/update-session';

/** Validates a session's Terraform; {@link TerraformValidator} is the real one. */
export interface TerraformCheck {
  validate(key: string, files: ReadonlyMap<string, string>): Promise<ValidationResult>;
}

export interface InfraServiceOptions {
  readonly store: SessionStore;
  readonly artifacts: ArtifactStore;
  readonly resourceManager: ResourceManagerGateway;
  readonly validator: TerraformCheck;
  readonly workCompartmentId?: string;
  /** Galley's own compartment; apply and destroy refuse to work there. */
  readonly galleyCompartmentId?: string;
  /** Exact values never to show the model (the URL token). */
  readonly secrets?: readonly string[];
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Per-session lock, shared with the exports so a plan never reads files half replaced; one of its own by default. */
  readonly sessionLocks?: KeyedMutex;
  /** How often a waiting `jobStatus` asks Resource Manager; tests shorten it. */
  readonly pollIntervalMs?: number;
}

/** What `run_terraform_*` answers at once. */
export interface StartedJob {
  readonly session_id: string;
  readonly operation: JobOperation;
  /** The job's state, or VALIDATION_FAILED when the local validate stopped it before any job. */
  readonly state: JobState | 'VALIDATION_FAILED';
  readonly job_id?: string;
  readonly stack_id?: string;
  readonly diagnostics: TerraformDiagnostic[];
}

export interface JobStatus {
  readonly session_id: string;
  readonly job_id: string;
  readonly operation: JobOperation;
  readonly state: JobState;
  readonly failure?: string;
  readonly changes?: ChangeCounts;
  readonly log_tail: string;
  readonly log_truncated: boolean;
  readonly outputs?: { name: string; value: string; sensitive: boolean }[];
  readonly time_created?: string;
  readonly time_finished?: string;
}

export interface UpdatedFile {
  readonly session_id: string;
  readonly file: string;
  readonly chars: number;
  readonly created: boolean;
}

export type ProgressReporter = (progress: { progress: number; total: number; message: string }) => Promise<void>;

export interface JobStatusOptions {
  /** Waits up to this long (at most {@link MAX_WAIT_SECONDS}) for the state to change. */
  readonly waitSeconds?: number;
  readonly onProgress?: ProgressReporter;
  /** Ends the wait early (the client went away); the answer is then the state as last read. */
  readonly signal?: AbortSignal;
}

/** Longest `wait_seconds`: well inside any gateway's request timeout. */
export const MAX_WAIT_SECONDS = 20;
const MAX_JOBS_KEPT = 50;
const LOG_TAIL_LINES = 80;
const LOG_TAIL_CHARS = 8000;

/**
 * The infra layer's use cases: a session's Terraform, validated locally, run
 * by Resource Manager as jobs. Only ids are kept in the session; every job's
 * state is asked of Resource Manager, so a restart loses nothing.
 */
export class InfraService {
  private readonly locks: KeyedMutex;
  /** Aborted at shutdown: no wait may hold the server's drain. */
  private readonly closing = new AbortController();
  private readonly waits = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;

  constructor(private readonly options: InfraServiceOptions) {
    this.locks = options.sessionLocks ?? new KeyedMutex();
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
  }

  /** Writes one file of the session's Terraform. */
  async updateTerraformFile(sessionId: string, file: string, content: string): Promise<UpdatedFile> {
    assertSessionId(sessionId);
    assertTerraformFileName(file);
    await this.getSession(sessionId);
    return this.locks.run(sessionId, async () => {
      const existing = await this.options.artifacts.listArtifacts(sessionId, TERRAFORM_PREFIX);
      const path = `${TERRAFORM_PREFIX}${file}`;
      const created = !existing.includes(path);
      if (created && existing.length >= MAX_TERRAFORM_FILES) {
        throw new GalleyError('invalid_arguments', `a session's Terraform has at most ${MAX_TERRAFORM_FILES} files`);
      }
      await this.options.artifacts.putArtifacts(sessionId, [{ path, content }]);
      return { session_id: sessionId, file, chars: content.length, created };
    });
  }

  async listTerraformFiles(sessionId: string): Promise<string[]> {
    assertSessionId(sessionId);
    return [...(await readTerraformFiles(this.options.artifacts, sessionId)).keys()];
  }

  /**
   * Starts a plan, apply or destroy and answers at once. Plan and apply
   * validate locally first and create no job when Terraform finds errors.
   */
  async startJob(sessionId: string, operation: JobOperation): Promise<StartedJob> {
    assertSessionId(sessionId);
    const compartmentId = this.requireWorkCompartment();
    // One start at a time per session in this process; Resource Manager's own
    // 409 covers starts from other processes.
    return this.locks.run(sessionId, () => this.startJobLocked(sessionId, operation, compartmentId).catch(async (err: unknown) => {
      if (err instanceof StackBusyError) throw await this.busyStack(sessionId, err.stackId);
      throw err;
    }));
  }

  /**
   * Resource Manager's 409: a job started elsewhere (another replica, the
   * console) holds the stack. The error names that job, and the session
   * records it, so get_rm_job_status can follow it and the next start is
   * refused before any upload.
   */
  private async busyStack(sessionId: string, stackId: string | undefined): Promise<GalleyError> {
    let running: RmJob | undefined;
    try {
      running = stackId ? await this.options.resourceManager.runningJob(stackId) : undefined;
      if (running) await this.adopt(sessionId, running);
    } catch (err) {
      // The refusal stands without the job's name.
      this.options.logger.warn({ session_id: sessionId, stack_id: stackId, err: errorName(err) }, 'could not name the running job');
    }
    if (!running) {
      return new GalleyError('job_in_progress', 'the session\'s Resource Manager stack is already running a job started outside this request; try again once it ends');
    }
    return jobInProgress(running.id, running.operation, running.state);
  }

  /** Records a job started outside this server, once. */
  private async adopt(sessionId: string, job: RmJob): Promise<void> {
    const record: InfraJobRecord = { id: job.id, operation: job.operation, created_at: job.timeCreated ?? this.now().toISOString() };
    await this.mutate(sessionId, (s) => withJob(s, record, 'keep'));
  }

  private async startJobLocked(sessionId: string, operation: JobOperation, compartmentId: string): Promise<StartedJob> {
    const session = await this.getSession(sessionId);
    await this.refuseWhileRunning(session);
    const base = { session_id: sessionId, operation };

    if (operation === 'DESTROY') {
      const stackId = session.infra?.stack_id;
      if (!stackId) throw new GalleyError('no_terraform', `session ${sessionId} has nothing deployed: no Resource Manager stack yet`);
      const job = await this.createJob(stackId, 'DESTROY').catch((err: unknown) => {
        if (err instanceof StackNotFoundUpstreamError) {
          throw new GalleyError('no_terraform', `session ${sessionId}'s Resource Manager stack no longer exists in OCI (deleted outside Galley), ` +
            'so Galley has nothing to destroy; run_terraform_plan makes a new stack');
        }
        throw err;
      });
      await this.record(sessionId, { id: job.id, operation, created_at: this.now().toISOString() });
      return { ...base, state: job.state, job_id: job.id, stack_id: stackId, diagnostics: [] };
    }

    const files = await readTerraformFiles(this.options.artifacts, sessionId);
    if (files.size === 0) {
      throw new GalleyError('no_terraform', `session ${sessionId} has no Terraform yet; export it with export_iac or write it with update_terraform_file`);
    }
    const validation = await this.options.validator.validate(sessionId, files);
    if (!validation.valid) return { ...base, state: 'VALIDATION_FAILED', diagnostics: validation.diagnostics };
    // The formatted files go in the zip; the session keeps the files as written. Writing fmt's
    // output back would overwrite an edit or an export made meanwhile (another replica's).
    const hash = hashFiles(validation.formatted);

    // An apply of exactly the files a successful plan saw applies that plan.
    // Read again: the validate took seconds, and another replica may have changed the stack meanwhile.
    const fresh = await this.getSession(sessionId);
    const planJobId = operation === 'APPLY' ? await this.reusablePlan(fresh, hash) : undefined;
    const zip = zipFiles(validation.formatted);
    let stackId = fresh.infra?.stack_id;
    if (!planJobId || !stackId) stackId = await this.upload(sessionId, stackId, compartmentId, zip, hash);
    let job: RmJob;
    try {
      job = await this.createJob(stackId, operation, planJobId);
    } catch (err) {
      if (!(err instanceof StackNotFoundUpstreamError)) throw err;
      // The stack went after the upload (or since the plan): a new one, and a
      // fresh run, since the plan went with the old stack.
      stackId = await this.newStack(sessionId, compartmentId, zip, hash);
      job = await this.createJob(stackId, operation);
    }
    await this.record(sessionId, { id: job.id, operation, created_at: this.now().toISOString(), config_hash: hash });
    return { ...base, state: job.state, job_id: job.id, stack_id: stackId, diagnostics: validation.diagnostics };
  }

  /**
   * The job's state from Resource Manager, its change counts, a redacted log
   * tail and, after an apply, its outputs. With `waitSeconds`, waits until the
   * state changes (or the time is up), reporting progress meanwhile.
   */
  async jobStatus(sessionId: string, jobId: string, options: JobStatusOptions = {}): Promise<JobStatus> {
    const status = this.readJobStatus(sessionId, jobId, options);
    this.waits.add(status);
    try {
      return await status;
    } finally {
      this.waits.delete(status);
    }
  }

  private async readJobStatus(sessionId: string, jobId: string, options: JobStatusOptions): Promise<JobStatus> {
    const { waitSeconds = 0, onProgress } = options;
    const stop = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    assertSessionId(sessionId);
    const session = await this.getSession(sessionId);
    const record = session.infra?.jobs.find((j) => j.id === jobId);
    // The id is not echoed: it is the caller's text, and could hold anything.
    if (!record) throw new GalleyError('job_not_found', `session ${sessionId} has no job with that id; run_terraform_plan, _apply and _destroy return the ids`);
    const rm = this.options.resourceManager;
    // The state and the log are asked for together: one round trip of latency, not two.
    let [job, log] = await Promise.all([this.getJob(jobId), this.getLog(jobId)]);
    const startState = job.state;
    const waitMs = Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000;
    const started = Date.now();
    while (!stop.aborted && !TERMINAL_STATES.has(job.state) && job.state === startState && Date.now() - started < waitMs) {
      await sleep(Math.min(this.pollIntervalMs, waitMs - (Date.now() - started)), stop);
      if (stop.aborted) break;
      job = await this.getJob(jobId);
      await onProgress?.({
        progress: Math.min(waitSeconds, (Date.now() - started) / 1000),
        total: waitSeconds,
        message: `${record.operation} job ${job.state}`,
      });
    }
    // A log read beside a finished job may predate its last lines: read it again, now final.
    if (job.state !== startState || TERMINAL_STATES.has(job.state)) log = await this.getLog(jobId);
    const secrets = this.options.secrets ?? [];
    const logTail = tail(redactSecrets(log, secrets), LOG_TAIL_LINES, LOG_TAIL_CHARS);
    const changes = parseChangeCounts(log);
    const outputs = record.operation === 'APPLY' && job.state === 'SUCCEEDED'
      ? (await rm.getJobOutputs(jobId)).map((o) => ({
        name: o.name,
        value: o.sensitive ? '[SENSITIVE]' : redactSecrets(o.value, secrets),
        sensitive: o.sensitive,
      }))
      : undefined;
    return {
      session_id: sessionId,
      job_id: jobId,
      operation: record.operation,
      state: job.state,
      ...(job.failure && { failure: redactSecrets(job.failure, secrets) }),
      ...(changes && { changes }),
      log_tail: logTail.text,
      log_truncated: logTail.truncated,
      ...(outputs && { outputs }),
      ...(job.timeCreated && { time_created: job.timeCreated }),
      ...(job.timeFinished && { time_finished: job.timeFinished }),
    };
  }

  /**
   * Ends every `jobStatus` wait at once, each answering with the state it last
   * read; later calls do not wait. A shutdown calls this first, since a wait
   * (up to 20 s) is longer than the server's drain.
   */
  endWaits(): void {
    this.closing.abort();
  }

  /** Ends the waits, lets their answers finish, then releases the Resource Manager client. */
  async close(): Promise<void> {
    this.endWaits();
    await Promise.allSettled([...this.waits]);
    this.options.resourceManager.close();
  }

  private requireWorkCompartment(): string {
    const work = this.options.workCompartmentId;
    const how = 'set GALLEY_WORK_COMPARTMENT_ID (the `galley_work_compartment_id` input of the deploy stack, ' +
      'or `workCompartmentId` of GalleyDeployment) to a compartment other than Galley\'s own';
    if (!work) throw new GalleyError('work_compartment_required', `no work compartment is configured: ${how}`);
    // A plan too: it makes the session's stack, a write, and Galley's own compartment is read-only to it.
    if (work === this.options.galleyCompartmentId) {
      throw new GalleyError('work_compartment_required',
        `the work compartment is Galley's own compartment, and Galley never changes its own infrastructure: ${how}`);
    }
    return work;
  }

  private async refuseWhileRunning(session: HearingSession): Promise<void> {
    const last = session.infra?.jobs.at(-1);
    if (!last) return;
    let job: RmJob;
    try {
      job = await this.options.resourceManager.getJob(last.id);
    } catch (err) {
      if (err instanceof JobNotFoundUpstreamError) return;
      throw err;
    }
    if (!TERMINAL_STATES.has(job.state)) throw jobInProgress(last.id, last.operation, job.state);
  }

  /**
   * Puts the files in the session's stack, making the stack when there is none
   * or when the one recorded was deleted in OCI (Resource Manager answers 404).
   */
  private async upload(sessionId: string, stackId: string | undefined, compartmentId: string, zip: Buffer, hash: string): Promise<string> {
    if (!stackId) return this.newStack(sessionId, compartmentId, zip, hash);
    // Written ahead of the upload: whether or not a job follows, no plan of
    // other files is ever applied to what the stack may now hold.
    await this.mutate(sessionId, (s) => ({ ...s, infra: { ...s.infra, jobs: s.infra?.jobs ?? [], stack_config_hash: hash } }));
    try {
      await this.options.resourceManager.updateStack(stackId, zip);
      return stackId;
    } catch (err) {
      if (!(err instanceof StackNotFoundUpstreamError)) throw err;
      return this.newStack(sessionId, compartmentId, zip, hash);
    }
  }

  private async newStack(sessionId: string, compartmentId: string, zip: Buffer, hash: string): Promise<string> {
    const stackId = await this.options.resourceManager.createStack(compartmentId, `galley-${sessionId}`, zip);
    this.options.logger.info({ session_id: sessionId, stack_id: stackId }, 'resource manager stack created');
    // Kept at once, so a failure below never leads to a second stack.
    await this.mutate(sessionId, (s) => ({ ...s, infra: { jobs: s.infra?.jobs ?? [], stack_id: stackId, stack_config_hash: hash } }));
    return stackId;
  }

  private createJob(stackId: string, operation: JobOperation, planJobId?: string): Promise<RmJob> {
    return this.options.resourceManager.createJob(stackId, operation, planJobId);
  }

  private getLog(jobId: string): Promise<string> {
    return this.options.resourceManager.getJobLog(jobId).catch((err: unknown) => {
      if (err instanceof JobNotFoundUpstreamError) return '';
      throw err;
    });
  }

  private async getJob(jobId: string): Promise<RmJob> {
    try {
      return await this.options.resourceManager.getJob(jobId);
    } catch (err) {
      if (err instanceof JobNotFoundUpstreamError) throw new GalleyError('job_not_found', `Resource Manager has no job ${jobId}`);
      throw err;
    }
  }

  private async reusablePlan(session: HearingSession, hash: string): Promise<string | undefined> {
    const plan = [...(session.infra?.jobs ?? [])].reverse().find((j) => j.operation === 'PLAN');
    if (!plan || plan.config_hash !== hash) return undefined;
    // The stack must still hold what the plan saw: an upload since (whose job never started) changed it.
    if (session.infra?.stack_config_hash !== hash) return undefined;
    // Only the newest job may be the plan: an apply or destroy since then changed what it planned against.
    if (session.infra?.jobs.at(-1)?.id !== plan.id) return undefined;
    const job = await this.options.resourceManager.getJob(plan.id).catch(() => undefined);
    return job?.state === 'SUCCEEDED' ? plan.id : undefined;
  }

  private record(sessionId: string, job: InfraJobRecord): Promise<unknown> {
    return this.mutate(sessionId, (s) => withJob(s, job, 'replace'));
  }

  private mutate(sessionId: string, fn: (s: HearingSession) => HearingSession) {
    const stamped = (s: HearingSession) => ({ ...fn(s), updated_at: this.now().toISOString() });
    return updateSession(this.options.store, sessionId, stamped, () => new SessionNotFoundError(sessionId));
  }

  private async getSession(id: string): Promise<HearingSession> {
    const found = await this.options.store.get(id);
    if (!found) throw new SessionNotFoundError(id);
    return found.session;
  }
}

/**
 * The session with `job` among its jobs, by id: another replica may have
 * recorded it already (as one started outside it). An existing record keeps
 * its place, since the order of the jobs is what plan reuse reads; `replace`
 * puts this record's fields in it (an apply's own record has its config hash),
 * `keep` leaves it be (an adopted job knows less).
 */
function withJob(s: HearingSession, job: InfraJobRecord, onExisting: 'keep' | 'replace'): HearingSession {
  const jobs = s.infra?.jobs ?? [];
  if (jobs.some((j) => j.id === job.id)) {
    return onExisting === 'keep' ? s : { ...s, infra: { ...s.infra, jobs: jobs.map((j) => (j.id === job.id ? job : j)) } };
  }
  return { ...s, infra: { ...s.infra, jobs: [...jobs, job].slice(-MAX_JOBS_KEPT) } };
}

/** A name for a failure that carries no upstream text. */
function errorName(err: unknown): string {
  return err instanceof GalleyError ? err.kind : err instanceof Error ? err.constructor.name : typeof err;
}

function jobInProgress(id: string, operation: string, state: string): GalleyError {
  return new GalleyError('job_in_progress', `the ${operation} job ${id} is still ${state}; wait for it with get_rm_job_status before starting another`);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', done, { once: true });
  });
}
