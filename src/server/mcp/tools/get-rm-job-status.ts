import { defineTool, requireInfra } from '../define-tool';
import { jobStatusInputSchema, jobStatusSchema } from '../infra-schemas';

export default defineTool({
  name: 'get_rm_job_status',
  title: 'Follow a Resource Manager job',
  description:
    'Reports a plan, apply or destroy job of this session as Resource Manager sees it: the state, the counts of ' +
    'resources to add, change and destroy, the end of the log (secret-looking values redacted) and, after a ' +
    'successful apply, the outputs. With wait_seconds (at most 20) it waits for the state to change, sending ' +
    'progress notifications when the request carries a progressToken. Call again until the state is SUCCEEDED or FAILED.',
  inputSchema: jobStatusInputSchema,
  outputSchema: jobStatusSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler({ session_id, job_id, wait_seconds }, context) {
    return requireInfra(context).jobStatus(session_id, job_id, { waitSeconds: wait_seconds, onProgress: context.progress, signal: context.signal });
  },
});
