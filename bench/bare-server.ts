// The baseline: a bare MCP SDK server, stateless with JSON responses, whose
// only tool does nothing. Same shape as Galley's route, none of its work.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const http = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const server = new McpServer({ name: 'bare', version: '1.0.0' });
  server.registerTool('noop', { description: 'does nothing', inputSchema: { value: z.string().optional() } }, async () => ({
    content: [{ type: 'text', text: 'ok' }],
  }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => void server.close());
  await server.connect(transport);
  const body = Buffer.concat(chunks).toString('utf8');
  await transport.handleRequest(req, res, body ? JSON.parse(body) : undefined);
});
http.keepAliveTimeout = 65_000;
http.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(http.address() as AddressInfo).port}\n`));
