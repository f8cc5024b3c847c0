import { defineTool, requireInfra } from '../define-tool';
import { runJobInputSchema, startedJobSchema } from '../infra-schemas';

export default defineTool({
  name: 'run_terraform_apply',
  title: "Apply the session's Terraform with Resource Manager",
  description:
    "Creates or changes the proof of concept's resources in the work compartment. Validates locally first (no job on errors); applies the last successful plan when the files are unchanged since, otherwise uploads and auto-approves. Answers at once with the job id; follow it with get_rm_job_status. Refused unless a work compartment other than Galley's own is configured. One job at a time per session.",
  inputSchema: runJobInputSchema,
  outputSchema: startedJobSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler({ session_id }, context) {
    return requireInfra(context).startJob(session_id, 'APPLY');
  },
});
