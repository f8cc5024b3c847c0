import { request } from 'node:http';
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
      'complete_hearing',
      'create_session',
      'get_hearing_flow',
      'get_hearing_questions',
      'get_hearing_result',
      'get_rm_job_status',
      'run_oci_cli',
      'run_terraform_apply',
      'run_terraform_destroy',
      'run_terraform_plan',
      'save_answer',
      'save_answers_batch',
      'update_terraform_file',
    ]);
  });

  test.each(['GET', 'DELETE'])('%s /mcp is 405: the endpoint is stateless', async (method) => {
    const res = await fetch(url(`/${TEST_TOKEN}/mcp`), { method, headers: MCP_POST_HEADERS });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(((await res.json()) as any).error.code).toBe(-32000);
  });

  test('unknown paths under the token are 404; bodies over the limit 413; broken JSON 400', async () => {
    const notFound = await fetch(url(`/${TEST_TOKEN}/admin`));
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as any).error).toBe('not_found');

    const huge = JSON.stringify({ ...INITIALIZE_REQUEST, padding: 'x'.repeat(1024 * 1024) });
    const tooLarge = await fetch(url(`/${TEST_TOKEN}/mcp`), { method: 'POST', headers: MCP_POST_HEADERS, body: huge });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as any).error).toBe('payload_too_large');

    const broken = await fetch(url(`/${TEST_TOKEN}/mcp`), { method: 'POST', headers: MCP_POST_HEADERS, body: '{"jsonrpc":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).error).toBe('parse_error');
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
