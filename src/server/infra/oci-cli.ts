import { runProcess } from './child-process';
import { redactSecrets, tail } from './job-log';
import type { OciAuthConfig } from '../config';
import { GalleyError } from '../errors';

/**
 * The CLI's service groups the model may use: what a proof of concept
 * inspects or builds. `secrets` is absent on purpose (its commands read
 * secret contents).
 */
export const ALLOWED_SERVICE_GROUPS: readonly string[] = [
  'adm', 'analytics', 'api-gateway', 'apm-config', 'artifacts', 'audit', 'autoscaling', 'bastion', 'bds', 'budgets',
  'bv', 'ce', 'compute', 'compute-management', 'container-instances', 'data-catalog', 'data-flow', 'data-integration',
  'data-safe', 'data-science', 'db', 'devops', 'dns', 'email', 'events', 'fn', 'fs', 'generative-ai',
  'health-checks', 'iam', 'integration', 'kms', 'lb', 'limits', 'logging', 'logging-search', 'management-agent',
  'monitoring', 'mysql', 'network', 'nlb', 'nosql', 'oda', 'ons', 'opensearch', 'os', 'psql', 'queue', 'redis',
  'resource-manager', 'search', 'service-connector', 'streaming', 'support', 'usage-api', 'vault', 'waf', 'waas',
];

/** Longest argument list, and longest single argument. */
export const MAX_ARGS = 64;
export const MAX_ARG_CHARS = 4096;

// Characters a shell would act on: chaining, pipes, redirection, substitution.
// No shell ever runs here; refusing them keeps a confused model from believing one does.
const SHELL_METACHARACTERS = /[;&|`$<>\n\r\\]/;
// The one option whose value may hold them: JMESPath needs `&&`, `||` and `|`
// (`data[?a && b] | [0]`), and the CLI evaluates it itself, never a shell.
const QUERY_OPTION = '--query';
// Options that choose who the CLI is, print its signed requests (--debug:
// the resource principal's token is in the keyId), prompt, or make it read
// or write local files. Any option ending in -file, -path or -dir is refused
// too (--user-data-file, --ssh-authorized-keys-file, --defaults-file, ...).
const REFUSED_OPTIONS = [
  '--auth', '--auth-purpose', '--config-file', '--profile', '--cli-rc-file', '--defaults-file', '--delegation-token-file',
  '--security-token-file', '--endpoint', '--cert-bundle', '--file', '--output-file', '--download-dir',
  '--src-dir', '--dir', '--from-json', '--config-source', '--debug', '-d', '--cli-auto-prompt', '-i',
];
const REFUSED_OPTION_SUFFIX = /-(file|path|dir)$/;
// Short flags combine (`-di` is `-d -i`): a short-option cluster holding d or i is refused.
const SHORT_CLUSTER = /^-[A-Za-z?]+$/;
// IAM may be read, never changed: the leaf command must read.
const IAM_READ_VERBS = /^(get|list|search)(-|$)/;
// Service commands are `oci <group> <resource> <verb>` or deeper; these are the shorter ones.
const TWO_WORD_COMMANDS = new Set(['logging-search search-logs']);
// Commands that return secret material.
const SECRET_READS: readonly (readonly string[])[] = [
  ['kms', 'crypto'],
  ['vault', 'secret-bundle'],
  ['iam', 'auth-token'],
  ['iam', 'customer-secret-key'],
  ['iam', 'smtp-credential'],
  ['iam', 'db-credential'],
];

// Commands that write a local file even with no file option given.
const LOCAL_FILE_WRITES: readonly { readonly command: readonly string[]; readonly what: string; readonly instead: string }[] = [
  {
    command: ['ce', 'cluster', 'create-kubeconfig'],
    what: 'a kubeconfig (~/.kube/config by default)',
    instead: 'Read the cluster with `ce cluster get` or its endpoints with `ce cluster list`; the user runs create-kubeconfig on their own machine.',
  },
];

/**
 * Checks an argument list before anything runs. The real guard is IAM: the
 * container's principal can do only what its policies grant; this stops the
 * obvious mistakes early with a clear message.
 */
export function checkOciCliArgs(args: readonly string[]): string[] {
  const argv = args[0] === 'oci' ? args.slice(1) : [...args];
  if (argv.length === 0) refuse('give the command after `oci`, e.g. ["compute", "instance", "list", "--compartment-id", "ocid1..."]');
  if (argv.length > MAX_ARGS) refuse(`at most ${MAX_ARGS} arguments`);
  for (const [i, arg] of argv.entries()) {
    if (arg.length > MAX_ARG_CHARS) refuse(`an argument is longer than ${MAX_ARG_CHARS} characters`);
    const isQuery = argv[i - 1] === QUERY_OPTION || arg.startsWith(`${QUERY_OPTION}=`);
    if (!isQuery && SHELL_METACHARACTERS.test(arg)) {
      refuse(`arguments run without a shell, and shell metacharacters (; & | \` $ < > \\ newline) are refused: ${JSON.stringify(arg.slice(0, 80))}`);
    }
    if (/^https?:\/\//i.test(arg) || /file:\/\//i.test(arg)) refuse('arguments may not name local files or URLs (file://, http://)');
    if (!arg.startsWith('-')) continue;
    const option = arg.split('=')[0].toLowerCase();
    if (REFUSED_OPTIONS.includes(option) || REFUSED_OPTION_SUFFIX.test(option) || (SHORT_CLUSTER.test(option) && /[di]/i.test(option))) {
      refuse(`\`${option.slice(0, 80)}\` is refused: Galley chooses how the CLI authenticates, and it reads and writes no local files`);
    }
  }
  const path = commandPath(argv);
  const [group] = path;
  if (!group) refuse('the first argument must be a service group (like compute or os), not an option');
  if (group === 'secrets') refuse('reading secret contents is refused (`oci secrets ...`)');
  if (!ALLOWED_SERVICE_GROUPS.includes(group)) {
    refuse(`the service group \`${group}\` is not on Galley's list; allowed: ${ALLOWED_SERVICE_GROUPS.join(', ')}`);
  }
  // The CLI takes options between the words of a command (`iam policy
  // --request-id list create` creates a policy), so the command is its
  // leading words, whole: at least group, resource and verb.
  if (path.length < 3 && !TWO_WORD_COMMANDS.has(path.join(' '))) {
    refuse('give the whole command before any option: group, resource and verb, like ["iam", "policy", "list", "--compartment-id", "ocid1..."]');
  }
  for (const read of SECRET_READS) {
    if (group === read[0] && path[1] === read[1]) refuse(`\`oci ${read.join(' ')}\` returns secret material and is refused`);
  }
  for (const write of LOCAL_FILE_WRITES) {
    if (write.command.every((word, i) => path[i] === word)) {
      refuse(`\`oci ${write.command.join(' ')}\` writes ${write.what} on Galley's server and is refused: run_oci_cli reads and writes no local files. ${write.instead}`);
    }
  }
  if (group === 'iam' && !IAM_READ_VERBS.test(path[path.length - 1])) {
    refuse('IAM may be read (get, list), never changed, through run_oci_cli');
  }
  checkOptionValues(argv, path.length);
  return argv;
}

