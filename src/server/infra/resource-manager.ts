import * as common from 'oci-common';
import type { ResourceManagerClient, requests } from 'oci-resourcemanager';
import type { OciAuthConfig } from '../config';
import { GalleyError } from '../errors';
import type { Logger } from '../logger';
import { createAuthProvider } from '../storage/oci-auth';
import { CachedKeyRequestSigner } from '../storage/oci-request-signer';

export type JobOperation = 'PLAN' | 'APPLY' | 'DESTROY';
export type JobState = 'ACCEPTED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELING' | 'CANCELED' | 'UNKNOWN';

export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);

export interface RmJob {
  readonly id: string;
  readonly stackId: string;
  readonly operation: JobOperation;
  readonly state: JobState;
  readonly failure?: string;
  readonly timeCreated?: string;
  readonly timeFinished?: string;
}

export interface RmOutput {
  readonly name: string;
  readonly value: string;
  readonly sensitive: boolean;
}

/** The few Resource Manager calls the infra layer makes; the SDK implementation is below. */
export interface ResourceManagerGateway {
  createStack(compartmentId: string, displayName: string, zip: Buffer): Promise<string>;
  updateStack(stackId: string, zip: Buffer): Promise<void>;
  createJob(stackId: string, operation: JobOperation, planJobId?: string): Promise<RmJob>;
  getJob(jobId: string): Promise<RmJob>;
  /** The job the stack is running (ACCEPTED, IN_PROGRESS or CANCELING), if any. */
  runningJob(stackId: string): Promise<RmJob | undefined>;
  /** The whole Terraform console log as text. */
  getJobLog(jobId: string): Promise<string>;
  getJobOutputs(jobId: string): Promise<RmOutput[]>;
  /** Releases the client (its timers and sockets). */
  close(): void;
}

export interface ResourceManagerLocation {
  readonly auth: OciAuthConfig;
  readonly region?: string;
  /** The compartment stacks deploy into: the stack's `compartment_ocid` variable. */
  readonly workCompartmentId?: string;
  readonly endpoint?: string;
  readonly timeoutMs?: number;
}

/** Resource Manager answered 409: the stack already runs a job. */
export class StackBusyError extends Error {
  constructor(readonly stackId?: string) {
    super('the stack already runs a job');
  }
}
/** Resource Manager has no such job (404). */
export class JobNotFoundUpstreamError extends Error {}
/** Resource Manager has no such stack (404 on UpdateStack or CreateJob): someone deleted it in OCI. */
export class StackNotFoundUpstreamError extends Error {}

/** The calls whose 404 means the stack is gone; on the others it means the job is. */
const STACK_OPERATIONS: ReadonlySet<string> = new Set(['UpdateStack', 'CreateJob']);

const DEFAULT_TIMEOUT_MS = 30_000;
const READ_ATTEMPTS = 3;
/** The most pages one list is followed for: a list that never ends must not hold a tool call. */
const MAX_PAGES = 10;
const PAGE_LIMIT = 100;
// The enums' values, spelled out: importing them would load the SDK module eagerly.
const NEWEST_FIRST = {
  sortBy: 'TIMECREATED' as requests.ListJobsRequest.SortBy,
  sortOrder: 'DESC' as requests.ListJobsRequest.SortOrder,
};
/** The states of a job that holds its stack's lock. */
const RUNNING_STATES: ReadonlySet<string> = new Set(['ACCEPTED', 'IN_PROGRESS', 'CANCELING']);
/** The Terraform the stacks run: the exporter's and the local validate's dialect. */
export const STACK_TERRAFORM_VERSION = '1.5.x';

/** The variables every Galley stack gets, as Resource Manager's own console sets them. */
export interface StackVariables {
  tenancy_ocid?: string;
  compartment_ocid?: string;
  region?: string;
}

