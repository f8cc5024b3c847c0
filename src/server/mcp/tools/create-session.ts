import { z } from 'zod';
import { defineTool } from '../define-tool';
import { localeSchema } from '../schemas';

export default defineTool({
  name: 'create_session',
  title: 'Start a hearing session',
  description:
    'Starts a new requirements hearing with a customer and returns its session_id. ' +
    'Pass that id to save_answer, save_answers_batch, complete_hearing and get_hearing_result.',
  inputSchema: z.object({
    locale: localeSchema.optional().describe('Language of the summary complete_hearing writes (default en)'),
  }),
  outputSchema: z.object({
    session_id: z.string(),
    status: z.enum(['in_progress', 'completed']),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler({ locale }, { hearing }) {
    const session = await hearing.createSession(locale);
    return { session_id: session.id, status: session.status };
  },
});
