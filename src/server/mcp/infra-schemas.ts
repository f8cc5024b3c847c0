import { z } from 'zod';
import { sessionIdSchema } from './schemas';
import { MAX_WAIT_SECONDS } from '../infra/infra-service';
import { MAX_TERRAFORM_FILE_CHARS } from '../infra/terraform-files';

export const runJobInputSchema = z.object({ session_id: sessionIdSchema });

const jobStateSchema = z
  .enum(['ACCEPTED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CANCELING', 'CANCELED', 'UNKNOWN'])
  .describe('The Resource Manager job state');
const operationSchema = z.enum(['PLAN', 'APPLY', 'DESTROY']);

export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning']),
  file: z.string().optional().describe('The Terraform file, as update_terraform_file names it'),
  line: z.number().int().optional(),
  summary: z.string(),
  detail: z.string(),
});

export const startedJobSchema = z.object({
  session_id: z.string(),
  operation: operationSchema,
  state: z
    .union([jobStateSchema, z.literal('VALIDATION_FAILED')])
    .describe('VALIDATION_FAILED: the local terraform validate found errors (see diagnostics) and no job was created'),
  job_id: z.string().optional().describe('Pass to get_rm_job_status'),
  stack_id: z.string().optional(),
  diagnostics: z.array(diagnosticSchema),
});

export const jobStatusInputSchema = z.object({
  session_id: sessionIdSchema,
  job_id: z.string().min(1).max(255).describe('A job id returned by run_terraform_plan, _apply or _destroy'),
  wait_seconds: z
    .number()
    .int()
    .min(0)
    .max(MAX_WAIT_SECONDS)
    .default(0)
    .describe(`Wait up to this many seconds (at most ${MAX_WAIT_SECONDS}) for the state to change`),
});

export const jobStatusSchema = z.object({
  session_id: z.string(),
  job_id: z.string(),
  operation: operationSchema,
  state: jobStateSchema,
  failure: z.string().optional(),
  changes: z
    .object({ add: z.number().int(), change: z.number().int(), destroy: z.number().int() })
    .optional()
    .describe("Terraform's counts from the job log"),
  log_tail: z.string().describe('The end of the job log, secret-looking values redacted'),
  log_truncated: z.boolean(),
  outputs: z.array(z.object({ name: z.string(), value: z.string(), sensitive: z.boolean() })).optional(),
  time_created: z.string().optional(),
  time_finished: z.string().optional(),
});

export const terraformFileNameSchema = z
  .string()
  .min(1)
  .max(100)
  .describe('A file name in the session\'s Terraform directory: lowercase, ending in .tf, like main.tf (no directories)');

export const updateTerraformFileInputSchema = z.object({
  session_id: sessionIdSchema,
  file: terraformFileNameSchema,
  content: z.string().max(MAX_TERRAFORM_FILE_CHARS).describe('The whole new content of the file'),
});

export const updatedTerraformFileSchema = z.object({
  session_id: z.string(),
  file: z.string(),
  chars: z.number().int(),
  created: z.boolean().describe('True when the file did not exist before'),
});
