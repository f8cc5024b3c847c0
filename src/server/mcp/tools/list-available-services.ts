import { z } from 'zod';
import { SERVICE_CATEGORIES } from '../../design/catalog-types';
import { defineTool } from '../define-tool';
import { localeSchema } from '../schemas';

const fieldSchema = z.object({
  kind: z.string(),
  description: z.string(),
  required: z.boolean().optional(),
  default: z.unknown().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  choices: z.array(z.string()).optional(),
  pattern: z.string().optional(),
  max_length: z.number().optional(),
});

export default defineTool({
  name: 'list_available_services',
  title: 'List the OCI service types',
  description:
    'Lists the service types an architecture can use: type id, category, name, description, where it is placed (none, ' +
    'vcn, subnet, optional_subnet), its config fields with kinds, defaults, bounds and choices, and the connections it requires.',
  inputSchema: z.object({
    category: z.enum(SERVICE_CATEGORIES).optional().describe('Only this category'),
    locale: localeSchema.optional(),
  }),
  outputSchema: z.object({
    services: z.array(z.object({
      type: z.string(),
      category: z.string(),
      name: z.string(),
      description: z.string(),
      placement: z.string(),
      config: z.record(z.string(), fieldSchema),
      requires: z.array(z.object({ via: z.string(), types: z.array(z.string()) })),
    })),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ category, locale = 'en' }, { design }) {
    return {
      services: design.catalog.services
        .filter((s) => category === undefined || s.category === category)
        .map((s) => ({
          type: s.type,
          category: s.category,
          name: s.name[locale],
          description: s.description[locale],
          placement: s.placement,
          config: Object.fromEntries(Object.entries(s.config).map(([name, f]) => [name, {
            kind: f.kind,
            description: f.description[locale],
            ...(f.required !== undefined && { required: f.required }),
            ...(f.default !== undefined && { default: f.default }),
            ...('min' in f && f.min !== undefined && { min: f.min }),
            ...('max' in f && f.max !== undefined && { max: f.max }),
            ...('choices' in f && { choices: [...f.choices] }),
            ...('pattern' in f && f.pattern !== undefined && { pattern: f.pattern }),
            ...('maxLength' in f && f.maxLength !== undefined && { max_length: f.maxLength }),
          }])),
          requires: (s.requires ?? []).map((r) => ({ via: r.via, types: [...r.types] })),
        })),
    };
  },
});
