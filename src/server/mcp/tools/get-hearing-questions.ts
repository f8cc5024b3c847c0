import { z } from 'zod';
import { defineTool } from '../define-tool';
import { localeSchema } from '../schemas';

export default defineTool({
  name: 'get_hearing_questions',
  title: 'List the hearing questions',
  description:
    'Lists every hearing question with its id, category, whether it is required, its answer type ' +
    '(text, choice, multi_choice), its text and, for choice types, the values that may be answered.',
  inputSchema: z.object({ locale: localeSchema.optional() }),
  outputSchema: z.object({
    questions: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        required: z.boolean(),
        type: z.enum(['text', 'choice', 'multi_choice']),
        text: z.string(),
        choices: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      }),
    ),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ locale = 'en' }, { hearing }) {
    return {
      questions: hearing.catalog.questions.map((q) => ({
        id: q.id,
        category: q.category,
        required: q.required,
        type: q.type,
        text: q.text[locale],
        ...(q.choices && { choices: q.choices.map((c) => ({ value: c.value, label: c.label[locale] })) }),
      })),
    };
  },
});
