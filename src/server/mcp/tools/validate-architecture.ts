import { z } from 'zod';
import { defineTool } from '../define-tool';
import { validationSchema } from '../design-schemas';
import { sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'validate_architecture',
  title: 'Check the architecture against OCI rules',
  description:
    'Runs every validation rule (connections, placement, region availability, config sanity, the hearing against the ' +
    'design) and returns findings with rule id, severity (error, warning, info), the components involved, a message and ' +
    'a recommendation, in the session\'s language. Fix errors with configure_component and the other design tools.',
  inputSchema: z.object({ session_id: sessionIdSchema }),
  outputSchema: validationSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id }, { design }) {
    return design.validate(session_id);
  },
});
