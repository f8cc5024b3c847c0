import { z } from 'zod';
import { defineTool } from '../define-tool';
import { architectureResultSchema, componentIdSchema } from '../design-schemas';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'remove_connection',
  title: 'Remove a connection',
  description: 'Removes the connection from one component to another. Returns the new architecture.',
  inputSchema: z.object({ session_id: sessionIdSchema, from: componentIdSchema, to: componentIdSchema }),
  outputSchema: architectureResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async handler({ session_id, from, to }, { design }) {
    return { session_id, architecture: await design.removeConnection(session_id, from, to) };
  },
});
