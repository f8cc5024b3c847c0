/**
 * save_answer against Galley (file store, fsynced writes; Object Storage
 * store against the local stand-in, with no added latency and with 20 ms per
 * request) and, in the same run, a bare MCP SDK server whose only tool does
 * nothing. The servers run as their own processes; the stand-in and the
 * official SDK clients run here.
 *
 * Where /dev/shm exists, the file store runs once more with its data there:
 * fsync on tmpfs reaches no disk, so that line is not a target measurement
 * but shows how much of the file store's cost is the disk's.
 *
 *   npx projen bench [-- --seconds 3 --rounds 5]
 *
 * Each round measures the baseline and then every subject; the figures are
 * the medians over the rounds, and each ratio is the median of the per-round
 * ratios, so a machine that speeds up or slows down mid-run skews nothing.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { standInServerEnv, standInTrusting } from '../test/server/helpers/object-storage-fixture';
import { createOciTestCredentials } from '../test/server/helpers/oci-test-credentials';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return (at >= 0 && Number(process.argv[at + 1])) || fallback;
};
const seconds = option('--seconds', 3);
/** Rounds of every case, interleaved, so a drift of the machine hits baseline and subjects alike. */
const rounds = option('--rounds', 5);
const ROOT = path.resolve(__dirname, '..');
const TOKEN = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');
const TEXT_QUESTIONS = ['project_purpose', 'success_criteria', 'peak_load', 'data_volume', 'timeline', 'additional_notes'];

interface Target {
  name: string;
  url: string;
  /** Runs before each measurement of this target. */
  before?: () => void;
  /** The server's pid, for its CPU time per call. */
  pid?: number;
  /** Prepares one client; returns the call it will repeat. */
  prepare(client: Client): Promise<(i: number) => Promise<unknown>>;
}

/**
 * Starts a server process and reads its port from the line it announces it
 * on. Galley announces on stderr and logs on stdout, which goes nowhere here:
 * reading its request log in this process would bill the clients for work
 * that in production is the container runtime's. (Galley still formats and
 * writes every line.)
 */
