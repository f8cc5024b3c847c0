/**
 * The design layer on a 30-component architecture, against a bare MCP SDK
 * server measured in the same run:
 *
 * - server time: the tool call through Galley's own MCP server over an
 *   in-memory transport (no HTTP, no client in the way), on the file store
 *   with fsync, against a bare McpServer's no-op tool the same way;
 * - over HTTP: the compiled server process against bench/bare-server.ts,
 *   a fresh official SDK client per measurement;
 * - for validate_architecture and export_all without Terraform (Markdown
 *   and Mermaid, stored through the file store);
 * - `terraform init` and `terraform validate` of the exported Terraform,
 *   against the oracle/oci provider Terraform finds (run
 *   `eval "$(../shared/terraform/install-mirror)"` first where there is no network).
 *
 *   npx projen bench:design [-- --seconds 3 --rounds 5]
 *
 * Each round measures the baseline and then each subject; figures are medians
 * over the rounds, ratios medians of the per-round ratios.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { createLogger } from '../src/server/logger';
import { McpServerFactory } from '../src/server/mcp/build-server';
import { createServices } from '../src/server/services';
import { createStorage } from '../src/server/storage/create-session-store';
import { saveArguments, thirtyComponents } from '../test/server/design/sample-architectures';
import { FULL_ANSWERS } from '../test/server/helpers/answers';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return (at >= 0 && Number(process.argv[at + 1])) || fallback;
};
const seconds = option('--seconds', 3);
const rounds = option('--rounds', 5);
const ROOT = path.resolve(__dirname, '..');
const TOKEN = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');

interface Result { p50: number; p99: number; calls: number; serverCpu?: number }

async function startProcess(args: string[], env: Record<string, string>, announce: { stream: 'stdout' | 'stderr'; port: RegExp }) {
  const stdio = announce.stream === 'stdout' ? (['ignore', 'pipe', 'inherit'] as const) : (['ignore', 'ignore', 'pipe'] as const);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: [...stdio] });
  const stream = announce.stream === 'stdout' ? child.stdout! : child.stderr!;
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const silent = setTimeout(() => reject(new Error(`${args.join(' ')} announced no port within 30 s`)), 30_000);
    stream.on('data', (d: Buffer) => {
      out += String(d);
      const m = announce.port.exec(out);
      if (m) {
        clearTimeout(silent);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { child, port };
}

function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

/** One client, calls in sequence for `seconds`, after a warm-up. */
async function measure(call: () => Promise<unknown>, pid?: number): Promise<Result> {
  for (let i = 0; i < 30; i++) await call();
  return timed(call, pid);
}

async function timed(call: () => Promise<unknown>, pid?: number): Promise<Result> {
  const latencies: number[] = [];
  const cpuBefore = processCpuMs(pid);
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    await call();
    latencies.push(performance.now() - t);
  }
  const cpuAfter = processCpuMs(pid);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return {
    p50: pct(50),
    p99: pct(99),
    calls: latencies.length,
    serverCpu: cpuBefore === undefined ? undefined : (cpuAfter! - cpuBefore) / latencies.length,
  };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

async function ok(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const r = await client.callTool({ name, arguments: args });
  if (r.isError) throw new Error(`${name}: ${JSON.stringify(r.content)}`);
  return r.structuredContent;
}

