import { z } from 'zod';
import { defineTool } from '../define-tool';
import { exportResultSchema } from '../design-schemas';
import { exportLinks, exportOutput } from '../export-output';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'export_iac',
  title: 'Export the Terraform',
  description:
    'Writes the Terraform (HCL, one file per concern, variables tenancy_ocid, compartment_ocid and region as Resource Manager fills them) under terraform/, replacing the previous export, kept with the session. Returns each file\'s path and resource URI (galley://sessions/...), with resource links to read and save them.',
  inputSchema: z.object({ session_id: sessionIdSchema }),
  outputSchema: exportResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id }, { exporter }) {
    return exportOutput(await exporter.exportIac(session_id));
  },
  content: exportLinks,
});
