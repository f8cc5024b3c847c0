import { defineTool, requireInfra } from '../define-tool';
import { updateTerraformFileInputSchema, updatedTerraformFileSchema } from '../infra-schemas';

export default defineTool({
  name: 'update_terraform_file',
  title: "Edit one file of the session's Terraform",
  description:
    "Replaces (or creates) one file of this session's Terraform, e.g. to fix what run_terraform_plan's local " +
    'validate reported. Takes the file name as the diagnostics give it (main.tf; no directories) and its whole ' +
    'new content. Nothing runs until the next run_terraform_plan. The files are readable as resources ' +
    'galley://sessions/{session_id}/terraform/{file}.',
  inputSchema: updateTerraformFileInputSchema,
  outputSchema: updatedTerraformFileSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id, file, content }, context) {
    return requireInfra(context).updateTerraformFile(session_id, file, content);
  },
});