/**
 * Resource Manager through the OCI TypeScript SDK. Reads are retried on 429
 * and 5xx; writes only on 429 (refused before anything happened), since a
 * job creation that failed with a 5xx may have landed.
 */
export class SdkResourceManager implements ResourceManagerGateway {
  private client?: Promise<ResourceManagerClient>;
  private stackVariables?: StackVariables;

  constructor(private readonly location: ResourceManagerLocation, private readonly logger?: Logger) {}

  async createStack(compartmentId: string, displayName: string, zip: Buffer): Promise<string> {
    const response = await this.call('CreateStack', false, undefined, async (c) => c.createStack({
      createStackDetails: {
        compartmentId,
        displayName,
        description: 'A Galley proof of concept (one stack per Galley session)',
        configSource: { configSourceType: 'ZIP_UPLOAD', zipFileBase64Encoded: zip.toString('base64') } as any,
        // Pinned: Resource Manager's default moves, the exported Terraform does not.
        terraformVersion: STACK_TERRAFORM_VERSION,
        variables: variablesOf({ ...(await this.variables()), compartment_ocid: this.location.workCompartmentId ?? compartmentId }),
        freeformTags: { 'galley-session': displayName },
      },
    }));
    return response.stack.id!;
  }

  async updateStack(stackId: string, zip: Buffer): Promise<void> {
    await this.onStack('UpdateStack', stackId, (c) => this.variables().then((variables) => c.updateStack({
      stackId,
      updateStackDetails: {
        configSource: { configSourceType: 'ZIP_UPLOAD', zipFileBase64Encoded: zip.toString('base64') } as any,
        // Sent again: an update replaces the stack's variables.
        variables: variablesOf(variables),
      },
    })));
  }

  async createJob(stackId: string, operation: JobOperation, planJobId?: string): Promise<RmJob> {
    const jobOperationDetails =
      operation === 'PLAN'
        ? { operation }
        : operation === 'APPLY'
          ? planJobId
            ? { operation, executionPlanStrategy: 'FROM_PLAN_JOB_ID', executionPlanJobId: planJobId }
            : { operation, executionPlanStrategy: 'AUTO_APPROVED' }
          : { operation, executionPlanStrategy: 'AUTO_APPROVED' };
    const response = await this.onStack('CreateJob', stackId, (c) => c.createJob({
      createJobDetails: { stackId, operation, jobOperationDetails: jobOperationDetails as any },
    }));
    return toJob(response.job);
  }

  /**
   * A write to a stack. OCI's 404 there means the stack is gone, or that
   * Galley may not do this to it (no `manage orm-jobs`, or a policy not yet
   * applied): GetStack tells the two apart, so a missing permission is never
   * taken for a deleted stack (and answered with a new one).
   */
  private async onStack<T>(operation: string, stackId: string, fn: (client: ResourceManagerClient) => Promise<T>): Promise<T> {
    try {
      return await this.call(operation, false, stackId, fn);
    } catch (err) {
      if (err instanceof StackNotFoundUpstreamError && (await this.stackExists(stackId))) {
        this.logger?.warn({ operation, status: 404 }, 'resource manager refused galley');
        throw refused(operation, 404);
      }
      throw err;
    }
  }

  private async stackExists(stackId: string): Promise<boolean> {
    try {
      const { stack } = await this.call('GetStack', true, undefined, (c) => c.getStack({ stackId }));
      // A stack on its way out is as good as gone: the next run makes a new one.
      return !['DELETING', 'DELETED'].includes(String(stack.lifecycleState));
    } catch (err) {
      if (err instanceof JobNotFoundUpstreamError) return false;
      throw err;
    }
  }

  async getJob(jobId: string): Promise<RmJob> {
    return toJob((await this.call('GetJob', true, undefined, (c) => c.getJob({ jobId }))).job);
  }

