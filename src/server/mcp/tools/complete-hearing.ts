import { z } from 'zod';
import { defineTool } from '../define-tool';
import { hearingOutcomeSchema, sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'complete_hearing',
  title: 'Complete the hearing',
  description:
    'Closes the hearing and turns the answers into a markdown summary, requirements by category with ' +
    'priority (must / should / could) and constraints. Refuses, naming them, while required questions are ' +
    'unanswered. A completed session takes no more answers.',
  inputSchema: z.object({ session_id: sessionIdSchema }),
  outputSchema: hearingOutcomeSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler({ session_id }, { hearing }) {
    return hearing.completeHearing(session_id);
  },
});
