import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LOCK_FILE } from '../../../src/server/storage/data-dir-lock';
import { callError, callOk, connectClient } from '../helpers/mcp-client';
import { startServerProcess } from '../helpers/server-process';

const TOKEN = 'data-dir-lock-token-0123456789abcdef0123';

describe('one server process per data directory', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'galley-lock-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('a second process on the same directory refuses to start; after kill -9 a restart takes over', async () => {
    const env = { GALLEY_DATA_DIR: dataDir, GALLEY_URL_TOKEN: TOKEN };
    const first = await startServerProcess(env);
    let sessionId: string;
    try {
      const client = await connectClient(first.base, TOKEN, 'streamable-http');
      sessionId = (await callOk(client, 'create_session')).session_id;
      await callOk(client, 'save_answer', { session_id: sessionId, question_id: 'project_purpose', value: 'from the first process' });
      await client.close();

      await expect(startServerProcess(env)).rejects.toThrow(new RegExp(
        'exited with 1 before listening:[\\s\\S]*galley: failed to start: the data directory ' +
        `${path.resolve(dataDir).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is in use by another Galley process \\(pid ${first.child.pid}\\)`,
      ));
    } finally {
      // A crash: nothing gets to remove the lock.
      await first.stop('SIGKILL');
    }
    const lock = path.join(dataDir, LOCK_FILE);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(first.child.pid);

    const restarted = await startServerProcess(env);
    const client = await connectClient(restarted.base, TOKEN, 'streamable-http');
    // The restart found the session (not completed yet, so this refusal rather than session_not_found).
    expect(await callError(client, 'get_hearing_result', { session_id: sessionId })).toMatchObject({ error: 'hearing_not_completed' });
    await client.close();
    expect(await restarted.stop('SIGTERM')).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});