  /**
   * One ListJobs of the stack, newest first, filtered here rather than by
   * `lifecycleState`: two filtered calls would miss a job that moves from
   * ACCEPTED to IN_PROGRESS between them. The running job is the newest, as
   * Resource Manager refuses any job while one runs.
   */
  async runningJob(stackId: string): Promise<RmJob | undefined> {
    const jobs = await this.pages('ListJobs', (c, page) => c.listJobs({ stackId, sortBy: NEWEST_FIRST.sortBy, sortOrder: NEWEST_FIRST.sortOrder, limit: 10, page })
      .then((r) => ({ items: r.items, next: r.opcNextPage })), (items) => items.some((j) => RUNNING_STATES.has(j.lifecycleState ?? '')));
    const running = jobs.find((j) => RUNNING_STATES.has(j.lifecycleState ?? ''));
    return running && toJob(running);
  }

  async getJobLog(jobId: string): Promise<string> {
    return (await this.call('GetJobLogsContent', true, undefined, (c) => c.getJobLogsContent({ jobId }))).value ?? '';
  }

  async getJobOutputs(jobId: string): Promise<RmOutput[]> {
    const outputs = await this.pages('ListJobOutputs', (c, page) => c.listJobOutputs({ jobId, limit: PAGE_LIMIT, page })
      .then((r) => ({ items: r.jobOutputsCollection.items ?? [], next: r.opcNextPage })));
    return outputs.map((o) => ({
      name: o.outputName ?? '',
      value: o.outputValue ?? '',
      sensitive: o.isSensitive ?? false,
    }));
  }

  /** The items of a List call, following opc-next-page for at most {@link MAX_PAGES} pages, or until `enough`. */
  private async pages<T>(
    operation: string,
    fn: (client: ResourceManagerClient, page: string | undefined) => Promise<{ items: T[]; next?: string }>,
    enough: (items: T[]) => boolean = () => false,
  ): Promise<T[]> {
    const all: T[] = [];
    let page: string | undefined;
    for (let n = 1; ; n++) {
      const response = await this.call(operation, true, undefined, (c) => fn(c, page));
      all.push(...response.items);
      page = response.next;
      if (!page || enough(response.items)) return all;
      if (n >= MAX_PAGES) {
        this.logger?.warn({ operation, pages: n }, 'resource manager list cut short');
        return all;
      }
    }
  }

  /**
   * tenancy_ocid, region and compartment_ocid: the exported Terraform
   * declares them without defaults, as Resource Manager's console fills them.
   * The tenancy comes from the auth (the profile, or the resource principal's
   * token), the region from config or the auth.
   */
  private async variables(): Promise<StackVariables> {
    if (this.stackVariables) return this.stackVariables;
    const provider = createAuthProvider(this.location.auth) as common.AuthenticationDetailsProvider & {
      getTenantId?: () => string;
      getStringClaim?: (key: string) => Promise<string | null>;
    };
    let tenancy: string | undefined;
    try {
      tenancy = provider.getTenantId?.() ?? (await provider.getStringClaim?.('res_tenant')) ?? undefined;
    } catch {
      tenancy = undefined; // Unknown here: Resource Manager then asks for it in the plan's error.
    }
    this.stackVariables = {
      tenancy_ocid: tenancy,
      region: this.location.region ?? regionOf(provider),
      compartment_ocid: this.location.workCompartmentId,
    };
    return this.stackVariables;
  }

  close(): void {
    void this.client?.then((c) => c.close(), () => undefined);
    this.client = undefined;
  }

