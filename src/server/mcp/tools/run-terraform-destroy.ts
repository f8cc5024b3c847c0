import { defineTool, requireInfra } from '../define-tool';
import { runJobInputSchema, startedJobSchema } from '../infra-schemas';

export default defineTool({
  name: 'run_terraform_destroy',
  title: "Destroy what the session's stack deployed",
  description:
    "Starts a Resource Manager destroy job for the session's stack: every resource the stack created in the work compartment is deleted. Answers at once with the job id; follow it with get_rm_job_status. Refused unless a work compartment other than Galley's own is configured. One job at a time per session.",
  inputSchema: runJobInputSchema,
  outputSchema: startedJobSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler({ session_id }, context) {
    return requireInfra(context).startJob(session_id, 'DESTROY');
  },
});
