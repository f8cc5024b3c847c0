import { z } from 'zod';
import { MAX_ARGS, MAX_ARG_CHARS } from '../../infra/oci-cli';
import { defineTool, requireOciCli } from '../define-tool';

export default defineTool({
  name: 'run_oci_cli',
  title: 'Run an OCI CLI command',
  description:
    'Runs the OCI CLI as Galley (Resource Principal in the cloud, the local profile otherwise) to inspect or ' +
    'adjust the proof of concept. Give the arguments after `oci` as an array; no shell runs them. Only listed ' +
    'service groups; refused: reading secret contents, IAM changes, choosing the auth, config file or profile, ' +
    'local files. These checks only catch mistakes: the real guard is IAM, which lets Galley act only in the ' +
    'work compartment. JSON output comes back parsed.',
  inputSchema: z.object({
    args: z
      .array(z.string().max(MAX_ARG_CHARS))
      .min(1)
      .max(MAX_ARGS)
      .describe('The CLI arguments after `oci`, e.g. ["compute", "instance", "list", "--compartment-id", "ocid1..."]'),
  }),
  outputSchema: z.object({
    exit_code: z.number().int().nullable(),
    json: z.unknown().optional().describe('The output, parsed, when it is JSON'),
    text: z.string().optional().describe('The output when it is not JSON'),
    stderr: z.string(),
    truncated: z.boolean(),
    timed_out: z.boolean(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler({ args }, context) {
    return requireOciCli(context).run(args);
  },
});
