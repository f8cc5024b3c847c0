import { request } from 'node:http';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';
import { RunningServer, TEST_TOKEN, startInProcess } from '../helpers/in-process-server';
import { connectClient, callOk } from '../helpers/mcp-client';
import { INITIALIZE_REQUEST, MCP_POST_HEADERS } from '../helpers/raw-mcp';

describe('HTTP routes', () => {
  let server: RunningServer;
  beforeEach(async () => {
    server = await startInProcess();
  });
  afterEach(async () => {
    await server.close();
  });

  const url = (path: string) => `${server.base}${path}`;

  test('/health is open and says nothing secret', async () => {
    const res = await fetch(url('/health'));
    expect(res.status).toBe(200);
    expect((await res.json()) as any).toEqual({ status: 'ok', version: expect.any(String) });
  });

  const WRONG = [
    ['missing token', ''],
    ['wrong token', '/0123456789abcdef0123456789abcdef0123456789ab'],
    ['token prefix only', `/${TEST_TOKEN.slice(0, -1)}`],
    ['token with extra', `/${TEST_TOKEN}x`],
  ];
  test.each(WRONG.flatMap(([what, prefix]) =>
    [
      ['POST', '/mcp'],
      ['GET', '/mcp'],
      ['GET', '/sse'],
      ['POST', '/messages?sessionId=abc'],
      ['GET', '/'],
      ['OPTIONS', '/mcp'],
    ].map(([method, route]) => [what, method, `${prefix}${route}`] as const),
  ))('%s: %s %s is 401 with the structured body', async (_what, method, path) => {
    const res = await fetch(url(path), { method, headers: MCP_POST_HEADERS, body: method === 'POST' ? JSON.stringify(INITIALIZE_REQUEST) : undefined });
    expect(res.status).toBe(401);
    expect((await res.json()) as any).toEqual({ error: 'unauthorized', message: 'missing or wrong token in the URL; use the full URL Galley printed' });
    expect(res.headers.get('access-control-allow-origin')).toBeTruthy();
  });

  test('initialize and tools/list over plain HTTP, stateless', async () => {
    const init = await fetch(url(`/${TEST_TOKEN}/mcp`), { method: 'POST', headers: MCP_POST_HEADERS, body: JSON.stringify(INITIALIZE_REQUEST) });
    expect(init.status).toBe(200);
    expect(init.headers.get('content-type')).toContain('application/json');
    expect(init.headers.get('mcp-session-id')).toBeNull();
    const body = (await init.json()) as any;
    expect(body.result.serverInfo.name).toBe('galley');
    expect(body.result.capabilities).toMatchObject({ tools: {}, resources: {}, prompts: {} });

    const list = await fetch(url(`/${TEST_TOKEN}/mcp`), {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, 'Mcp-Protocol-Version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    const tools = ((await list.json()) as any).result.tools.map((t: { name: string }) => t.name);
    expect(tools.sort()).toEqual([
      'add_component',
      'add_connection',
      'complete_hearing',
      'configure_component',
      'create_session',
      'export_all',
      'export_iac',
      'export_mermaid',
      'export_summary',
      'get_architecture',
      'get_hearing_flow',
      'get_hearing_questions',
      'get_hearing_result',
      'get_rm_job_status',
      'list_available_services',
      'remove_component',
      'remove_connection',
      'run_oci_cli',
      'run_terraform_apply',
      'run_terraform_destroy',
      'run_terraform_plan',
      'save_answer',
      'save_answers_batch',
      'save_architecture',
      'update_terraform_file',
      'validate_architecture',
    ]);
  });

  test.each(['GET', 'DELETE'])('%s /mcp is 405: the endpoint is stateless', async (method) => {
    const res = await fetch(url(`/${TEST_TOKEN}/mcp`), { method, headers: MCP_POST_HEADERS });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(((await res.json()) as any).error.code).toBe(-32000);
  });

  test('unknown paths under the token are 404 with the structured body', async () => {
    const notFound = await fetch(url(`/${TEST_TOKEN}/admin`));
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as any).error).toBe('not_found');
  });

  // Streamable HTTP clients read JSON-RPC errors; nothing internal in them.
  const expectCleanJsonRpcError = async (res: Response, status: number, code: number) => {
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', id: null, error: { code, message: expect.any(String) } });
    expectNothingInternal(text);
  };

  test.each([
    ['truncated JSON', '{"jsonrpc":'],
    ['not JSON at all', 'hello'],
    ['an empty body', ''],
  ])('/mcp with %s: 400 and JSON-RPC -32700', async (_what, body) => {
    const res = await fetch(url(`/${TEST_TOKEN}/mcp`), { method: 'POST', headers: MCP_POST_HEADERS, body });
    await expectCleanJsonRpcError(res, 400, -32700);
  });

  test('/mcp with a body over the limit: 413 with a JSON-RPC error, declared or streamed', async () => {
    const huge = JSON.stringify({ ...INITIALIZE_REQUEST, padding: 'x'.repeat(1024 * 1024) });
    const declared = await fetch(url(`/${TEST_TOKEN}/mcp`), { method: 'POST', headers: MCP_POST_HEADERS, body: huge });
    await expectCleanJsonRpcError(declared, 413, -32000);
    // Chunked, no Content-Length: caught while counting.
    const streamed = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url(`/${TEST_TOKEN}/mcp`), { method: 'POST', headers: MCP_POST_HEADERS }, (res) => {
        let text = '';
        res.on('data', (d) => (text += String(d)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(huge.slice(0, 600_000));
      req.end(huge.slice(600_000));
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.text).error.code).toBe(-32000);
  });

  const callToolRaw = (params: unknown) =>
    fetch(url(`/${TEST_TOKEN}/mcp`), {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, 'Mcp-Protocol-Version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params }),
    });

  test.each([
    ['an array', []],
    ['null', null],
    ['a string', 'x'],
    ['a number', 3],
  ])('tools/call with %s as arguments: the structured invalid_arguments result', async (_what, args) => {
    const res = await callToolRaw({ name: 'create_session', arguments: args });
    expect(res.status).toBe(200);
    const text = await res.text();
    expectNothingInternal(text);
    const body = JSON.parse(text);
    expect(body.id).toBe(7);
    expect(body.result.isError).toBe(true);
    expect(JSON.parse(body.result.content[0].text)).toEqual({ error: 'invalid_arguments', message: '`arguments` must be an object' });
  });

  test.each([
    ['no params', undefined],
    ['params without a name', { arguments: {} }],
    ['a name that is not a string', { name: 7, arguments: {} }],
  ])('tools/call with %s: -32602 with a short message', async (_what, params) => {
    const res = await callToolRaw(params);
    const text = await res.text();
    expectNothingInternal(text);
    const body = JSON.parse(text);
    expect(body).toEqual({ jsonrpc: '2.0', id: 7, error: { code: -32602, message: expect.stringContaining('string `name`') } });
  });

  test.each([
    ['resources/read', { uri: 5 }, 'invalid params: `uri` must be a string'],
    ['resources/read', { uri: [] }, 'invalid params: `uri` must be a string'],
    ['prompts/get', { name: 5 }, 'invalid params: `name` must be a string'],
    ['prompts/get', undefined, 'invalid params'],
  ])('%s with malformed params %j: -32602 with a short message, never a zod dump', async (method, params, message) => {
    const res = await fetch(url(`/${TEST_TOKEN}/mcp`), {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, 'Mcp-Protocol-Version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 8, method, params }),
    });
    const text = await res.text();
    expectNothingInternal(text);
    expect(JSON.parse(text)).toEqual({ jsonrpc: '2.0', id: 8, error: { code: -32602, message } });
  });

  test('a server bound to another loopback address (127.0.0.2) answers requests addressed to it', async () => {
    await server.close();
    server = await startInProcess({}, { GALLEY_HOST: '127.0.0.2' });
    expect(server.base).toMatch(/^http:\/\/127\.0\.0\.2:/);
    const client = await connectClient(server.base, TEST_TOKEN, 'streamable-http');
    expect((await callOk(client, 'create_session')).status).toBe('in_progress');
    await client.close();
    const foreign = await new Promise<number>((resolve, reject) => {
      const req = request(url('/health'), { headers: { Host: '127.0.0.3' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(foreign).toBe(403);
  });

  test('SSE streams are capped: one past the cap is 503 with the structured body, and a freed slot is reused', async () => {
    await server.close();
    server = await startInProcess({}, { GALLEY_MAX_SSE_STREAMS: '2' });
    const first = await connectClient(server.base, TEST_TOKEN, 'sse');
    const second = await connectClient(server.base, TEST_TOKEN, 'sse');
    const refused = await fetch(url(`/${TEST_TOKEN}/sse`));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await refused.json()) as any).toEqual({ error: 'too_many_streams', message: expect.stringContaining('2 SSE streams open') });
    await expect(connectClient(server.base, TEST_TOKEN, 'sse')).rejects.toThrow();
    await first.close();
    // The server frees the slot when it sees the socket close, a moment after.
    const third = await connectEventually(() => connectClient(server.base, TEST_TOKEN, 'sse'));
    await callOk(third, 'get_hearing_flow');
    await Promise.all([second.close(), third.close()]);
  });

  test('a foreign Host header is refused on a loopback bind (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url('/health'), { headers: { Host: 'evil.example:8000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  test('CORS preflight for browser hosts', async () => {
    const res = await fetch(url(`/${TEST_TOKEN}/mcp`), {
      method: 'OPTIONS',
      headers: { 'Origin': 'http://localhost:6274', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'mcp-protocol-version' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:6274');
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const h of ['mcp-protocol-version', 'mcp-session-id', 'content-type', 'authorization']) expect(allowed).toContain(h);
    expect(res.headers.get('access-control-expose-headers')).toBe('Mcp-Session-Id');
  });

  test('SSE: stream headers, POST channel under the token prefix, keep-alive comments, unknown session 404', async () => {
    await server.close();
    server = await startInProcess({ sseKeepAliveMs: 50 });
    const controller = new AbortController();
    const res = await fetch(url(`/${TEST_TOKEN}/sse`), { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toContain('no-cache');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes(': keepalive')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(new RegExp(`event: endpoint\\ndata: /${TEST_TOKEN}/messages\\?sessionId=[0-9a-f-]{36}\\n`));
    controller.abort();

    const orphan = await fetch(url(`/${TEST_TOKEN}/messages?sessionId=nope`), { method: 'POST', headers: MCP_POST_HEADERS, body: '{}' });
    expect(orphan.status).toBe(404);
    expect(((await orphan.json()) as any).error).toBe('sse_session_not_found');
  });

  test('an SSE message the transport refuses (wrong Content-Type) is not waited for at shutdown', async () => {
    const controller = new AbortController();
    const res = await fetch(url(`/${TEST_TOKEN}/sse`), { signal: controller.signal });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('sessionId=')) text += new TextDecoder().decode((await reader.read()).value);
    const endpoint = /data: (\/\S+)/.exec(text)![1];
    const refused = await fetch(url(endpoint), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(refused.status).toBe(400);
    await server.app.close(60_000);
    expect(server.logs.join('\n')).not.toContain('waiting for SSE calls in flight');
    controller.abort();
  });

  /** Opens a raw SSE stream; returns its POST endpoint and a way to end it. */
  async function openSse(): Promise<{ endpoint: string; end: () => void }> {
    const controller = new AbortController();
    const res = await fetch(url(`/${TEST_TOKEN}/sse`), { signal: controller.signal });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('sessionId=')) text += new TextDecoder().decode((await reader.read()).value);
    return { endpoint: /data: (\/\S+)/.exec(text)![1], end: () => controller.abort() };
  }

  test('a cancelled SSE call is not waited for at shutdown (the SDK never answers it)', async () => {
    await server.close();
    // Every session read hangs: the call below stays in its handler for the whole test.
    let readArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (readArrived = resolve));
    const store = new (class extends MemorySessionStore {
      override get(): Promise<undefined> {
        readArrived();
        return new Promise(() => undefined);
      }
    })();
    server = await startInProcess({ store });
    const { endpoint, end } = await openSse();
    const post = (message: object) => fetch(url(endpoint), { method: 'POST', headers: MCP_POST_HEADERS, body: JSON.stringify(message) });
    const params = { name: 'get_hearing_result', arguments: { session_id: '6f1c1d3e-8a4b-4c2d-9e0f-123456789abc' } };
    expect((await post({ jsonrpc: '2.0', id: 7, method: 'tools/call', params })).status).toBe(202);
    await arrived;
    expect((await post({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7, reason: 'user pressed stop' } })).status).toBe(202);
    await server.app.close(2_000);
    expect(server.logs.join('\n')).not.toContain('SSE calls still in flight');
    expect(server.logs.join('\n')).not.toContain('waiting for SSE calls in flight');
    end();
  });

  test('an SSE message whose body was still arriving when the drain began gets the structured 503', async () => {
    const { endpoint, end } = await openSse();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url(endpoint), { method: 'POST', headers: { ...MCP_POST_HEADERS, 'Content-Length': String(body.length) } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on('error', reject);
      // The drain begins once the route is waiting for the rest of the body.
      server.http.once('request', () => setImmediate(() => {
        void server.app.close(0).then(() => req.end(body.slice(10)));
      }));
      req.write(body.slice(0, 10));
    });
    const { status, body: text } = await response;
    expect({ status, body: JSON.parse(text) }).toEqual({
      status: 503,
      body: { error: 'shutting_down', message: 'the server is shutting down; connect again shortly' },
    });
    end();
  });

  test('logs never carry the token, even for wrong or misplaced ones', async () => {
    const client = await connectClient(server.base, TEST_TOKEN, 'streamable-http');
    await callOk(client, 'create_session');
    await client.close();
    const sse = await connectClient(server.base, TEST_TOKEN, 'sse');
    await callOk(sse, 'get_hearing_flow');
    await sse.close();
    await fetch(url(`/mcp/${TEST_TOKEN}`));
    await fetch(url(`/${TEST_TOKEN.slice(0, 40)}/mcp`));
    await fetch(url(`/${TEST_TOKEN}/mcp?token=${TEST_TOKEN}`));
    const logs = server.logs.join('\n');
    expect(logs).toContain('"path":"/:token/mcp"');
    expect(logs).toContain('"path":"/:token/sse"');
    expect(logs).toContain('"path":"/:token/messages"');
    expect(logs).not.toContain(TEST_TOKEN);
    expect(logs).not.toContain(TEST_TOKEN.slice(0, 40));
  });
});

/** No stack frame, no zod issue list, no file path. */
function expectNothingInternal(text: string): void {
  expect(text).not.toMatch(/\bat .+:\d+:\d+/);
  expect(text).not.toMatch(/invalid_type|"expected"|"path":\s*\[|ZodError|node_modules|\/src\//);
}

/** Retries a connection the server may still refuse while it notices a freed slot. */
async function connectEventually<T>(connect: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (err) {
      if (attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
