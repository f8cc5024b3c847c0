import { z } from 'zod';
import { defineTool } from '../define-tool';
import { localeSchema } from '../schemas';

export default defineTool({
  name: 'get_hearing_flow',
  title: 'Show the hearing flow',
  description: 'Lists the phases of the hearing in order, each with a description and the ids of its questions.',
  inputSchema: z.object({ locale: localeSchema.optional() }),
  outputSchema: z.object({
    phases: z.array(z.object({ name: z.string(), description: z.string(), question_ids: z.array(z.string()) })),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ locale = 'en' }, { hearing }) {
    return {
      phases: hearing.catalog.phases.map((p) => ({
        name: p.name,
        description: p.description[locale],
        question_ids: [...p.question_ids],
      })),
    };
  },
});
