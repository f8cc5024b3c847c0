import { z } from 'zod';
import { defineTool } from '../define-tool';
import { architectureResultSchema, componentInputSchema } from '../design-schemas';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'add_component',
  title: 'Add a component',
  description:
    'Adds one component (id, service type, name, config, placement) to the session\'s architecture, checked against the ' +
    'service catalog; its placement parent must already exist. Connect it with add_connection. Returns the new architecture.',
  inputSchema: z.object({ session_id: sessionIdSchema, component: componentInputSchema }),
  outputSchema: architectureResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler({ session_id, component }, { design }) {
    return { session_id, architecture: await design.addComponent(session_id, component) };
  },
});
