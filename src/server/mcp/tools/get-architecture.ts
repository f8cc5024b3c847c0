import { z } from 'zod';
import { defineTool } from '../define-tool';
import { architectureResultSchema } from '../design-schemas';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'get_architecture',
  title: 'Read the architecture',
  description: 'Returns the session\'s current architecture: revision, components, connections, design reasons and region.',
  inputSchema: z.object({ session_id: sessionIdSchema }),
  outputSchema: architectureResultSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id }, { design }) {
    return { session_id, architecture: await design.getArchitecture(session_id) };
  },
});
