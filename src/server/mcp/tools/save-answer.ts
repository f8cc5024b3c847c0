import { z } from 'zod';
import { defineTool } from '../define-tool';
import { answerValueSchema, questionIdSchema, savedAnswerSchema, sessionIdSchema } from '../schemas';

export default defineTool({
  name: 'save_answer',
  title: 'Save one hearing answer',
  description:
    'Stores the customer\'s answer to one hearing question. Text questions take a string, choice questions ' +
    'one choice value, multi-choice questions a list of choice values. Answering again replaces the answer.',
  inputSchema: z.object({
    session_id: sessionIdSchema,
    question_id: questionIdSchema,
    value: answerValueSchema,
  }),
  outputSchema: savedAnswerSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ session_id, question_id, value }, { hearing }) {
    return hearing.saveAnswer(session_id, question_id, value);
  },
});
