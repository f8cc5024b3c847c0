import { z } from 'zod';
import { MAX_ARGS, MAX_ARG_CHARS } from '../../infra/oci-cli';
import { defineTool, requireOciCli } from '../define-tool';

export default defineTool({
  name: 'run_oci_cli',
  title: 'Run an OCI CLI command',
  description:
    'Runs the OCI CLI as Galley (Resource Principal in the cloud, the local profile otherwise) to inspect or ' +
    'adjust the proof of concept. Give the arguments after `oci` as an array, the whole command (group, resource, ' +
    'verb) first and options after it; no shell runs them, and shell metacharacters are refused except in the ' +
    '--query JMESPath. Galley refuses some arguments up front (service groups off its list, known secret reads, ' +
    'IAM commands other than get and list, options that pick the auth, profile or config, --debug, options naming ' +
    'local files or directories, file:// values, commands that write local files such as ce cluster ' +
    'create-kubeconfig); that list catches mistakes and is not a sandbox: what the command can do is what IAM ' +
    'grants Galley. JSON output comes back parsed; output past 64 KiB is cut (use --query).',
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
    hint: z.string().optional().describe('Set when the output was cut'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler({ args }, context) {
    return requireOciCli(context).run(args);
  },
});
