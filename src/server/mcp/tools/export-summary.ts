import { z } from 'zod';
import { defineTool } from '../define-tool';
import { exportResultSchema } from '../design-schemas';
import { exportLinks, exportOutput } from '../export-output';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'export_summary',
  title: 'Export the Markdown summary',
  description:
    'Writes the Markdown summary (hearing summary, component table, connections, design reasons, findings) as exports/summary.md, kept with the session. Returns each file\'s path and resource URI (galley://sessions/...), with resource links to read and save them.',
  inputSchema: z.object({ session_id: sessionIdSchema }),
  outputSchema: exportResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id }, { exporter }) {
    return exportOutput(await exporter.exportSummary(session_id));
  },
  content: exportLinks,
});
