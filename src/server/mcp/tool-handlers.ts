import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolResult,
  ErrorCode,
  JSONRPCRequest,
  ListToolsRequestSchema,
  McpError,
  Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolContext, ToolDefinition } from './define-tool';
import { describeIssues, errorResult, toolErrorResult } from './tool-errors';
import type { Logger } from '../logger';

/**
 * The tool list as hosts see it, with JSON Schemas derived from the zod
 * schemas once per process rather than on every request.
 */
export function describeTools(tools: readonly ToolDefinition[]): Tool[] {
  return tools.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: z.toJSONSchema(tool.inputSchema, { io: 'input', target: 'draft-2020-12' }) as Tool['inputSchema'],
    outputSchema: z.toJSONSchema(tool.outputSchema, { io: 'output', target: 'draft-2020-12' }) as Tool['outputSchema'],
    annotations: { title: tool.title, ...tool.annotations },
  }));
}

/** Validates the arguments, runs the handler and shapes every outcome. */
export async function callTool(tool: ToolDefinition, args: unknown, context: ToolContext, logger: Logger): Promise<CallToolResult> {
  if (args !== undefined && !isPlainObject(args)) return errorResult('invalid_arguments', '`arguments` must be an object');
  const parsed = tool.inputSchema.safeParse(args ?? {});
  if (!parsed.success) return errorResult('invalid_arguments', describeIssues(parsed.error));
  try {
    const output = (await tool.handler(parsed.data, context)) as Record<string, unknown>;
    const extra = tool.content?.(output) ?? [];
    return { content: [{ type: 'text', text: JSON.stringify(output) }, ...extra], structuredContent: output };
  } catch (err) {
    return toolErrorResult(err, tool.name, logger);
  }
}

/**
 * Serves tools on the low-level server. The SDK's own registration would
 * answer invalid arguments with its own unstructured text; here every
 * failure is the structured error of the design.
 *
 * `tools/call` is served by the fallback handler, which receives the request
 * as sent: a handler registered with `setRequestHandler` only runs after the
 * SDK has parsed the request against `CallToolRequestSchema`, and a request
 * that fails that parse (`arguments: []`, `null` or `"x"`) is answered with
 * the raw zod error as its message. Here such a call gets the structured
 * `invalid_arguments` result like any other bad argument, and a call without
 * a tool name a short -32602.
 */
export function installToolHandlers(
  server: Server,
  tools: readonly ToolDefinition[],
  listing: readonly Tool[],
  context: ToolContext,
  logger: Logger,
): void {
  const byName = new Map(tools.map((t) => [t.name, t]));
  server.registerCapabilities({ tools: {} });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...listing] }));
  server.fallbackRequestHandler = async (request: JSONRPCRequest, extra) => {
    if (request.method !== 'tools/call') throw new McpError(ErrorCode.MethodNotFound, 'Method not found');
    const params = request.params as { name?: unknown; arguments?: unknown; _meta?: unknown } | undefined;
    if (!isPlainObject(params) || typeof params.name !== 'string') {
      throw new McpError(ErrorCode.InvalidParams, 'tools/call needs `params` with a string `name`');
    }
    const tool = byName.get(params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `unknown tool: ${params.name.slice(0, 100)}`);
    const progressToken = (params._meta as { progressToken?: unknown } | undefined)?.progressToken;
    // Progress goes back on the request's own stream; where there is none
    // (JSON responses), the transport drops it.
    const progress = typeof progressToken === 'string' || typeof progressToken === 'number'
      ? (p: { progress: number; total: number; message: string }) =>
        extra.sendNotification({ method: 'notifications/progress', params: { progressToken, ...p } })
      : undefined;
    // The SDK aborts extra.signal when the request is cancelled or its
    // transport closes: SharedServerTransport cancels when the POST's client
    // hangs up, and an SSE stream's end closes its server.
    return callTool(tool, params.arguments, { ...context, signal: extra.signal, ...(progress && { progress }) }, logger);
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
