import { z } from 'zod';
import { defineTool } from '../define-tool';
import { architectureResultSchema, componentIdSchema, configSchema } from '../design-schemas';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'configure_component',
  title: 'Change a component\'s config',
  description:
    'Updates some config fields of one component (the others stay; a field given as null goes back to its default) and ' +
    'optionally its name. The result is checked against the service type\'s schema. Returns the new architecture.',
  inputSchema: z.object({
    session_id: sessionIdSchema,
    component_id: componentIdSchema,
    config: configSchema.optional(),
    name: z.string().min(1).max(200).optional(),
  }),
  outputSchema: architectureResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id, component_id, config, name }, { design }) {
    return { session_id, architecture: await design.configureComponent(session_id, component_id, { config, name }) };
  },
});
