/**
 * The infra layer, on demand (issue 13's Benchmark):
 *
 * 1. The local validate (terraform init -backend=false, validate -json, fmt)
 *    of the Terraform the real exporter makes from a 30-component
 *    architecture (test/server/design/sample-architectures.ts, as
 *    bench:design uses): the first run (the provider installed from the
 *    mirror into the shared cache), then warm runs. Target: warm p50 <= 5 s.
 *    Then where a warm run's time goes: init, validate and fmt timed one by
 *    one, the same commands in the same environment as TerraformValidator.
 * 2. get_rm_job_status, server time: Galley's own MCP server (the real
 *    services, the real SdkResourceManager signing real HTTP requests to the
 *    signature-checking Resource Manager stand-in) over the SDK's in-memory
 *    transport, timed inside the server transport from the request in to the
 *    response out, less the stand-in's own time answering during the call.
 *    Target: p50 <= 5 ms. A bare McpServer's no-op tool is timed the same way
 *    in the same run, as the baseline; the OCI SDK's share (signing, HTTP,
 *    parsing: the time in the Resource Manager gateway beyond the stand-in)
 *    is reported apart.
 * 3. For reference, the same call's client round trip over Streamable HTTP
 *    (the official client and a Galley app on a loopback port).
 *
 *   npx projen bench:infra [-- --runs 7 --calls 300 --rounds 5]
 *   (--validate-only or --status-only for one half)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { terraformEnv } from '../scripts/terraform';
import { loadConfig } from '../src/server/config';
import { runProcess } from '../src/server/infra/child-process';
import { ResourceManagerGateway, SdkResourceManager } from '../src/server/infra/resource-manager';
import { readTerraformFiles } from '../src/server/infra/terraform-files';
import { findRefusedConstructs } from '../src/server/infra/terraform-guard';
import { TerraformValidator, terraformChildEnv } from '../src/server/infra/terraform-validate';
import { createLogger } from '../src/server/logger';
import { McpServerFactory } from '../src/server/mcp/build-server';
import { createServices } from '../src/server/services';
import { CachedKeyRequestSigner } from '../src/server/storage/oci-request-signer';
import { saveArguments, thirtyComponents } from '../test/server/design/sample-architectures';
import { FULL_ANSWERS } from '../test/server/helpers/answers';
import { TEST_TOKEN } from '../test/server/helpers/in-process-server';
import { GALLEY_COMPARTMENT, InfraWorld, WORK_COMPARTMENT } from '../test/server/helpers/infra-world';
import { callOk, connectClient } from '../test/server/helpers/mcp-client';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return (at >= 0 && Number(process.argv[at + 1])) || fallback;
};
const runs = option('--runs', 7);
const calls = option('--calls', 300);
const rounds = option('--rounds', 5);
const WARM_UP = 30;

type Span = [number, number];

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values: number[]) => pct(values, 50);
const ms = (v: number) => `${v.toFixed(2)} ms`;
const s = (v: number) => `${(v / 1000).toFixed(2)} s`;

/** The time covered by `spans` (they may overlap: Galley asks for the job and its log at once). */
function unionMs(spans: Span[]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** The spans that fall within [from, to]. */
const within = (spans: Span[], from: number, to: number) => spans.filter(([a, b]) => a >= from && b <= to);

/**
 * Server time: from a request's arrival at the server's transport to its
 * response leaving it. The in-memory transport delivers synchronously, so
 * nothing of the client is inside this window.
 */
function timeServer(transport: InMemoryTransport): { last: () => Span } {
  const arrived = new Map<string | number, number>();
  let last: Span = [0, 0];
  const handle = transport.onmessage!;
  transport.onmessage = (message, extra) => {
    if ('method' in message && 'id' in message) arrived.set(message.id, performance.now());
    handle(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = (message: JSONRPCMessage, options) => {
    if (!('method' in message) && 'id' in message && arrived.has(message.id!)) {
      last = [arrived.get(message.id!)!, performance.now()];
      arrived.delete(message.id!);
    }
    return send(message, options);
  };
  return { last: () => last };
}

/** A gateway that records when each of its calls was in flight: the OCI SDK's time, the stand-in's included. */
function timedGateway(inner: ResourceManagerGateway, spans: Span[]): ResourceManagerGateway {
  const timed = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const started = performance.now();
    try {
      return await fn(...args);
    } finally {
      spans.push([started, performance.now()]);
    }
  };
  return {
    createStack: timed(inner.createStack.bind(inner)),
    updateStack: timed(inner.updateStack.bind(inner)),
    createJob: timed(inner.createJob.bind(inner)),
    getJob: timed(inner.getJob.bind(inner)),
    getJobLog: timed(inner.getJobLog.bind(inner)),
    getJobOutputs: timed(inner.getJobOutputs.bind(inner)),
    runningJob: timed(inner.runningJob.bind(inner)),
    close: () => inner.close(),
  };
}

/**
 * When the request signer was at work (the one Galley's Resource Manager
 * client is built with, which hands requests with a body to the SDK's),
 * recorded without changing what it does: the signing's share of the SDK's time.
 */
function timeSigning(spans: Span[]): void {
  const proto = CachedKeyRequestSigner.prototype;
  const sign = proto.signHttpRequest;
  proto.signHttpRequest = async function timedSign(this: CachedKeyRequestSigner, ...args: Parameters<typeof sign>) {
    const started = performance.now();
    try {
      return await sign.apply(this, args);
    } finally {
      spans.push([started, performance.now()]);
    }
  };
}

async function ok(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const r = await client.callTool({ name, arguments: args });
  if (r.isError) throw new Error(`${name}: ${JSON.stringify(r.content)}`);
  return r.structuredContent;
}

/**
 * Galley's MCP server in this process, built as main.ts builds it (config
 * from the environment InfraWorld gives its servers), over the in-memory
 * transport, on the world's stores and Resource Manager stand-in.
 */
async function inProcessGalley(world: InfraWorld) {
  const config = loadConfig({
    ...(terraformEnv() as Record<string, string>),
    GALLEY_URL_TOKEN: TEST_TOKEN,
    GALLEY_PORT: '0',
    GALLEY_WORK_COMPARTMENT_ID: WORK_COMPARTMENT,
    GALLEY_COMPARTMENT_ID: GALLEY_COMPARTMENT,
    GALLEY_REGION: 'ap-tokyo-1',
    GALLEY_RESOURCE_MANAGER_ENDPOINT: world.rm.endpoint,
    OCI_CONFIG_FILE: world.credentials.configFile,
  });
  const logger = createLogger('warn');
  const { auth, region, workCompartmentId, resourceManagerEndpoint: endpoint } = config.infra;
  const gatewaySpans: Span[] = [];
  const signingSpans: Span[] = [];
  timeSigning(signingSpans);
  const resourceManager = timedGateway(new SdkResourceManager({ auth, region, workCompartmentId, endpoint }, logger), gatewaySpans);
  const services = createServices(
    { sessions: world.store, artifacts: world.artifacts },
    { infra: { config, logger, options: { resourceManager, terraformWorkDir: world.workDir, pollIntervalMs: 25 } } },
  );
  const [c, srv] = InMemoryTransport.createLinkedPair();
  await new McpServerFactory({ ...services, logger }).create().connect(srv);
  const server = timeServer(srv);
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(c);
  await client.listTools();
  return {
    client,
    server,
    gatewaySpans,
    signingSpans,
    async close() {
      await client.close();
      await services.infra?.close();
    },
  };
}

/** A bare McpServer with one no-op tool, over an in-memory transport, timed the same way. */
async function inProcessBare() {
  const server = new McpServer({ name: 'bare', version: '1.0.0' });
  server.registerTool('noop', { description: 'does nothing', inputSchema: { value: z.string().optional() } }, async () => ({
    content: [{ type: 'text', text: 'ok' }],
  }));
  const [c, srv] = InMemoryTransport.createLinkedPair();
  await server.connect(srv);
  const timing = timeServer(srv);
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(c);
  return { client, server: timing };
}

/** The 30-component architecture through the real hearing, design and exporter; the session's Terraform files. */
async function exportThirty(galley: Awaited<ReturnType<typeof inProcessGalley>>, world: InfraWorld) {
  const { session_id: sessionId } = await ok(galley.client, 'create_session', {});
  await ok(galley.client, 'save_answers_batch', {
    session_id: sessionId,
    answers: Object.entries(FULL_ANSWERS).map(([question_id, value]) => ({ question_id, value })),
  });
  await ok(galley.client, 'complete_hearing', { session_id: sessionId });
  const saved = await ok(galley.client, 'save_architecture', { session_id: sessionId, ...saveArguments(thirtyComponents()) });
  await ok(galley.client, 'export_iac', { session_id: sessionId });
  const files = await readTerraformFiles(world.artifacts, sessionId);
  const text = [...files.values()].join('\n');
  const resources = text.match(/^resource /gm)?.length ?? 0;
  const dataSources = text.match(/^data /gm)?.length ?? 0;
  console.log(`the export: ${saved.architecture.components.length} components -> ${files.size} files, ` +
    `${resources} resources, ${dataSources} data sources, ${text.length} chars`);
  return { sessionId, files };
}

async function benchValidate(files: ReadonlyMap<string, string>): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'galley-bench-tf-'));
  const env = terraformEnv() as Record<string, string>;
  const validator = new TerraformValidator({ workDir, env });
  const steps = stepTimer(workDir, env);
  try {
    const times: number[] = [];
    const split: Record<string, number[]> = { 'init': [], 'validate': [], 'fmt': [], 'validate, warm dir': [], 'fmt, warm dir': [] };
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      const result = await validator.validate('bench', files);
      const took = performance.now() - started;
      if (!result.valid) throw new Error(`the export is invalid: ${JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))}`);
      if (i === 0) {
        console.log(`local validate, first run (the provider installed from the mirror into the cache): ${s(took)}`);
        continue;
      }
      times.push(took);
      // Right after each warm run, under the same load: the same commands one by one.
      const dir = join(workDir, 'steps');
      await mkdir(dir, { recursive: true });
      for (const [name, content] of files) writeFileSync(join(dir, name), content);
      split.init.push(await steps(dir, ['init', '-backend=false', '-get=false', '-input=false', '-json']));
      split.validate.push(await steps(dir, ['validate', '-json', '-no-color']));
      split.fmt.push(await steps(dir, ['fmt', '-no-color']));
      // As a run would cost if the directory and its init were kept between runs.
      split['validate, warm dir'].push(await steps(dir, ['validate', '-json', '-no-color']));
      split['fmt, warm dir'].push(await steps(dir, ['fmt', '-no-color']));
      if (i === runs) {
        // Once, traced: what `terraform validate` does with its time.
        const log = join(workDir, 'validate-trace.log');
        await steps(dir, ['validate', '-json', '-no-color'], { TF_LOG: 'trace', TF_LOG_PATH: log });
        console.log(`  inside one traced validate: ${traceSplit(readFileSync(log, 'utf8'))}`);
      }
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`local validate, warm, ${runs} runs: p50 ${s(median(times))}  max ${s(Math.max(...times))}  (target p50 <= 5 s)`);
    console.log(`  step by step after each warm run, p50: ${Object.entries(split).map(([name, t]) => `${name} ${s(median(t))}`).join(', ')}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Runs one terraform command as TerraformValidator does (its environment, the shared provider cache) and answers its time. */
function stepTimer(workDir: string, env: Record<string, string>) {
  const childEnv = {
    ...terraformChildEnv({ TF_PLUGIN_CACHE_DIR: join(workDir, '.plugin-cache'), ...env }),
    TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: 'true',
  };
  return async (dir: string, args: string[], extraEnv: Record<string, string> = {}) => {
    const started = performance.now();
    const r = await runProcess(['terraform', ...args], { cwd: dir, env: { ...childEnv, ...extraEnv }, timeoutMs: 120_000, maxOutputBytes: 4 * 1024 * 1024 });
    if (r.exitCode !== 0) throw new Error(`terraform ${args[0]} failed: ${r.stderr || r.stdout}`);
    return performance.now() - started;
  };
}

/**
 * From a TF_LOG=trace log of `terraform validate`: the time to start the
 * provider plugin, to fetch and load its schema, and to check the
 * configuration, by the log's own timestamps (the provider is started twice:
 * once to load the schemas, once for the walk).
 */
function traceSplit(trace: string): string {
  const lines = trace.split('\n').map((line) => ({ at: Date.parse(line.slice(0, 24)), line })).filter((l) => !Number.isNaN(l.at));
  const first = lines[0].at;
  const last = lines[lines.length - 1].at;
  const after = (from: number, pattern: RegExp) => lines.findIndex((l, i) => i > from && pattern.test(l.line));
  let starting = 0;
  let schema = 0;
  let plugins = 0;
  let walk = last;
  for (let i = after(-1, /starting plugin:/); i >= 0; i = after(i, /starting plugin:/)) {
    plugins++;
    const using = after(i, /using plugin:/);
    const asked = after(using, /GetProviderSchema/);
    const done = after(asked, /GRPCProvider\.v\d: (Close|ValidateProviderConfig)/);
    if (using < 0 || asked < 0 || done < 0) break;
    starting += lines[using].at - lines[i].at;
    schema += lines[done].at - lines[asked].at;
    if (/ValidateProviderConfig/.test(lines[done].line)) walk = lines[done].at;
  }
  return `${s(last - first)} in all; ${plugins} provider starts ${s(starting)}, their schema fetched and loaded ${s(schema)}, ` +
    `the configuration checked ${s(last - walk)}, the rest ${s(last - first - starting - schema - (last - walk))}`;
}

interface StatusSample { server: number; standIn: number; gateway: number; signing: number }

/** Leaves the plan job held IN_PROGRESS, and answers its id. */
async function benchJobStatus(world: InfraWorld, galley: Awaited<ReturnType<typeof inProcessGalley>>, sessionId: string): Promise<string> {
  // The hot path: a job still running, polled. (A finished job's log is read twice, to be final.)
  world.rm.holdJobs = true;
  const plan = await ok(galley.client, 'run_terraform_plan', { session_id: sessionId });
  if (!plan.job_id) throw new Error(`the plan started no job: ${JSON.stringify(plan)}`);
  while ((await ok(galley.client, 'get_rm_job_status', { session_id: sessionId, job_id: plan.job_id })).state !== 'IN_PROGRESS');
  const args = { session_id: sessionId, job_id: plan.job_id };

  const bare = await inProcessBare();
  const measureBare = async () => {
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + calls; i++) {
      await bare.client.callTool({ name: 'noop', arguments: { value: 'x' } });
      const [a, b] = bare.server.last();
      if (i >= WARM_UP) times.push(b - a);
    }
    return times;
  };
  const measureGalley = async () => {
    const samples: StatusSample[] = [];
    for (let i = 0; i < WARM_UP + calls; i++) {
      const status = await ok(galley.client, 'get_rm_job_status', args);
      if (status.state !== 'IN_PROGRESS') throw new Error(`the job is ${status.state}`);
      const [a, b] = galley.server.last();
      if (i < WARM_UP) continue;
      samples.push({
        server: b - a,
        standIn: unionMs(within(world.rm.spans, a, b)),
        gateway: unionMs(within(galley.gatewaySpans, a, b)),
        signing: unionMs(within(galley.signingSpans, a, b)),
      });
    }
    // Keep the recorders small.
    world.rm.spans.length = 0;
    galley.gatewaySpans.length = 0;
    galley.signingSpans.length = 0;
    return samples;
  };

  // Rounds, the baseline then Galley in each, as the other benches do; the figures are medians over the rounds.
  const perRound: { bare: number[]; galley: StatusSample[] }[] = [];
  for (let round = 0; round < rounds; round++) perRound.push({ bare: await measureBare(), galley: await measureGalley() });
  const over = <T>(pick: (r: (typeof perRound)[number]) => T[], f: (v: T[]) => number) => median(perRound.map((r) => f(pick(r))));
  const bareP50 = over((r) => r.bare, (v) => pct(v, 50));
  const bareP99 = over((r) => r.bare, (v) => pct(v, 99));
  const field = (name: keyof StatusSample | 'beyond' | 'sdk' | 'galley', p: number) => over((r) => r.galley, (v) => pct(v.map((x) =>
    name === 'beyond' ? x.server - x.standIn
      : name === 'sdk' ? x.gateway - x.standIn
        : name === 'galley' ? x.server - x.gateway
          : x[name]), p));
  const ratio = median(perRound.map((r) => pct(r.galley.map((x) => x.server - x.standIn), 50) / pct(r.bare, 50)));

  console.log(`\nget_rm_job_status (job IN_PROGRESS), server time over the in-memory transport; ${rounds} rounds of ${calls} calls ` +
    `(${WARM_UP} warm-up calls each, excluded); medians over the rounds`);
  console.log(`  ${'bare SDK server (noop)'.padEnd(44)} p50 ${ms(bareP50)}  p99 ${ms(bareP99)}`);
  console.log(`  ${'server time'.padEnd(44)} p50 ${ms(field('server', 50))}  p99 ${ms(field('server', 99))}`);
  console.log(`  ${'  the stand-in\'s own'.padEnd(44)} p50 ${ms(field('standIn', 50))}  p99 ${ms(field('standIn', 99))}`);
  console.log(`  ${'  beyond the stand-in'.padEnd(44)} p50 ${ms(field('beyond', 50))}  p99 ${ms(field('beyond', 99))}  (target p50 <= 5 ms)`);
  console.log(`  ${'    of it, the OCI SDK (signing, HTTP, parse)'.padEnd(44)} p50 ${ms(field('sdk', 50))}  p99 ${ms(field('sdk', 99))}`);
  console.log(`  ${'      of that, request signing'.padEnd(44)} p50 ${ms(field('signing', 50))}  p99 ${ms(field('signing', 99))}`);
  console.log(`  ${'    of it, Galley outside the SDK'.padEnd(44)} p50 ${ms(field('galley', 50))}  p99 ${ms(field('galley', 99))}`);
  console.log(`  ${' '.repeat(44)} beyond the stand-in vs bare: p50 ${ratio.toFixed(1)}x (+${ms(field('beyond', 50) - bareP50)})`);
  await bare.client.close();
  return plan.job_id;
}

/** For reference: the whole client round trip over Streamable HTTP, with the official client (what the old bench timed). */
async function benchOverHttp(world: InfraWorld, sessionId: string, jobId: string): Promise<void> {
  const server = await world.server({ GALLEY_LOG_LEVEL: 'warn' });
  const client = await connectClient(server.base, server.token, 'streamable-http');
  try {
    const totals: number[] = [];
    for (let i = 0; i < WARM_UP + calls; i++) {
      const started = performance.now();
      await callOk(client, 'get_rm_job_status', { session_id: sessionId, job_id: jobId });
      if (i >= WARM_UP) totals.push(performance.now() - started);
    }
    console.log(`  client round trip over Streamable HTTP (reference, ${calls} calls): p50 ${ms(pct(totals, 50))}  p99 ${ms(pct(totals, 99))}`);
  } finally {
    await client.close();
  }
}

/**
 * The guard runs on the event loop before every local validate: its time on
 * a file at the 256 KiB limit, for text shaped like the export and for the
 * inputs that once made it rescan (runs of comment lines, blank lines,
 * spaces in a heredoc, unclosed blocks), as ratios to the export-shaped file.
 */
function benchGuard(files: ReadonlyMap<string, string>): void {
  const limit = 256 * 1024;
  const fill = (unit: string) => unit.repeat(Math.floor(limit / unit.length));
  const exportShaped = fill([...files.values()].join('\n'));
  const cases: [string, string][] = [
    ['export-shaped', exportShaped],
    ['# comment lines naming file', fill('# the config file ####\n')],
    ['// comment lines', fill('// the file ////\n')],
    ['a variable, then blank lines', `variable "x" {\n${'\n'.repeat(limit - 20)}}\n`],
    ['an import, then blank lines', `import {\n${'\n'.repeat(limit - 20)}}\n`],
    ['spaces in a heredoc line', `locals {\n  x = <<EOT\nx${' '.repeat(limit - 40)}x\nEOT\n}\n`],
    ['unclosed variable blocks', fill('variable "a" {\n')],
    ['validation rules in strings', fill('variable "x" {\n  description = "validation { var.y"\n}\n')],
    ['file( calls', fill('file(\n')],
  ];
  const times = cases.map(([name, text]) => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      findRefusedConstructs(new Map([['main.tf', text]]));
      samples.push(performance.now() - started);
    }
    return [name, pct(samples, 50)] as const;
  });
  const base = times[0][1];
  console.log('the guard on one 256 KiB file (p50 of 3), against the export-shaped one:');
  for (const [name, took] of times) console.log(`  ${name.padEnd(30)} ${took.toFixed(1).padStart(8)} ms  ${(took / base).toFixed(2)}x`);
  console.log('');
}

async function main(): Promise<void> {
  const only = process.argv.includes('--status-only') ? 'status' : process.argv.includes('--validate-only') ? 'validate' : undefined;
  console.log(`infra benchmark: ${process.platform}/${process.arch}, node ${process.version}\n`);
  const world = new InfraWorld();
  await world.start();
  const galley = await inProcessGalley(world);
  try {
    const { sessionId, files } = await exportThirty(galley, world);
    if (only !== 'status') {
      benchGuard(files);
      await benchValidate(files);
    }
    if (only !== 'validate') {
      const jobId = await benchJobStatus(world, galley, sessionId);
      await benchOverHttp(world, sessionId, jobId);
    }
  } finally {
    await galley.close();
    await world.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
