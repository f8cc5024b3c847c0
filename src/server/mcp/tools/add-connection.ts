import { defineTool } from '../define-tool';
import { architectureResultSchema, connectionSchema } from '../design-schemas';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'add_connection',
  title: 'Connect two components',
  description:
    'Adds a connection from one component to another, with its purpose (e.g. a node pool to its cluster, a load balancer ' +
    'to its backends, an app to its database, a subnet to a route table). Both must exist and differ. Returns the new architecture.',
  inputSchema: connectionSchema.extend({ session_id: sessionIdSchema }),
  outputSchema: architectureResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler({ session_id, from, to, purpose }, { design }) {
    return { session_id, architecture: await design.addConnection(session_id, { from, to, purpose }) };
  },
});
