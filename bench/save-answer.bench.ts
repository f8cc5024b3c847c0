/**
 * save_answer against Galley (file store, fsynced writes) and, in the same
 * run, a bare MCP SDK server whose only tool does nothing. Both servers run
 * as their own processes; the official SDK clients drive them from here.
 *
 *   npx projen bench [-- --seconds 5]
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 5;
const ROOT = path.resolve(__dirname, '..');
const TOKEN = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');
const TEXT_QUESTIONS = ['project_purpose', 'success_criteria', 'peak_load', 'data_volume', 'timeline', 'additional_notes'];

interface Target {
  name: string;
  url: string;
  /** Prepares one client; returns the call it will repeat. */
  prepare(client: Client): Promise<(i: number) => Promise<unknown>>;
}

async function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = ready.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  child.stdout!.resume();
  return { child, port };
}

async function measure(target: Target, clients: number): Promise<{ throughput: number; p50: number; p99: number }> {
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
  await Promise.all(connected.map(({ client }) => client.close()));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { throughput: latencies.length / elapsed, p50: pct(50), p99: pct(99) };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-bench-'));
  const galley = await startProcess(
    ['lib/server/main.js'],
    { GALLEY_URL_TOKEN: TOKEN, GALLEY_PORT: '0', GALLEY_DATA_DIR: dataDir, GALLEY_LOG_LEVEL: 'info' },
    /"port":(\d+)/,
  );
  const bare = await startProcess(['-r', 'ts-node/register/transpile-only', 'bench/bare-server.ts'], { TS_NODE_PROJECT: 'test/tsconfig.json' }, /listening (\d+)/);
  const targets: Target[] = [
    {
      name: 'bare SDK server (noop)',
      url: `http://127.0.0.1:${bare.port}/mcp`,
      prepare: async (client) => (i) => client.callTool({ name: 'noop', arguments: { value: `answer ${i}` } }),
    },
    {
      name: 'Galley save_answer (file store, fsync)',
      url: `http://127.0.0.1:${galley.port}/${TOKEN}/mcp`,
      prepare: async (client) => {
        const created = await client.callTool({ name: 'create_session', arguments: {} });
        const sessionId = (created.structuredContent as { session_id: string }).session_id;
        return async (i) => {
          const r = await client.callTool({
            name: 'save_answer',
            arguments: { session_id: sessionId, question_id: TEXT_QUESTIONS[i % TEXT_QUESTIONS.length], value: `answer ${i}` },
          });
          if (r.isError) throw new Error(JSON.stringify(r.content));
        };
      },
    },
  ];
  try {
    console.log(`save_answer benchmark: ${seconds}s per case, ${process.platform}/${process.arch}, node ${process.version}\n`);
    for (const clients of [1, 16]) {
      const [base, subject] = [await measure(targets[0], clients), await measure(targets[1], clients)];
      for (const [t, r] of [[targets[0], base], [targets[1], subject]] as const) {
        console.log(`${String(clients).padStart(2)} client(s)  ${t.name.padEnd(40)} ${r.throughput.toFixed(0).padStart(6)} calls/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`);
      }
      console.log(
        `${String(clients).padStart(2)} client(s)  Galley / bare: throughput ${(subject.throughput / base.throughput).toFixed(2)}x, ` +
          `p50 ${(subject.p50 - base.p50 >= 0 ? '+' : '')}${(subject.p50 - base.p50).toFixed(2)} ms (${(subject.p50 / base.p50).toFixed(2)}x), ` +
          `p99 ${(subject.p99 / base.p99).toFixed(2)}x\n`,
      );
    }
  } finally {
    galley.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
