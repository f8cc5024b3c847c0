import { z } from 'zod';
import { defineTool } from '../define-tool';
import { exportResultSchema } from '../design-schemas';
import { exportLinks, exportOutput } from '../export-output';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'export_all',
  title: 'Export everything',
  description:
    'Writes the Markdown summary, the Mermaid diagram and the Terraform (unless include_terraform is false) of the current ' +
    'architecture, kept with the session. Returns each file\'s path and resource URI, with resource links to read and save them.',
  inputSchema: z.object({
    session_id: sessionIdSchema,
    include_terraform: z.boolean().optional().describe('Default true'),
  }),
  outputSchema: exportResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id, include_terraform }, { exporter }) {
    return exportOutput(await exporter.exportAll(session_id, { terraform: include_terraform ?? true }));
  },
  content: exportLinks,
});
