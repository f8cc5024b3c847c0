import type { ContentBlock, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { DesignService } from '../design/design-service';
import type { ExportService } from '../design/export-service';
import { GalleyError } from '../errors';
import type { HearingService } from '../hearing/hearing-service';
import type { InfraService, ProgressReporter } from '../infra/infra-service';
import type { OciCliRunner } from '../infra/oci-cli';

/** What a tool handler may use: services, never transports or raw clients. */
export interface ToolContext {
  readonly hearing: HearingService;
  readonly design: DesignService;
  readonly exporter: ExportService;
  /** The infra layer; absent on a server built without an artifact store. */
  readonly infra?: InfraService;
  readonly ociCli?: OciCliRunner;
  /** Set for one call when the client asked for progress (sent a progressToken). */
  readonly progress?: ProgressReporter;
  /** Aborted for one call when its client goes away, so a long wait stops working for no one. */
  readonly signal?: AbortSignal;
}

export function requireInfra(context: ToolContext): InfraService {
  if (!context.infra) throw new GalleyError('internal_error', 'the infra tools are not configured on this server');
  return context.infra;
}

export function requireOciCli(context: ToolContext): OciCliRunner {
  if (!context.ociCli) throw new GalleyError('internal_error', 'the OCI CLI is not configured on this server');
  return context.ociCli;
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  /** snake_case, equal to the file name with dashes for underscores. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: I;
  readonly outputSchema: O;
  readonly annotations: ToolAnnotations;
  readonly handler: (params: z.output<I>, context: ToolContext) => Promise<z.input<O>>;
  /**
   * Content blocks after the JSON text (e.g. the exported files as embedded
   * resources, so a host can save them); from the handler's output.
   */
  readonly content?: (output: z.output<O>) => ContentBlock[];
}

/** Identity with types: keeps each tool file a plain, checked declaration. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return tool;
}
