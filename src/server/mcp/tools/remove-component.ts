import { z } from 'zod';
import { defineTool } from '../define-tool';
import { architectureResultSchema, componentIdSchema } from '../design-schemas';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'remove_component',
  title: 'Remove a component',
  description:
    'Removes a component and every connection to or from it. A vcn or subnet that still holds components is refused: ' +
    'remove those first. Returns the new architecture.',
  inputSchema: z.object({ session_id: sessionIdSchema, component_id: componentIdSchema }),
  outputSchema: architectureResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async handler({ session_id, component_id }, { design }) {
    return { session_id, architecture: await design.removeComponent(session_id, component_id) };
  },
});
