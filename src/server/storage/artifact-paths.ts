import { GalleyError } from '../errors';

/** One path segment: starts with a letter or digit (so never `.` or `..`), then a safe charset. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const MAX_SEGMENTS = 6;
/** The session document's own name beside its artifacts in the bucket; never an artifact. */
const RESERVED = new Set(['session.json']);

/**
 * Artifact paths become file names and object names: relative, `/`-separated,
 * each segment from a safe charset. Anything else is refused before it gets
 * near the disk or the bucket.
 */
export function assertArtifactPath(value: string): void {
  const segments = value.split('/');
  if (segments.length > MAX_SEGMENTS || !segments.every((s) => SEGMENT.test(s)) || RESERVED.has(value)) {
    throw new GalleyError('invalid_arguments', `not a valid artifact path: ${JSON.stringify(value.slice(0, 200))}`);
  }
}

/** A prefix is '' (everything) or a valid path followed by `/`. */
export function assertArtifactPrefix(value: string): void {
  if (value === '') return;
  if (!value.endsWith('/')) throw new GalleyError('invalid_arguments', `an artifact prefix must end with "/": ${JSON.stringify(value.slice(0, 200))}`);
  assertArtifactPath(value.slice(0, -1));
}
