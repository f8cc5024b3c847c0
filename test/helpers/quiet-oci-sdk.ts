/**
 * The OCI SDK's retrier writes every failed request to `console.warn`
 * ("Request cannot be retried. Not Retrying. Exception occurred : ..."), even
 * with its retries off, and even for the 412s and 404s the session store
 * expects and handles (a conditional PUT that lost a race, a session that does
 * not exist yet). The store reports what matters itself, through its logger
 * and its typed errors, which the tests check; the SDK's lines only flood the
 * jest output. Every other warning passes through.
 */
const OCI_SDK_RETRIER = /^(Request cannot be retried\. Not Retrying\.|All retry attempts have exhausted\.|Request failed with Exception :)/;

export function withoutOciSdkRetrierWarnings(warn: (...args: unknown[]) => void): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    if (typeof args[0] === 'string' && OCI_SDK_RETRIER.test(args[0])) return;
    warn(...args);
  };
}
