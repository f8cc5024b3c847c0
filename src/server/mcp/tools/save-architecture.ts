import { z } from 'zod';
import { defineTool } from '../define-tool';
import { architectureResultSchema, componentsSchema, connectionsSchema, reasonsSchema, regionSchema } from '../design-schemas';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'save_architecture',
  title: 'Save a whole architecture',
  description:
    'Replaces the session\'s architecture with the given components, connections and design reasons, after a completed ' +
    'hearing. Everything is checked (service types, configs, placements, connections) and nothing is stored if any part ' +
    'fails. Place subnets and gateways in a vcn and everything else that lives in a network in a subnet. Returns the new ' +
    'architecture; then call validate_architecture.',
  inputSchema: z.object({
    session_id: sessionIdSchema,
    components: componentsSchema,
    connections: connectionsSchema.optional(),
    reasons: reasonsSchema.optional(),
    region: regionSchema.optional(),
  }),
  outputSchema: architectureResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id, components, connections, reasons, region }, { design }) {
    return { session_id, architecture: await design.saveArchitecture(session_id, { components, connections, reasons, region }) };
  },
});