  /** `stackId` names the stack a 409 is about. */
  private async call<T>(
    operation: string,
    retry5xx: boolean,
    stackId: string | undefined,
    fn: (client: ResourceManagerClient) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(await this.connect());
      } catch (err) {
        const status = statusOf(err);
        if (status === 409) throw new StackBusyError(stackId);
        if (status === 401 || status === 403 || (status === 404 && operation === 'CreateStack')) {
          this.logger?.warn({ operation, status }, 'resource manager refused galley');
          throw refused(operation, status);
        }
        if (status === 404) {
          throw STACK_OPERATIONS.has(operation) ? new StackNotFoundUpstreamError('stack not found') : new JobNotFoundUpstreamError('not found');
        }
        const retryable = status === 429 || (retry5xx && (status === undefined || status >= 500));
        this.logger?.warn({ operation, status, attempt }, 'resource manager call failed');
        if (!retryable || attempt >= READ_ATTEMPTS) {
          throw new GalleyError('resource_manager_unavailable', `Resource Manager did not answer ${operation} (${status ?? 'no response'}); try again shortly`);
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  /** The client, made on first use: the SDK module is large, and a server that never deploys never loads it. */
  private connect(): Promise<ResourceManagerClient> {
    this.client ??= this.makeClient();
    // A failure (no config file yet) is forgotten, so the next call tries again.
    this.client.catch(() => (this.client = undefined));
    return this.client;
  }

  private async makeClient(): Promise<ResourceManagerClient> {
    // require, not import(): under `module: node16` a dynamic import stays one, which jest cannot load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ResourceManagerClient: Client } = require('oci-resourcemanager') as typeof import('oci-resourcemanager');
    const provider = createAuthProvider(this.location.auth);
    const timeoutMs = this.location.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // As in the Object Storage store: our own retries, no circuit breaker,
    // a fresh timeout per request.
    const httpOptions = {
      get signal() {
        return AbortSignal.timeout(timeoutMs);
      },
    };
    const httpClient = new common.FetchHttpClient(new CachedKeyRequestSigner(provider), null, httpOptions);
    const client = new Client({ httpClient } as any, { retryConfiguration: common.NoRetryConfigurationDetails } as any);
    const region = this.location.region ?? regionOf(provider);
    if (region) client.regionId = region;
    if (this.location.endpoint) client.endpoint = this.location.endpoint;
    return client;
  }
}

/**
 * OCI answers 404 NotAuthorizedOrNotFound where a principal may not act (it
 * does not say which), 401 when it does not accept the signature.
 */
function refused(operation: string, status: number): GalleyError {
  const why = status === 401
    ? 'did not accept Galley\'s credentials (401): check the resource principal, or the local OCI config profile and the machine\'s clock'
    : `refused it (${status}): check that GALLEY_WORK_COMPARTMENT_ID names an existing compartment and that Galley's work policy ` +
      'grants manage orm-stacks and manage orm-jobs there (a policy just created can take a few minutes to apply)';
  return new GalleyError('resource_manager_refused', `Resource Manager ${why}; the call was ${operation}`);
}

/** Only the known values: Resource Manager takes a map of strings. */
function variablesOf(v: StackVariables): Record<string, string> {
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

function regionOf(provider: common.AuthenticationDetailsProvider): string | undefined {
  const withRegion = provider as { getRegion?: () => { regionId?: string } | undefined };
  return withRegion.getRegion?.()?.regionId;
}

// The SDK nests its own oci-common, so `instanceof OciError` would not match: read the status.
function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

interface SdkJob {
  id?: string;
  stackId?: string;
  operation?: string;
  lifecycleState?: string;
  failureDetails?: { message?: string };
  timeCreated?: Date;
  timeFinished?: Date;
}

function toJob(job: SdkJob): RmJob {
  const states: readonly string[] = ['ACCEPTED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CANCELING', 'CANCELED'];
  return {
    id: job.id ?? '',
    stackId: job.stackId ?? '',
    operation: (job.operation ?? 'PLAN') as JobOperation,
    state: (states.includes(job.lifecycleState ?? '') ? job.lifecycleState : 'UNKNOWN') as JobState,
    ...(job.failureDetails?.message && { failure: job.failureDetails.message }),
    ...(job.timeCreated && { timeCreated: new Date(job.timeCreated).toISOString() }),
    ...(job.timeFinished && { timeFinished: new Date(job.timeFinished).toISOString() }),
  };
}