function run(command: string, args: string[], cwd: string): { ms: number; ok: boolean; output: string } {
  const t = performance.now();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1' } });
  return { ms: performance.now() - t, ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

let bareP50 = Number.NaN;

/** Runs the baseline and each subject once per round, interleaved. */
async function compare(baseline: () => Promise<Result>, subjects: Record<string, () => Promise<Result>>) {
  const base: Result[] = [];
  const results = new Map<string, Result[]>(Object.keys(subjects).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    base.push(await baseline());
    for (const [name, subject] of Object.entries(subjects)) results.get(name)!.push(await subject());
  }
  return { base, results };
}

function report(title: string, { base, results }: Awaited<ReturnType<typeof compare>>) {
  const fmt = (r: Result[]) => `p50 ${median(r.map((x) => x.p50)).toFixed(2)} ms  p99 ${median(r.map((x) => x.p99)).toFixed(2)} ms` +
    (r[0].serverCpu === undefined ? '' : `  server cpu/call ${median(r.map((x) => x.serverCpu!)).toFixed(2)} ms`);
  console.log(title);
  console.log(`  ${'bare SDK server (noop)'.padEnd(30)} ${fmt(base)}`);
  // The terraform figures are set against the last baseline: the bare server over HTTP.
  bareP50 = median(base.map((b) => b.p50));
  for (const [name, r] of results) {
    const gap = median(r.map((x, i) => x.p50 - base[i].p50));
    const ratio = median(r.map((x, i) => x.p50 / base[i].p50));
    console.log(`  ${name.padEnd(30)} ${fmt(r)}`);
    console.log(`  ${' '.repeat(31)}vs bare: p50 ${ratio.toFixed(2)}x (${gap >= 0 ? '+' : ''}${gap.toFixed(2)} ms)`);
  }
  console.log();
}

/** Galley's own MCP server, in this process, over an in-memory transport, on a file store: a completed session with the 30 components. */
async function inProcessGalley() {
  const dir = mkdtempSync(path.join(tmpdir(), 'galley-design-bench-inproc-'));
  const storage = await createStorage({ kind: 'file', dataDir: dir });
  const factory = new McpServerFactory({ ...createServices(storage), logger: createLogger('warn') });
  const [c, s] = InMemoryTransport.createLinkedPair();
  await factory.create().connect(s);
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(c);
  await client.listTools();
  const { session_id: sessionId } = await ok(client, 'create_session', {});
  await ok(client, 'save_answers_batch', { session_id: sessionId, answers: Object.entries(FULL_ANSWERS).map(([question_id, value]) => ({ question_id, value })) });
  await ok(client, 'complete_hearing', { session_id: sessionId });
  await ok(client, 'save_architecture', { session_id: sessionId, ...saveArguments(thirtyComponents()) });
  return {
    client,
    sessionId,
    async close() {
      await client.close();
      await storage.sessions.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A bare McpServer with one no-op tool, over an in-memory transport. */
async function inProcessBare(): Promise<Client> {
  const server = new McpServer({ name: 'bare', version: '1.0.0' });
  server.registerTool('noop', { description: 'does nothing', inputSchema: { value: z.string().optional() } }, async () => ({
    content: [{ type: 'text', text: 'ok' }],
  }));
  const [c, s] = InMemoryTransport.createLinkedPair();
  await server.connect(s);
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(c);
  return client;
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-design-bench-'));
  const galley = await startProcess(['lib/server/main.js'], {
    GALLEY_URL_TOKEN: TOKEN, GALLEY_PORT: '0', GALLEY_DATA_DIR: dataDir, GALLEY_LOG_LEVEL: 'info',
  }, { stream: 'stderr', port: /http:\/\/127\.0\.0\.1:(\d+)\// });
  const bare = await startProcess(['-r', 'ts-node/register/transpile-only', 'bench/bare-server.ts'], { TS_NODE_PROJECT: 'test/tsconfig.json' }, {
    stream: 'stdout', port: /listening (\d+)/,
  });
  const tfDir = mkdtempSync(path.join(tmpdir(), 'galley-design-tf-'));
  try {
    const client = await connect(`http://127.0.0.1:${galley.port}/${TOKEN}/mcp`);
    const { session_id } = await ok(client, 'create_session', {});
    await ok(client, 'save_answers_batch', { session_id, answers: Object.entries(FULL_ANSWERS).map(([question_id, value]) => ({ question_id, value })) });
    await ok(client, 'complete_hearing', { session_id });
    const saved = await ok(client, 'save_architecture', { session_id, ...saveArguments(thirtyComponents()) });
    const validation = await ok(client, 'validate_architecture', { session_id });
    console.log(`design benchmark: ${saved.architecture.components.length} components, ${saved.architecture.connections.length} connections, ` +
      `${validation.findings.length} findings; ${rounds} rounds of ${seconds}s per case, ${process.platform}/${process.arch}, node ${process.version}\n`);

    // Server time: Galley's MCP server in this process, over an in-memory transport, on its own file store.
    const inProcess = await inProcessGalley();
    const bareInProcess = await inProcessBare();
    const serverCases: Record<string, () => Promise<unknown>> = {
      'validate_architecture': () => ok(inProcess.client, 'validate_architecture', { session_id: inProcess.sessionId }),
      'export_all without Terraform': () => ok(inProcess.client, 'export_all', { session_id: inProcess.sessionId, include_terraform: false }),
    };
    report('server time (in-memory transport)', await compare(
      () => measure(() => bareInProcess.callTool({ name: 'noop', arguments: { value: 'x' } })),
      Object.fromEntries(Object.entries(serverCases).map(([name, call]) => [name, () => measure(call)])),
    ));

    // Over HTTP, a fresh client per measurement (the SDK client accumulates abort listeners over thousands of calls).
    const galleyUrl = `http://127.0.0.1:${galley.port}/${TOKEN}/mcp`;
    const overHttp = (name: string, args: Record<string, unknown>) => async () => {
      const c = await connect(galleyUrl);
      try {
        return await measure(() => ok(c, name, args), galley.child.pid);
      } finally {
        await c.close();
      }
    };
    report('over HTTP (server processes)', await compare(
      async () => {
        const c = await connect(`http://127.0.0.1:${bare.port}/mcp`);
        try {
          return await measure(() => c.callTool({ name: 'noop', arguments: { value: 'x' } }), bare.child.pid);
        } finally {
          await c.close();
        }
      },
      {
        'validate_architecture': overHttp('validate_architecture', { session_id }),
        'export_all without Terraform': overHttp('export_all', { session_id, include_terraform: false }),
      },
    ));
    await inProcess.close();

    // Terraform: export it all, then init and validate what was stored.
    const exported = await client.callTool({ name: 'export_iac', arguments: { session_id } });
    if (exported.isError) {
      console.log(`\nterraform: export_iac failed: ${JSON.stringify(exported.content)}`);
    } else {
      for (const f of (exported.structuredContent as any).files as { path: string; uri: string }[]) {
        const { contents } = await client.readResource({ uri: f.uri });
        writeFileSync(path.join(tfDir, path.basename(f.path)), (contents[0] as { text: string }).text);
      }
      const init = run('terraform', ['init', '-backend=false', '-input=false', '-no-color'], tfDir);
      const validate = init.ok ? run('terraform', ['validate', '-no-color'], tfDir) : undefined;
      const validate2 = validate?.ok ? run('terraform', ['validate', '-no-color'], tfDir) : undefined;
      const baseline = bareP50;
      console.log(`\nterraform init: ${init.ok ? 'ok' : 'FAILED'} in ${init.ms.toFixed(0)} ms`);
      if (!init.ok) console.log(init.output);
      if (validate) {
        console.log(`terraform validate: ${validate.ok ? 'ok' : 'FAILED'} in ${validate.ms.toFixed(0)} ms (again: ${validate2?.ms.toFixed(0) ?? '-'} ms); ` +
          `${(validate.ms / baseline).toFixed(0)}x the bare p50`);
        if (!validate.ok) console.log(validate.output);
      }
    }
    await client.close();
  } finally {
    for (const p of [galley, bare]) p.child.kill('SIGTERM');
    for (const d of [dataDir, tfDir]) rmSync(d, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
