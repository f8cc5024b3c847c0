import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { HearingService } from '../../../src/server/hearing/hearing-service';
import { FileSessionStore } from '../../../src/server/storage/file-session-store';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';
import { bigCatalog } from '../helpers/big-catalog';
import { startInProcess } from '../helpers/in-process-server';
import { capturingLogger } from '../helpers/log-capture';
import { callOk, connectClient } from '../helpers/mcp-client';

const N = 100;
const catalog = bigCatalog(N);

describe('concurrent calls never lose a write', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'galley-conc-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test(`${N} concurrent save_answer calls over HTTP on one session, file store: all ${N} stored`, async () => {
    const store = await FileSessionStore.open(dataDir);
    const server = await startInProcess({ store, catalog, logger: capturingLogger('warn').logger });
    const clients = await Promise.all(Array.from({ length: 8 }, () => connectClient(server.base, server.token, 'streamable-http')));
    const { session_id } = await callOk(clients[0], 'create_session');
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        callOk(clients[i % clients.length], 'save_answer', { session_id, question_id: `q${i}`, value: `answer ${i}` })),
    );
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
    await store.close();

    const reopened = await FileSessionStore.open(dataDir);
    const stored = (await reopened.get(session_id))!.session.answers;
    await reopened.close();
    expect(Object.keys(stored)).toHaveLength(N);
    for (let i = 0; i < N; i++) expect(stored[`q${i}`].value).toBe(`answer ${i}`);
  });

  test.each([
    ['memory', async () => new MemorySessionStore()],
    ['file', async () => FileSessionStore.open(dataDir)],
  ])('two services (as two processes) sharing one %s store: the conditional write and retry keep all %#', async (_kind, open) => {
    const store = await open();
    // Separate services have separate in-process locks: only the store's
    // version check stands between their writers.
    const a = new HearingService({ store, catalog });
    const b = new HearingService({ store, catalog });
    const session = await a.createSession();
    await Promise.all(
      Array.from({ length: N }, (_, i) => (i % 2 ? a : b).saveAnswer(session.id, `q${i}`, `answer ${i}`)),
    );
    const stored = (await store.get(session.id))!;
    expect(Object.keys(stored.session.answers)).toHaveLength(N);
    expect(Number(stored.version)).toBe(N + 1);
    await store.close();
  });
});
