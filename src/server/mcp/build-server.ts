import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import type { ToolDefinition } from './define-tool';
import { registerPrompts } from './prompts';
import { registerResources } from './resources';
import { describeTools, installToolHandlers } from './tool-handlers';
import { TOOLS } from './tools';
import type { HearingService } from '../hearing/hearing-service';
import type { InfraService } from '../infra/infra-service';
import type { OciCliRunner } from '../infra/oci-cli';
import type { Logger } from '../logger';
import { GALLEY_VERSION } from '../version';

export interface McpDeps {
  readonly hearing: HearingService;
  readonly infra?: InfraService;
  readonly ociCli?: OciCliRunner;
  readonly logger: Logger;
}

const INSTRUCTIONS =
  'Galley runs structured requirements hearings for Oracle Cloud (OCI) proofs of concept. ' +
  'Start with the start_hearing prompt, or call create_session, then get_hearing_flow and get_hearing_questions.';

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
    const { hearing, infra, ociCli } = this.deps;
    installToolHandlers(server.server, this.tools, this.listing, { hearing, infra, ociCli }, this.deps.logger);
    registerResources(server, hearing, infra);
    registerPrompts(server);
    return server;
  }
}