async function startProcess(
  args: string[],
  env: Record<string, string>,
  announce: { stream: 'stdout' | 'stderr'; port: RegExp },
): Promise<{ child: ChildProcess; port: number }> {
  const stdio = announce.stream === 'stdout' ? (['ignore', 'pipe', 'inherit'] as const) : (['ignore', 'ignore', 'pipe'] as const);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: [...stdio] });
  const stream = announce.stream === 'stdout' ? child.stdout! : child.stderr!;
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const silent = setTimeout(() => {
      child.kill();
      reject(new Error(`${args.join(' ')} announced no port on ${announce.stream} within 30 s`));
    }, 30_000);
    const onData = (d: Buffer) => {
      out += String(d);
      const m = announce.port.exec(out);
      if (m) {
        clearTimeout(silent);
        stream.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    stream.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(silent);
      reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
  if (announce.stream === 'stderr') stream.pipe(process.stderr);
  else stream.resume();
  return { child, port };
}

interface Result {
  throughput: number;
  p50: number;
  p99: number;
  /** CPU ms per call: the server process, and this process (the clients and the stand-in). */
  serverCpu?: number;
  clientCpu: number;
}

/** utime + stime of a process in ms (Linux), to tell server CPU from client CPU. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

async function measure(target: Target, clients: number): Promise<Result> {
  target.before?.();
  const connected = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new Client({ name: 'bench', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(target.url)));
      return { client, call: await target.prepare(client) };
    }),
  );
  // Warm up connections and JIT before timing.
  await Promise.all(connected.map(async ({ call }) => { for (let i = 0; i < 50; i++) await call(i); }));
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const serverCpuBefore = processCpuMs(target.pid);
  const clientCpuBefore = process.cpuUsage();
  await Promise.all(
    connected.map(async ({ call }) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        await call(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const serverCpuAfter = processCpuMs(target.pid);
  await Promise.all(connected.map(({ client }) => client.close()));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const calls = latencies.length;
  return {
    throughput: calls / elapsed,
    p50: pct(50),
    p99: pct(99),
    serverCpu: serverCpuBefore === undefined ? undefined : (serverCpuAfter! - serverCpuBefore) / calls,
    clientCpu: (clientCpu.user + clientCpu.system) / 1000 / calls,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Each figure's median over the rounds. */
function medianResult(results: Result[]): Result {
  const of = (f: (r: Result) => number | undefined) => {
    const values = results.map(f).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  return {
    throughput: of((r) => r.throughput)!,
    p50: of((r) => r.p50)!,
    p99: of((r) => r.p99)!,
    serverCpu: of((r) => r.serverCpu),
    clientCpu: of((r) => r.clientCpu)!,
  };
}

/** Prepares a client for Galley: one session of its own, then save_answer after save_answer. */
async function saveAnswer(client: Client): Promise<(i: number) => Promise<void>> {
  const created = await client.callTool({ name: 'create_session', arguments: {} });
  const sessionId = (created.structuredContent as { session_id: string }).session_id;
  return async (i: number) => {
    const r = await client.callTool({
      name: 'save_answer',
      arguments: { session_id: sessionId, question_id: TEXT_QUESTIONS[i % TEXT_QUESTIONS.length], value: `answer ${i}` },
    });
    if (r.isError) throw new Error(JSON.stringify(r.content));
  };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-bench-'));
  const memoryDir = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/galley-bench-') : undefined;
  const credentials = createOciTestCredentials();
  const standIn = standInTrusting(credentials, ['bench']);
  await standIn.start();
  const ready = { stream: 'stderr', port: /http:\/\/127\.0\.0\.1:(\d+)\// } as const;
  const startGalley = (env: Record<string, string>) =>
    startProcess(['lib/server/main.js'], { GALLEY_URL_TOKEN: TOKEN, GALLEY_PORT: '0', GALLEY_LOG_LEVEL: 'info', ...env }, ready);
  const galley = await startGalley({ GALLEY_DATA_DIR: dataDir });
  const galleyShm = memoryDir === undefined ? undefined : await startGalley({ GALLEY_DATA_DIR: memoryDir });
  const galleyOs = await startGalley(standInServerEnv(standIn, 'bench', credentials));
  const bare = await startProcess(['-r', 'ts-node/register/transpile-only', 'bench/bare-server.ts'], { TS_NODE_PROJECT: 'test/tsconfig.json' }, {
    stream: 'stdout',
    port: /listening (\d+)/,
  });
  const galleyTarget = (name: string, server: { child: ChildProcess; port: number }, before?: () => void): Target => ({
    name,
    url: `http://127.0.0.1:${server.port}/${TOKEN}/mcp`,
    pid: server.child.pid,
    before,
    prepare: saveAnswer,
  });
  const baseline: Target = {
    name: 'bare SDK server (noop)',
    url: `http://127.0.0.1:${bare.port}/mcp`,
    pid: bare.child.pid,
    prepare: async (client) => (i) => client.callTool({ name: 'noop', arguments: { value: `answer ${i}` } }),
  };
  const subjects: Target[] = [
    galleyTarget('Galley save_answer (file store, fsync)', galley),
    ...(galleyShm === undefined ? [] : [galleyTarget('Galley save_answer (file store on tmpfs)', galleyShm)]),
    galleyTarget('Galley save_answer (object storage, +0 ms)', galleyOs, () => { standIn.latencyMs = 0; }),
    galleyTarget('Galley save_answer (object storage, +20 ms)', galleyOs, () => { standIn.latencyMs = 20; }),
  ];
  const line = (clients: number, name: string, r: Result) =>
    console.log(
      `${String(clients).padStart(2)} client(s)  ${name.padEnd(44)} ${r.throughput.toFixed(0).padStart(6)} calls/s  ` +
        `p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  ` +
        `cpu/call: server ${r.serverCpu?.toFixed(2) ?? '?'} ms, clients ${r.clientCpu.toFixed(2)} ms`,
    );
  try {
    console.log(`save_answer benchmark: ${rounds} rounds of ${seconds}s per case, ${process.platform}/${process.arch}, node ${process.version}\n`);
    for (const clients of [1, 16]) {
      const results = new Map<Target, Result[]>([baseline, ...subjects].map((t) => [t, []]));
      for (let round = 0; round < rounds; round++) {
        for (const target of [baseline, ...subjects]) results.get(target)!.push(await measure(target, clients));
      }
      const base = results.get(baseline)!;
      line(clients, baseline.name, medianResult(base));
      for (const subject of subjects) {
        const r = results.get(subject)!;
        line(clients, subject.name, medianResult(r));
        const ratio = (f: (x: Result, b: Result) => number) => median(r.map((x, i) => f(x, base[i])));
        const gap = ratio((x, b) => x.p50 - b.p50);
        console.log(
          `${' '.repeat(13)}vs bare: throughput ${ratio((x, b) => x.throughput / b.throughput).toFixed(2)}x ` +
            `(rounds: ${r.map((x, i) => (x.throughput / base[i].throughput).toFixed(2)).join(', ')}), ` +
            `p50 ${gap >= 0 ? '+' : ''}${gap.toFixed(2)} ms, p99 ${ratio((x, b) => x.p99 / b.p99).toFixed(2)}x`,
        );
      }
      console.log();
    }
  } finally {
    for (const p of [galley, galleyShm, galleyOs, bare]) p?.child.kill('SIGTERM');
    await standIn.stop();
    for (const dir of [dataDir, memoryDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
