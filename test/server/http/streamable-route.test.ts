import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { RunningServer, TEST_TOKEN, startInProcess } from '../helpers/in-process-server';
import { INITIALIZE_REQUEST, MCP_POST_HEADERS } from '../helpers/raw-mcp';

const PING = { jsonrpc: '2.0', id: 2, method: 'ping' };

describe('Streamable HTTP POST rules', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startInProcess();
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (body: unknown, headers: Record<string, string> = MCP_POST_HEADERS) =>
    fetch(`${server.base}/${TEST_TOKEN}/mcp`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

  // The answers of the SDK's own transport in stateless JSON mode.
  test.each([
    ['no event-stream in Accept', PING, { ...MCP_POST_HEADERS, Accept: 'application/json' }, 406, -32000, 'Not Acceptable'],
    ['a non-JSON Content-Type', PING, { ...MCP_POST_HEADERS, 'Content-Type': 'text/plain; a=application/json' }, 415, -32000, 'Unsupported Media Type'],
    ['not a JSON-RPC message', { hello: 'world' }, MCP_POST_HEADERS, 400, -32700, 'Invalid JSON-RPC message'],
    ['initialize batched with another message', [INITIALIZE_REQUEST, PING], MCP_POST_HEADERS, 400, -32600, 'Only one initialization request'],
    ['an unsupported protocol version', PING, { ...MCP_POST_HEADERS, 'Mcp-Protocol-Version': '1999-01-01' }, 400, -32000, 'Unsupported protocol version'],
    ['a batch over 100 messages', Array.from({ length: 101 }, (_, i) => ({ ...PING, id: i })), MCP_POST_HEADERS, 400, -32600, 'must not exceed 100'],
  ])('%s is refused', async (_what, body, headers, status, code, message) => {
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    const answer = (await res.json()) as any;
    expect(answer).toMatchObject({ jsonrpc: '2.0', id: null, error: { code } });
    expect(answer.error.message).toContain(message);
  });

  test('every supported protocol version is accepted', async () => {
    for (const version of SUPPORTED_PROTOCOL_VERSIONS) {
      const res = await post(PING, { ...MCP_POST_HEADERS, 'Mcp-Protocol-Version': version });
      expect(res.status).toBe(200);
    }
  });

  test('notifications alone are 202 with no body', async () => {
    const res = await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect(res.headers.get('content-type')).toBeNull();
  });

  test('a batch is answered with an array, in order, under the ids it used', async () => {
    const res = await post([{ ...PING, id: 'b' }, { jsonrpc: '2.0', method: 'notifications/initialized' }, { ...PING, id: 9 }]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { jsonrpc: '2.0', id: 'b', result: {} },
      { jsonrpc: '2.0', id: 9, result: {} },
    ]);
  });

  test('concurrent POSTs that reuse one JSON-RPC id each get their own answer', async () => {
    const created = (await (await post({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'create_session', arguments: {} } })).json()) as any;
    const sessionId = created.result.structuredContent.session_id;
    const values = Array.from({ length: 40 }, (_, i) => `answer number ${i}`);
    const answers = await Promise.all(
      values.map(async (value) => {
        const res = await post({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'save_answer', arguments: { session_id: sessionId, question_id: 'project_purpose', value } },
        });
        return (await res.json()) as any;
      }),
    );
    answers.forEach((answer, i) => {
      expect(answer.id).toBe(1);
      expect(answer.result.structuredContent.value).toBe(values[i]);
    });
  });
});
