import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { ToolDefinition } from './define-tool';
import { registerDesignPrompts } from './design-prompts';
import { registerDesignResources } from './design-resources';
import { registerPrompts } from './prompts';
import { registerResources } from './resources';
import { describeTools, installToolHandlers } from './tool-handlers';
import { TOOLS } from './tools';
import type { Logger } from '../logger';
import type { GalleyServices } from '../services';
import { GALLEY_VERSION } from '../version';

export interface McpDeps extends GalleyServices {
  readonly logger: Logger;
}

const INSTRUCTIONS =
  'Galley runs structured requirements hearings for Oracle Cloud (OCI) proofs of concept. ' +
  'Start with the start_hearing prompt, or call create_session, then get_hearing_flow and get_hearing_questions. ' +
  'After complete_hearing, design with the design_architecture prompt (auto-design) or design_interactively.';

/**
 * Builds MCP servers: the one that answers every Streamable HTTP request, and
 * one per SSE stream. The tool listing (JSON Schemas included) is computed
 * once here, so each `create()` costs only the wiring of one server.
 */
export class McpServerFactory {
  private readonly listing: readonly Tool[];
  // Each server would otherwise build its own Ajv instance per request; the
  // validator keeps no per-client state, so one serves them all.
  private readonly validator = new AjvJsonSchemaValidator();

  constructor(private readonly deps: McpDeps, private readonly tools: readonly ToolDefinition[] = TOOLS) {
    this.listing = describeTools(tools);
  }

  create(): McpServer {
    const server = new McpServer(
      { name: 'galley', title: 'Galley', version: GALLEY_VERSION },
      { instructions: INSTRUCTIONS, jsonSchemaValidator: this.validator },
    );
    const { hearing, design, exporter, infra, ociCli, logger } = this.deps;
    installToolHandlers(server.server, this.tools, this.listing, { hearing, design, exporter, infra, ociCli }, logger);
    registerResources(server, hearing);
    registerDesignResources(server, design, exporter);
    registerPrompts(server);
    registerDesignPrompts(server);
    return server;
  }
}
