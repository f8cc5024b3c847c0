import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  CallToolResult,
  ErrorCode,
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
  const parsed = tool.inputSchema.safeParse(args ?? {});
  if (!parsed.success) return errorResult('invalid_arguments', describeIssues(parsed.error));
  try {
    const output = (await tool.handler(parsed.data, context)) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
  } catch (err) {
    return toolErrorResult(err, tool.name, logger);
  }
}

/**
 * Serves tools on the low-level server. The SDK's own registration would
 * answer invalid arguments with its own unstructured text; here every
 * failure is the structured error of the design.
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
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `unknown tool: ${request.params.name}`);
    const progressToken = request.params._meta?.progressToken;
    // Progress goes back on the request's own stream; where there is none
    // (JSON responses), the transport drops it.
    const progress = progressToken === undefined
      ? undefined
      : (p: { progress: number; total: number; message: string }) =>
        extra.sendNotification({ method: 'notifications/progress', params: { progressToken, ...p } });
    return callTool(tool, request.params.arguments, progress ? { ...context, progress } : context, logger);
  });
}
