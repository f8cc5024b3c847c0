import { z } from 'zod';
import { defineTool } from '../define-tool';
import { hearingOutcomeSchema, sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'get_hearing_result',
  title: 'Read a hearing result',
  description: 'Returns the result of a completed hearing: the same summary, requirements and constraints complete_hearing returned.',
  inputSchema: z.object({ session_id: sessionIdSchema }),
  outputSchema: hearingOutcomeSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id }, { hearing }) {
    return hearing.getHearingResult(session_id);
  },
});
