import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ObjectStorageSessionStore, sessionObjectName } from '../../../src/server/storage/object-storage-session-store';
import { bigCatalog } from '../helpers/big-catalog';
import { RunningServer, startInProcess } from '../helpers/in-process-server';
import { capturingLogger } from '../helpers/log-capture';
import { call, callError, callOk, connectClient, runHearing } from '../helpers/mcp-client';
import { standInLocation, standInServerEnv, standInTrusting } from '../helpers/object-storage-fixture';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';
import { startServerProcess } from '../helpers/server-process';

const ROOT = path.resolve(__dirname, '../../..');
const BUCKET = 'galley-sessions';
const N = 100;
const catalog = bigCatalog(N);
const credentials = createOciTestCredentials();

describe('the hearing on the Object Storage store', () => {
  const standIn = standInTrusting(credentials, [BUCKET]);
  const running: Array<{ close(): Promise<void> }> = [];

  const env = () => standInServerEnv(standIn, BUCKET, credentials);
  const store = (options: ConstructorParameters<typeof ObjectStorageSessionStore>[1] = {}) => new ObjectStorageSessionStore(
    standInLocation(standIn, BUCKET, credentials),
    { baseDelayMs: 10, maxDelayMs: 50, timeoutMs: 2_000, ...options },
  );
  const inProcess = async (options: ConstructorParameters<typeof ObjectStorageSessionStore>[1] = {}): Promise<RunningServer> => {
    const s = store(options);
    const server = await startInProcess({ store: s, catalog, logger: capturingLogger('error').logger });
    running.push({ close: async () => { await server.close(); await s.close(); } });
    return server;
  };

  /** N concurrent save_answer calls, one per question, spread over the clients; then all N must be in the bucket. */
  const saveAllConcurrently = async (clients: Client[]) => {
    const { session_id } = await callOk(clients[0], 'create_session');
    standIn.resetCounts();
    await Promise.all(Array.from({ length: N }, (_, i) =>
      callOk(clients[i % clients.length], 'save_answer', { session_id, question_id: `q${i}`, value: `answer ${i}` })));
    await Promise.all(clients.map((c) => c.close()));
    const stored = JSON.parse(standIn.objectText(BUCKET, sessionObjectName(session_id))!).answers;
    expect(Object.keys(stored)).toHaveLength(N);
    for (let i = 0; i < N; i++) expect(stored[`q${i}`].value).toBe(`answer ${i}`);
  };

  beforeAll(() => standIn.start());
  afterEach(async () => {
    standIn.faultRate = 0;
    standIn.latencyMs = 0;
    await Promise.all(running.splice(0).map((r) => r.close()));
  });
  afterAll(() => standIn.stop());

  test('a whole hearing through a server process, and a second process reads the result', async () => {
    const token = 'object-storage-process-token-0123456789';
    const first = await startServerProcess({ ...env(), GALLEY_URL_TOKEN: token });
    let sessionId: string;
    let outcome: Record<string, any>;
    try {
      const client = await connectClient(first.base, token, 'streamable-http');
      ({ sessionId, outcome } = await runHearing(client));
      await client.close();
    } finally {
      await first.stop();
    }
    expect(standIn.objectNames(BUCKET)).toContain(sessionObjectName(sessionId));

    const second = await startServerProcess({ ...env(), GALLEY_URL_TOKEN: 'second-process-token-0123456789abcdef' });
    try {
      const client = await connectClient(second.base, 'second-process-token-0123456789abcdef', 'sse');
      expect(await callOk(client, 'get_hearing_result', { session_id: sessionId })).toEqual(outcome);
      // An unknown session is a 404 from the bucket, which the OCI SDK reports with console.warn.
      expect(await callError(client, 'get_hearing_result', { session_id: '00000000-0000-4000-8000-000000000000' }))
        .toMatchObject({ error: 'session_not_found' });
      await client.close();
    } finally {
      await second.stop();
    }
    // Everything on stdout is a JSON log line: no library's free text slips in.
    for (const line of second.stdout().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    expect(second.output()).not.toMatch(/Request cannot be retried/);
  });

  test(`${N} concurrent save_answer calls on one session: all ${N} stored, 1 request each`, async () => {
    const server = await inProcess();
    await saveAllConcurrently(await Promise.all(Array.from({ length: 8 }, () => connectClient(server.base, server.token, 'streamable-http'))));
    // One process serialises its writers to a session and starts each from the version it wrote last:
    // one conditional write per call, no read.
    const perCall = (standIn.count('GetObject') + standIn.count('PutObject')) / N;
    console.log(`object storage requests per save_answer (steady state): ${perCall}`);
    expect(perCall).toBeLessThanOrEqual(1);
  });

  test(`${N} concurrent save_answer calls spread over two server processes sharing the bucket: all ${N} stored`, async () => {
    // Two processes, each with its own store and its own in-process lock: only
    // the bucket's ETags stand between their writers.
    const token = 'two-process-token-0123456789abcdef0123';
    const processes = await Promise.all([0, 1].map(() => startServerProcess(
      { ...env(), GALLEY_URL_TOKEN: token, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
      { entry: path.join(__dirname, '..', 'helpers', 'big-catalog-server.ts'), nodeArgs: ['-r', 'ts-node/register'], cwd: ROOT },
    )));
    running.push(...processes.map((p) => ({ close: async () => { await p.stop(); } })));
    await saveAllConcurrently(await Promise.all(Array.from({ length: 8 }, (_, i) => connectClient(processes[i % 2].base, token, 'streamable-http'))));
  });

  test('through bursts of 429, 503 and cut connections, every call is applied exactly once or fails with the structured error', async () => {
    const server = await inProcess({ maxAttempts: 3 });
    const client = await connectClient(server.base, server.token, 'streamable-http');
    const { session_id } = await callOk(client, 'create_session');
    standIn.randomFaults = [
      { kind: 'status', status: 429 }, { kind: 'status', status: 503 }, { kind: 'drop-before' }, { kind: 'drop-after' },
    ];
    // Half the requests fail: enough that some calls exhaust their retries.
    standIn.faultRate = 0.5;
    const outcomes = await Promise.all(Array.from({ length: 60 }, async (_, i) => {
      const result = await call(client, 'save_answer', { session_id, question_id: `q${i}`, value: `v${i}` });
      return { i, ok: !result.isError, body: result.isError ? JSON.parse((result.content as any)[0].text) : undefined };
    }));
    standIn.faultRate = 0;
    await client.close();

    const stored = JSON.parse(standIn.objectText(BUCKET, sessionObjectName(session_id))!).answers;
    const failed = outcomes.filter((o) => !o.ok);
    for (const f of failed) expect(f.body).toEqual({ error: 'storage_unavailable', message: expect.any(String) });
    for (const o of outcomes.filter((x) => x.ok)) expect(stored[`q${o.i}`]).toEqual({ value: `v${o.i}`, answered_at: expect.any(String) });
    // Nothing appears that no call asked for, and no answer is stored twice (one key per question).
    expect(Object.keys(stored).every((k) => outcomes.some((o) => `q${o.i}` === k))).toBe(true);
    console.log(`fault burst: ${outcomes.length - failed.length} applied, ${failed.length} storage_unavailable`);
    expect(failed.length).toBeGreaterThan(0);
    expect(outcomes.length - failed.length).toBeGreaterThan(0);
  });

  test('with the stand-in down: storage_unavailable, /health stays up, and the same process recovers', async () => {
    const server = await inProcess({ maxAttempts: 2, timeoutMs: 500 });
    const client = await connectClient(server.base, server.token, 'streamable-http');
    const { session_id } = await callOk(client, 'create_session');
    await standIn.stop();
    try {
      expect(await callError(client, 'save_answer', { session_id, question_id: 'q1', value: 'while down' }))
        .toEqual({ error: 'storage_unavailable', message: expect.any(String) });
      expect(await callError(client, 'create_session', {})).toEqual({ error: 'storage_unavailable', message: expect.any(String) });
      expect((await fetch(`${server.base}/health`)).status).toBe(200);
    } finally {
      await standIn.start();
    }
    expect(await callOk(client, 'save_answer', { session_id, question_id: 'q1', value: 'after' })).toMatchObject({ value: 'after' });
    await client.close();
  });

  test('a server started before its bucket is reachable answers storage_unavailable, then recovers without a restart', async () => {
    const late = standInTrusting(credentials, []);
    await late.start();
    try {
      const s = new ObjectStorageSessionStore(standInLocation(late, BUCKET, credentials, { namespace: undefined }), { maxAttempts: 1 });
      const server = await startInProcess({ store: s, catalog, logger: capturingLogger('error').logger });
      running.push({ close: async () => { await server.close(); await s.close(); } });
      const client = await connectClient(server.base, server.token, 'streamable-http');
      // As when the policy has not propagated: Object Storage says the bucket is not there.
      expect(await callError(client, 'create_session', {})).toEqual({ error: 'storage_unavailable', message: expect.any(String) });
      late.addBucket(BUCKET);
      const { session_id } = await callOk(client, 'create_session');
      expect(late.objectNames(BUCKET)).toEqual([sessionObjectName(session_id)]);
      await client.close();
    } finally {
      await late.stop();
    }
  });
});
