import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { GALLEY_DEFAULT_PORT, GALLEY_ENV, OCI_AUTH_ENV } from '../runtime-contract';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Open SSE streams allowed at once by default; each holds a socket, an MCP server and a timer (about 29 KiB). */
export const DEFAULT_MAX_SSE_STREAMS = 100;

/**
 * The server's environment, documented in one place (README "Configuration").
 * Defaults serve a local run with no cloud at all.
 */
const envSchema = z
  .object({
    [GALLEY_ENV.host]: z.string().min(1).default('127.0.0.1'),
    [GALLEY_ENV.port]: z.coerce.number().int().min(0).max(65535).default(GALLEY_DEFAULT_PORT),
    [GALLEY_ENV.urlToken]: z
      .string()
      .regex(/^[A-Za-z0-9_-]{32,256}$/, {
        message: 'must be 32 to 256 characters of letters, digits, "-" or "_"',
      })
      .optional(),
    [GALLEY_ENV.storage]: z.enum(['file', 'object-storage']).default('file'),
    [GALLEY_ENV.dataDir]: z.string().min(1).default('./.galley'),
    [GALLEY_ENV.bucket]: z.string().min(1).optional(),
    [GALLEY_ENV.namespace]: z.string().min(1).optional(),
    [GALLEY_ENV.region]: z.string().min(1).optional(),
    [GALLEY_ENV.workCompartmentId]: z.string().min(1).optional(),
    [GALLEY_ENV.compartmentId]: z.string().min(1).optional(),
    [GALLEY_ENV.resourceManagerEndpoint]: z.url({ protocol: /^https?$/ }).optional(),
    [GALLEY_ENV.ociCli]: z.string().min(1).optional(),
    [GALLEY_ENV.logLevel]: z.enum(LOG_LEVELS).default('info'),
    [GALLEY_ENV.maxSseStreams]: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_MAX_SSE_STREAMS),
    [GALLEY_ENV.objectStorageEndpoint]: z.url({ protocol: /^https?$/ }).optional(),
    [OCI_AUTH_ENV.resourcePrincipalVersion]: z.string().optional(),
    [OCI_AUTH_ENV.configFile]: z.string().optional(),
    [OCI_AUTH_ENV.configProfile]: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env[GALLEY_ENV.storage] === 'object-storage') {
      for (const key of [GALLEY_ENV.bucket, GALLEY_ENV.region] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when GALLEY_STORAGE=object-storage' });
      }
    }
  });

export interface GalleyConfig {
  readonly host: string;
  readonly port: number;
  readonly urlToken: string;
  /** True when no token was configured and one was made up at start. */
  readonly urlTokenGenerated: boolean;
  readonly storage:
    | { readonly kind: 'file'; readonly dataDir: string }
    | {
      readonly kind: 'object-storage';
      readonly bucket: string;
      /** Looked up at first use when not given. */
      readonly namespace?: string;
      readonly region: string;
      readonly endpoint?: string;
      readonly auth: OciAuthConfig;
    };
  readonly workCompartmentId?: string;
  readonly infra: InfraConfig;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Open legacy SSE streams allowed at once; past it, a new one is answered 503. */
  readonly maxSseStreams: number;
}

/** What the infra layer (Resource Manager, terraform, the OCI CLI) needs. */
export interface InfraConfig {
  /** The compartment Galley may deploy into (`GALLEY_WORK_COMPARTMENT_ID`). */
  readonly workCompartmentId?: string;
  /** Galley's own compartment (`GALLEY_COMPARTMENT_ID`); unset on a local run. */
  readonly galleyCompartmentId?: string;
  /** Resource Manager's region; falls back to the auth profile's. */
  readonly region?: string;
  readonly resourceManagerEndpoint?: string;
  readonly auth: OciAuthConfig;
  /** The `oci` executable. */
  readonly ociCli: string;
  /**
   * The environment child processes (terraform, oci) get: this process's,
   * less every GALLEY_ variable and anything holding the URL token.
   */
  readonly childEnv: Readonly<Record<string, string>>;
}

/** How the server authenticates to OCI. No API key is ever taken from the environment. */
export type OciAuthConfig =
  | { readonly kind: 'resource-principal' }
  | { readonly kind: 'config-file'; readonly file?: string; readonly profile?: string };

export class ConfigError extends Error {}

/** Reads and checks the environment; throws {@link ConfigError} naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GalleyConfig {
  const parsed = envSchema.safeParse(pickGalleyVariables(env));
  if (!parsed.success) {
    // Messages name the variable, never echo its value: one of them is a secret.
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const token = e[GALLEY_ENV.urlToken];
  const urlToken = token ?? randomBytes(32).toString('hex');
  const auth: OciAuthConfig = e[OCI_AUTH_ENV.resourcePrincipalVersion]
    ? { kind: 'resource-principal' }
    : { kind: 'config-file', file: e[OCI_AUTH_ENV.configFile], profile: e[OCI_AUTH_ENV.configProfile] };
  return {
    host: e[GALLEY_ENV.host],
    port: e[GALLEY_ENV.port],
    urlToken,
    urlTokenGenerated: token === undefined,
    storage:
      e[GALLEY_ENV.storage] === 'file'
        ? { kind: 'file', dataDir: e[GALLEY_ENV.dataDir] }
        : {
          kind: 'object-storage',
          bucket: e[GALLEY_ENV.bucket]!,
          namespace: e[GALLEY_ENV.namespace],
          region: e[GALLEY_ENV.region]!,
          endpoint: e[GALLEY_ENV.objectStorageEndpoint],
          auth,
        },
    workCompartmentId: e[GALLEY_ENV.workCompartmentId],
    infra: {
      workCompartmentId: e[GALLEY_ENV.workCompartmentId],
      galleyCompartmentId: e[GALLEY_ENV.compartmentId],
      region: e[GALLEY_ENV.region],
      resourceManagerEndpoint: e[GALLEY_ENV.resourceManagerEndpoint],
      auth,
      ociCli: e[GALLEY_ENV.ociCli] ?? 'oci',
      childEnv: scrubChildEnv(env, urlToken),
    },
    logLevel: e[GALLEY_ENV.logLevel],
    maxSseStreams: e[GALLEY_ENV.maxSseStreams],
  };
}

/**
 * Child processes inherit PATH, HOME, TF_* and the OCI variables they need,
 * but never Galley's own settings, and nothing that holds the URL token.
 */
export function scrubChildEnv(env: NodeJS.ProcessEnv, urlToken: string): Record<string, string> {
  const child: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.startsWith('GALLEY_') || value.includes(urlToken)) continue;
    child[name] = value;
  }
  return child;
}

/** Empty variables count as unset, as shells and container specs often leave them. */
function pickGalleyVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of [...Object.values(GALLEY_ENV), ...Object.values(OCI_AUTH_ENV)]) {
    const value = env[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  return picked;
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Loopback binds get Host-header checks against DNS rebinding. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}