/** The command: the leading words, before the first option. */
function commandPath(argv: readonly string[]): string[] {
  const first = argv.findIndex((a) => a.startsWith('-'));
  return first === -1 ? [...argv] : argv.slice(0, first);
}

/**
 * After the command, every word must be an option's value: a word after a
 * word would be taken as a further command, past the checks on the path.
 */
function checkOptionValues(argv: readonly string[], from: number): void {
  for (let i = from + 1; i < argv.length; i++) {
    if (!argv[i].startsWith('-') && !argv[i - 1].startsWith('-')) {
      refuse(`options come after the whole command, and each takes at most one value: ${JSON.stringify(argv[i].slice(0, 80))} follows a value`);
    }
  }
}

function refuse(message: string): never {
  throw new GalleyError('command_refused', message);
}

/** Most stdout returned to the model; past it, the model should narrow the query. */
export const MAX_STDOUT_BYTES = 64 * 1024;

export interface OciCliResult {
  readonly exit_code: number | null;
  /** The output parsed as JSON, when it is JSON. */
  readonly json?: unknown;
  /** The output as text, when it is not JSON. */
  readonly text?: string;
  readonly stderr: string;
  readonly truncated: boolean;
  readonly timed_out: boolean;
  /** Set when the output was cut: how to ask for less. */
  readonly hint?: string;
}

export interface OciCliOptions {
  readonly executable: string;
  readonly auth: OciAuthConfig;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly maxOutputBytes?: number;
  /** Exact values never to show the model (the URL token). */
  readonly secrets?: readonly string[];
  /**
   * Extra arguments appended by Galley itself, never by the model; tests use it
   * to point the CLI at a local stand-in (`--endpoint`).
   */
  readonly extraArgs?: readonly string[];
}

/** Runs the OCI CLI as the container (Resource Principal) or the local profile. */
export class OciCliRunner {
  constructor(private readonly options: OciCliOptions) {}

  async run(args: readonly string[]): Promise<OciCliResult> {
    const secrets = this.options.secrets ?? [];
    let argv: string[];
    try {
      argv = checkOciCliArgs(args);
    } catch (err) {
      // Refusals quote the offending argument; never a secret in it.
      if (err instanceof GalleyError) throw new GalleyError(err.kind, redactSecrets(err.message, secrets));
      throw err;
    }
    const auth = this.options.auth.kind === 'resource-principal'
      ? ['--auth', 'resource_principal']
      : [
        ...(this.options.auth.file ? ['--config-file', this.options.auth.file] : []),
        ...(this.options.auth.profile ? ['--profile', this.options.auth.profile] : []),
      ];
    const result = await runProcess([this.options.executable, ...argv, ...auth, ...(this.options.extraArgs ?? [])], {
      env: { ...this.options.env, OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING: 'True', SUPPRESS_LABEL_WARNING: 'True' },
      timeoutMs: this.options.timeoutMs ?? 120_000,
      maxOutputBytes: this.options.maxOutputBytes ?? 1024 * 1024,
    });
    if (result.exitCode === null && !result.timedOut && /cannot start/.test(result.stderr)) {
      throw new GalleyError('command_failed', 'the OCI CLI is not installed here');
    }
    // A big listing would flood the model's context: cut it, and say how to ask for less.
    const raw = Buffer.from(result.stdout, 'utf8');
    const cut = raw.length > MAX_STDOUT_BYTES;
    const stdout = redactSecrets(cut ? raw.subarray(0, MAX_STDOUT_BYTES).toString('utf8') : result.stdout, secrets);
    let json: unknown;
    try {
      json = stdout.trim() && !cut ? JSON.parse(stdout) : undefined;
    } catch {
      json = undefined;
    }
    return {
      exit_code: result.exitCode,
      ...(json !== undefined ? { json } : stdout.trim() ? { text: stdout } : {}),
      stderr: tail(redactSecrets(result.stderr, secrets), 40, 4000).text,
      truncated: result.truncated || cut,
      timed_out: result.timedOut,
      ...(cut && { hint: `the output passed ${MAX_STDOUT_BYTES / 1024} KiB and was cut: select fields with --query (JMESPath), or use --limit` }),
    };
  }
}
