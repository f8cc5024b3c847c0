import { z } from 'zod';
import { SEVERITIES } from '../design/rules/rule-types';

const MAX_COMPONENTS = 200;
const MAX_CONNECTIONS = 500;
const MAX_TEXT = 2000;

export const componentIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lowercase letters, digits and _, starting with a letter (it becomes a Terraform name)')
  .describe('Component id, unique in the architecture, e.g. app_subnet');

export const serviceTypeSchema = z.string().min(1).max(64).describe('A service type from list_available_services, e.g. oke_cluster');

export const configSchema = z
  .record(z.string(), z.unknown())
  .describe('Config fields of the service type (list_available_services shows them); omitted fields take their defaults');

export const placementSchema = z
  .object({ parent: componentIdSchema.describe('The vcn (for subnets and gateways) or subnet (for everything placed in one) this component sits in') })
  .describe('Where the component sits; omit for services outside any network');

export const componentInputSchema = z.object({
  id: componentIdSchema,
  type: serviceTypeSchema,
  name: z.string().min(1).max(200).describe('Display name'),
  config: configSchema.optional(),
  placement: placementSchema.optional(),
});

export const connectionSchema = z.object({
  from: componentIdSchema,
  to: componentIdSchema,
  purpose: z.string().max(500).describe('What the connection is for, e.g. "SQL from the app tier"'),
});

export const reasonSchema = z.object({
  topic: z.string().min(1).max(200),
  reason: z.string().min(1).max(MAX_TEXT),
  component_ids: z.array(componentIdSchema).max(MAX_COMPONENTS).optional(),
  question_ids: z.array(z.string().max(100)).max(100).optional().describe('Hearing question ids whose answers led to the decision'),
});

export const componentsSchema = z.array(componentInputSchema).max(MAX_COMPONENTS);
export const connectionsSchema = z.array(connectionSchema).max(MAX_CONNECTIONS);
export const reasonsSchema = z.array(reasonSchema).max(100);
export const regionSchema = z.string().regex(/^[a-z]{2}-[a-z]+-\d$/, 'must be an OCI region identifier such as ap-tokyo-1').describe('The OCI region, e.g. ap-tokyo-1');

export const architectureSchema = z.object({
  revision: z.number().int().describe('Bumped by every change'),
  components: z.array(z.object({
    id: z.string(),
    type: z.string(),
    name: z.string(),
    config: z.record(z.string(), z.unknown()),
    placement: z.object({ parent: z.string() }).optional(),
  })).readonly(),
  connections: z.array(z.object({ from: z.string(), to: z.string(), purpose: z.string() })).readonly(),
  reasons: z.array(z.object({
    topic: z.string(),
    reason: z.string(),
    component_ids: z.array(z.string()).readonly().optional(),
    question_ids: z.array(z.string()).readonly().optional(),
  })).readonly(),
  region: z.string().optional(),
  updated_at: z.string(),
});

export const architectureResultSchema = z.object({ session_id: z.string(), architecture: architectureSchema });

export const findingSchema = z.object({
  rule_id: z.string(),
  severity: z.enum(SEVERITIES),
  component_ids: z.array(z.string()).readonly(),
  message: z.string(),
  recommendation: z.string(),
});

export const validationSchema = z.object({
  session_id: z.string(),
  revision: z.number().int(),
  valid: z.boolean().describe('true when there is no error-severity finding'),
  counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  findings: z.array(findingSchema).readonly(),
});

export const exportResultSchema = z.object({
  session_id: z.string(),
  revision: z.number().int().describe('The architecture revision exported'),
  files: z.array(z.object({
    path: z.string(),
    uri: z.string().describe('Read it again later as this resource'),
    bytes: z.number().int(),
  })),
});
