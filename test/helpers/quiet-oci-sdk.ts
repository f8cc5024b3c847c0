/**
 * The OCI SDK's retrier writes every failed request to `console.warn`
 * ("Request cannot be retried. Not Retrying. Exception occurred : ..."), even
 * with its retries off, and even for the failures the stores expect and
 * handle: a 412 from a conditional write that lost a race, a 409 from a write
 * to an object another is writing, a 404 for a session or artifact that does
 * not exist yet. The stores report what matters themselves, through their
 * loggers and typed errors, which the tests check; those lines only flood the
 * jest output. The SDK's line carries the service's message but not the status,
 * so the expected failures are told by their messages; every other line (a
 * 401 from an untrusted key, a missing bucket, a 500) and every other warning
 * passes through.
 */
const OCI_SDK_RETRIER = /^(?:Request cannot be retried\. Not Retrying\. Exception occurred|All retry attempts have exhausted\. Total Attempts : \d+\. Last exception occurred|Request failed with Exception) : (?:Error: )?(.*)/;

/** The messages of the 412s, 409s and 404s the stores expect (Object Storage's wording). */
const EXPECTED_FAILURES = [
  // 412: If-Match / If-None-Match lost.
  /^The If-Match header does not match the current ETag/,
  /^The If-None-Match header is '\*' but there is an existing entity/,
  /^The object already exists/,
  // 409: a conditional write racing another write to the same object.
  /^Another operation on this object is in progress/,
  // 404: the object is not there (a missing bucket is not expected: it still shows).
  /^The object '[^']*' was not found/,
];

export function withoutOciSdkRetrierWarnings(warn: (...args: unknown[]) => void): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const message = typeof args[0] === 'string' ? OCI_SDK_RETRIER.exec(args[0])?.[1] : undefined;
    if (message !== undefined && EXPECTED_FAILURES.some((expected) => expected.test(message))) return;
    warn(...args);
  };
}
