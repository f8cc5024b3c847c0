import type { Architecture } from '../design/architecture';
import { GalleyError } from '../errors';

/** One answer as stored. */
export interface StoredAnswer {
  readonly value: string | string[];
  readonly answered_at: string;
}

/** A requirement derived from the answers when the hearing completes. */
export interface Requirement {
  readonly category: string;
  readonly description: string;
  readonly priority: 'must' | 'should' | 'could';
}

/** A constraint derived from the answers when the hearing completes. */
export interface Constraint {
  readonly category: string;
  readonly description: string;
}

/** What `complete_hearing` produced; kept so the result reads back unchanged. */
export interface HearingResult {
  readonly summary: string;
  readonly requirements: Requirement[];
  readonly constraints: Constraint[];
  readonly completed_at: string;
}

/** The stored document of one hearing session. */
export interface HearingSession {
  readonly id: string;
  readonly status: 'in_progress' | 'completed';
  readonly locale: 'ja' | 'en';
  readonly created_at: string;
  readonly updated_at: string;
  readonly answers: Readonly<Record<string, StoredAnswer>>;
  readonly result?: HearingResult;
  /**
   * The design, once one is started. Kept in the session document so a
   * design change and a hearing change go through the same conditional write.
   */
  readonly architecture?: Architecture;
  /** The Resource Manager stack and jobs of this session (the infra layer). */
  readonly infra?: SessionInfra;
}

/** What the infra layer remembers: ids only; the state of each job lives in Resource Manager. */
export interface SessionInfra {
  readonly stack_id?: string;
  /**
   * SHA-256 of the Terraform last sent to the stack, written before the
   * upload: an apply reuses a plan only while the stack holds its very files.
   */
  readonly stack_config_hash?: string;
  /** Newest last; bounded. */
  readonly jobs: readonly InfraJobRecord[];
}

export interface InfraJobRecord {
  readonly id: string;
  readonly operation: 'PLAN' | 'APPLY' | 'DESTROY';
  readonly created_at: string;
  /** SHA-256 of the uploaded Terraform, so an apply can reuse a plan of the same files. */
  readonly config_hash?: string;
}

/** A session together with the opaque version it was read at. */
export interface VersionedSession {
  readonly session: HearingSession;
  readonly version: string;
}

/**
 * The storage seam. Implementations make `put` conditional on the version, so
 * read-modify-write cycles from any number of callers never lose an update.
 */
export interface SessionStore {
  /** The session and its version, or `undefined` when there is none. */
  get(id: string): Promise<VersionedSession | undefined>;
  /** Stores a new session; fails with {@link VersionConflictError} if it exists. */
  create(session: HearingSession): Promise<VersionedSession>;
  /** Replaces the session only if it is still at `expectedVersion`. */
  put(session: HearingSession, expectedVersion: string): Promise<VersionedSession>;
  /**
   * The version this store last read or wrote, if it remembers one: possibly
   * stale, so only a start for a read-modify-write, whose conditional `put`
   * rejects it if it was. Stores with a remote backend offer it to spare a
   * round trip.
   */
  lastKnown?(id: string): VersionedSession | undefined;
  /** Releases resources; the store is not used afterwards. */
  close(): Promise<void>;
}

/** The session changed (or appeared) since it was read. */
export class VersionConflictError extends GalleyError {
  constructor(id: string) {
    super('conflict', `session ${id} was changed concurrently`);
  }
}

/** The backing store cannot be reached or refused the operation. */
export class StorageUnavailableError extends GalleyError {
  constructor(message = 'session storage is unavailable; try again shortly', options?: { cause?: unknown }) {
    super('storage_unavailable', message);
    if (options?.cause !== undefined) {
      (this as { cause?: unknown }).cause = options.cause;
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Session ids become file names and object names: anything but a lowercase
 * UUID is refused before it gets near a path.
 */
export function isSessionId(value: string): boolean {
  return UUID.test(value);
}

export function assertSessionId(value: string): void {
  if (!isSessionId(value)) {
    throw new GalleyError('invalid_arguments', '`session_id` must be a UUID');
  }
}
