import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REQUIRED_IDS } from '../helpers/answers';
import { TransportKind, callOk, connectClient, runHearing } from '../helpers/mcp-client';
import { ServerProcess, startServerProcess } from '../helpers/server-process';

// A real token shape, made per run: the tests prove it never reaches output.
const TOKEN = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');

describe.each<TransportKind>(['streamable-http', 'sse'])('a whole hearing over %s', (kind) => {
  let dataDir: string;
  const processes: ServerProcess[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'galley-e2e-'));
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const p = await startServerProcess({ GALLEY_URL_TOKEN: TOKEN, GALLEY_DATA_DIR: dataDir, GALLEY_LOG_LEVEL: 'debug' });
    processes.push(p);
    return p;
  };

  test('completes, survives a restart on the same data directory, and never logs the token', async () => {
    const first = await start();
    const client = await connectClient(first.base, TOKEN, kind);
    const { sessionId, outcome } = await runHearing(client);

    expect(outcome.session_id).toBe(sessionId);
    expect(outcome.summary).toContain('# Hearing summary');
    expect(outcome.summary).toContain('Move the order management system');
    const mustCategories = new Set(outcome.requirements.filter((r: any) => r.priority === 'must').map((r: any) => r.category));
    expect([...mustCategories].sort()).toEqual(['availability', 'business', 'database', 'network', 'scale', 'security', 'workload']);
    expect(outcome.requirements).toContainEqual({ category: 'availability', description: 'What disaster recovery is needed? Across regions', priority: 'should' });
    expect(outcome.constraints.map((c: any) => c.category).sort()).toEqual(['budget', 'schedule']);
    await client.close();

    // SIGTERM drains and exits cleanly.
    const code = await first.stop('SIGTERM');
    if (code !== 0) console.log(first.output());
    expect(code).toBe(0);

    const second = await start();
    const again = await connectClient(second.base, TOKEN, kind);
    const reread = await callOk(again, 'get_hearing_result', { session_id: sessionId });
    expect(reread).toEqual(outcome);
    await again.close();
    await second.stop();

    for (const p of [first, second]) {
      expect(p.output()).toContain('"msg":"request"');
      expect(p.output()).not.toContain(TOKEN);
    }
  });

  test('the flow and catalog cover every required question', async () => {
    const p = await start();
    const client = await connectClient(p.base, TOKEN, kind);
    const { questions } = await callOk(client, 'get_hearing_questions', { locale: 'ja' });
    const { phases } = await callOk(client, 'get_hearing_flow', {});
    expect(questions.filter((q: any) => q.required).map((q: any) => q.id).sort()).toEqual([...REQUIRED_IDS].sort());
    expect(phases.flatMap((ph: any) => ph.question_ids).sort()).toEqual(questions.map((q: any) => q.id).sort());
    await client.close();
    await p.stop();
  });
});
