import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileSessionStore } from '../../../src/server/storage/file-session-store';
import { HearingSession, VersionConflictError } from '../../../src/server/storage/session-store';

const ID = '6f1c1d3e-8a4b-4c2d-9e0f-123456789abc';
const session = (answers: Record<string, string> = {}): HearingSession => ({
  id: ID,
  status: 'in_progress',
  locale: 'en',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, { value: v, answered_at: 'now' }])),
});

describe('FileSessionStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'galley-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('create only if absent, put only at the expected version', async () => {
    const store = await FileSessionStore.open(dir);
    expect(await store.get(ID)).toBeUndefined();
    const v1 = await store.create(session());
    await expect(store.create(session())).rejects.toBeInstanceOf(VersionConflictError);
    const v2 = await store.put(session({ a: '1' }), v1.version);
    await expect(store.put(session({ b: '2' }), v1.version)).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.get(ID))!).toEqual({ session: session({ a: '1' }), version: v2.version });
    await store.close();
  });

  test('ids that are not UUIDs never become paths', async () => {
    const store = await FileSessionStore.open(dir);
    for (const bad of ['../../etc/passwd', 'a/b', '', 'ABCDEF00-0000-4000-8000-00000000CAFE']) {
      await expect(store.get(bad)).rejects.toMatchObject({ kind: 'invalid_arguments' });
    }
    await store.close();
  });

  test('temp files a crash left behind are cleared on open and never read', async () => {
    const store = await FileSessionStore.open(dir);
    await store.create(session({ a: '1' }));
    writeFileSync(path.join(dir, 'sessions', `${ID}.json.deadbeef.tmp`), '{"version": 9, "sess');
    await store.close();
    await (await FileSessionStore.open(dir)).close();
    expect(readdirSync(path.join(dir, 'sessions'))).toEqual([`${ID}.json`]);
  });

  test('a process killed mid-write leaves every session readable', async () => {
    // A writer that rewrites 20 sessions with growing documents as fast as it can.
    const writer = `
      const { FileSessionStore } = require(${JSON.stringify(path.resolve(__dirname, '../../../lib/server/storage/file-session-store.js'))});
      const { randomUUID } = require('node:crypto');
      (async () => {
        const store = await FileSessionStore.open(process.argv[1]);
        const ids = Array.from({ length: 20 }, () => randomUUID());
        const versions = {};
        const doc = (id, n) => ({ id, status: 'in_progress', locale: 'en', created_at: 'x', updated_at: 'x',
          answers: Object.fromEntries(Array.from({ length: n }, (_, i) => ['q' + i, { value: 'v'.repeat(500), answered_at: 'x' }])) });
        for (const id of ids) versions[id] = (await store.create(doc(id, 0))).version;
        process.stdout.write('ready\\n');
        for (let n = 1; ; n++) {
          await Promise.all(ids.map(async (id) => { versions[id] = (await store.put(doc(id, n % 200), versions[id])).version; }));
        }
      })();`;
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, ['-e', writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('ready') && resolve()));
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      const files = readdirSync(path.join(dir, 'sessions')).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThanOrEqual(20);
      for (const f of files) {
        const doc = JSON.parse(readFileSync(path.join(dir, 'sessions', f), 'utf8'));
        expect(doc.session.id).toBe(f.replace(/\.json$/, ''));
      }
      const store = await FileSessionStore.open(dir);
      for (const f of files) expect(await store.get(f.replace(/\.json$/, ''))).toBeDefined();
      await store.close();
    }
  });
});
