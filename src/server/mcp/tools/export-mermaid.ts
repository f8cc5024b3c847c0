import { z } from 'zod';
import { defineTool } from '../define-tool';
import { exportResultSchema } from '../design-schemas';
import { exportLinks, exportOutput } from '../export-output';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'export_mermaid',
  title: 'Export the Mermaid diagram',
  description:
    'Writes the Mermaid flowchart (VCNs and subnets as subgraphs, connections as edges) as exports/architecture.mmd, kept with the session. Returns each file\'s path and resource URI (galley://sessions/...), with resource links to read and save them.',
  inputSchema: z.object({ session_id: sessionIdSchema }),
  outputSchema: exportResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id }, { exporter }) {
    return exportOutput(await exporter.exportMermaid(session_id));
  },
  content: exportLinks,
});
