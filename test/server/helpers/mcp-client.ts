import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { FULL_ANSWERS } from './answers';

export type TransportKind = 'streamable-http' | 'sse';

/** The official SDK client, connected over real HTTP to `<base>/<token>/mcp` or `/sse`. */
export async function connectClient(base: string, token: string, kind: TransportKind): Promise<Client> {
  const client = new Client({ name: 'galley-test', version: '1.0.0' });
  const transport =
    kind === 'sse'
      ? new SSEClientTransport(new URL(`${base}/${token}/sse`))
      : new StreamableHTTPClientTransport(new URL(`${base}/${token}/mcp`));
  await client.connect(transport);
  // Listing caches the output schemas, so every later call is checked against them.
  await client.listTools();
  return client;
}

export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The structured content of a successful call; fails loudly on an error result. */
export async function callOk<T = Record<string, any>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = await call(client, name, args);
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

/** The `{error, message}` body of a failed call; fails loudly on success. */
export async function callError(client: Client, name: string, args: Record<string, unknown>): Promise<{ error: string; message: string }> {
  const result = await call(client, name, args);
  if (!result.isError) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(result.structuredContent)}`);
  const first = result.content[0];
  if (first.type !== 'text') throw new Error('error result without text');
  return JSON.parse(first.text);
}

/** A whole hearing: one answer at a time, then the rest in a batch, then complete. */
export async function runHearing(client: Client): Promise<{ sessionId: string; outcome: Record<string, any> }> {
  const { session_id: sessionId, status } = await callOk(client, 'create_session', { locale: 'en' });
  expect(status).toBe('in_progress');
  const entries = Object.entries(FULL_ANSWERS);
  const [single, batch] = [entries.slice(0, 5), entries.slice(5)];
  for (const [question_id, value] of single) {
    const saved = await callOk(client, 'save_answer', { session_id: sessionId, question_id, value });
    expect(saved).toMatchObject({ question_id, value });
  }
  const batchResult = await callOk(client, 'save_answers_batch', {
    session_id: sessionId,
    answers: batch.map(([question_id, value]) => ({ question_id, value })),
  });
  expect(batchResult.saved_count).toBe(batch.length);
  const outcome = await callOk(client, 'complete_hearing', { session_id: sessionId });
  return { sessionId, outcome };
}

/** A bare `initialize` over HTTP, as a host's first request; returns the status and the JSON-RPC body. */
export async function postInitialize(mcpUrl: string): Promise<{ status: number; body: any }> {
  const res = await fetch(mcpUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'galley-test', version: '1' } },
    }),
  });
  return { status: res.status, body: await res.json() };
}
