import { sessionObjectName } from '../../../src/server/storage/object-storage-session-store';
import { call, callOk, connectClient } from '../helpers/mcp-client';
import { standInServerEnv, standInTrusting } from '../helpers/object-storage-fixture';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';
import { ServerProcess, startServerProcess } from '../helpers/server-process';

const BUCKET = 'galley-sessions';
const TOKEN = 'sse-drain-token-0123456789abcdef0123456789';
/** main.ts's drain limit. */
const DRAIN_LIMIT_MS = 10_000;

/** Resolves once the process has written `text` to its output. */
function outputContains(server: ServerProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!server.output().includes(text)) return;
      server.child.stdout!.off('data', check);
      resolve();
    };
    server.child.stdout!.on('data', check);
    check();
  });
}

describe('SIGTERM during a tool call on the legacy SSE transport', () => {
  const credentials = createOciTestCredentials();
  const standIn = standInTrusting(credentials, [BUCKET]);
  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());

  test('the client gets its result, the write is stored, and the process exits 0 within the drain limit', async () => {
    const server = await startServerProcess({ ...standInServerEnv(standIn, BUCKET, credentials), GALLEY_URL_TOKEN: TOKEN });
    try {
      const client = await connectClient(server.base, TOKEN, 'sse');
      const { session_id } = await callOk(client, 'create_session');

      // The save's write reaches the bucket and is held there, as a slow backend would hold it.
      const put = standIn.hold('PutObject');
      const saving = call(client, 'save_answer', { session_id, question_id: 'project_purpose', value: 'kept through SIGTERM' });
      await put.arrived;
      // The POST was answered 202 long ago; only the stream is open.
      const signalled = Date.now();
      const exited = server.stop('SIGTERM');
      await outputContains(server, '"msg":"draining"');
      put.release();

      const result = await saving;
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ question_id: 'project_purpose', value: 'kept through SIGTERM' });
      expect(await exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(DRAIN_LIMIT_MS);
      const stored = JSON.parse(standIn.objectText(BUCKET, sessionObjectName(session_id))!);
      expect(stored.answers.project_purpose.value).toBe('kept through SIGTERM');
      expect(server.stdout()).toContain('waiting for SSE calls in flight');
    } finally {
      await server.stop('SIGKILL');
    }
  });
});
