import { z } from 'zod';
import { defineTool } from '../define-tool';
import { MAX_BATCH_ANSWERS, answerValueSchema, questionIdSchema, savedAnswerSchema, sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'save_answers_batch',
  title: 'Save several hearing answers',
  description:
    `Stores up to ${MAX_BATCH_ANSWERS} answers at once. All are checked first: if any is invalid, none is saved ` +
    'and the error names the offending entry.',
  inputSchema: z.object({
    session_id: sessionIdSchema,
    answers: z
      .array(z.object({ question_id: questionIdSchema, value: answerValueSchema }))
      .min(1)
      .max(MAX_BATCH_ANSWERS),
  }),
  outputSchema: z.object({
    saved_count: z.number().int(),
    answers: z.array(savedAnswerSchema),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id, answers }, { hearing }) {
    const saved = await hearing.saveAnswers(session_id, answers);
    return { saved_count: saved.length, answers: saved };
  },
});
