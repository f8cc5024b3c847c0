import { defineTool, requireInfra } from '../define-tool';
import { runJobInputSchema, startedJobSchema } from '../infra-schemas';

export default defineTool({
  name: 'run_terraform_plan',
  title: "Plan the session's Terraform in Resource Manager",
  description:
    "Validates the session's Terraform locally (terraform init, validate, fmt) and, when it is valid, uploads it to the session's Resource Manager stack in the work compartment and starts a plan job. Answers at once: state VALIDATION_FAILED with diagnostics (file, line, summary, detail) when Terraform found errors, and no job is created; otherwise the job id to follow with get_rm_job_status. One job runs at a time per session.",
  inputSchema: runJobInputSchema,
  outputSchema: startedJobSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler({ session_id }, context) {
    return requireInfra(context).startJob(session_id, 'PLAN');
  },
});
