import { OciError } from 'oci-common';

/** How a failed Object Storage call is handled. */
export type FailureKind =
  /**
   * The precondition did not hold: someone else wrote first (412), or is
   * writing right now (409; OCI may answer simultaneous conditional writes
   * so). Either way nothing was applied, and a retry starts from a fresh read.
   * OCI documents 409 as not transient, so the session store takes only one
   * 409 in a row for a race (see ObjectStorageSessionStore's `write`).
   */
  | 'conflict'
  /** Nothing there (404 ObjectNotFound). */
  | 'not-found'
  /** Refused before doing anything; safe to retry (429). */
  | 'throttled'
  /** May or may not have been applied: 5xx, a cut connection, a timeout. */
  | 'transient'
  /** Will not work by retrying now: no bucket, no permission (yet), bad request. */
  | 'unavailable';

/** Classifies what an SDK call (or reading its response body) threw. */
export function classifyFailure(err: unknown): FailureKind {
  if (err instanceof OciError) {
    if (err.statusCode === 412 || err.statusCode === 409) return 'conflict';
    if (err.statusCode === 404 && err.serviceCode === 'ObjectNotFound') return 'not-found';
    if (err.statusCode === 429) return 'throttled';
    if (err.statusCode >= 500) return 'transient';
    return 'unavailable';
  }
  // Anything else is the transport: a refused or reset connection, our
  // timeout's abort, a body cut short. (The SDK rethrows these as plain
  // objects, not Errors.)
  return 'transient';
}

/** A short, safe description for logs: status and service code, never a body or a URL. */
export function describeFailure(err: unknown): Record<string, unknown> {
  if (err instanceof OciError) return { status: err.statusCode, code: err.serviceCode };
  const e = err as { name?: unknown; code?: unknown; message?: unknown };
  return { error: 'transport', code: typeof e?.code === 'string' || typeof e?.code === 'number' ? e.code : undefined };
}
