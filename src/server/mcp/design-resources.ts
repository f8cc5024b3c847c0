import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { mimeTypeOf } from './export-output';
import { resourceReadError } from './resource-error';
import type { DesignService } from '../design/design-service';
import type { ExportService } from '../design/export-service';

export const ARCHITECTURE_URI_TEMPLATE = 'galley://sessions/{session_id}/architecture';
export const EXPORT_URI_TEMPLATE = 'galley://sessions/{session_id}/exports/{name}';
export const TERRAFORM_URI_TEMPLATE = 'galley://sessions/{session_id}/terraform/{file}';

/** Resource reads fail as JSON-RPC errors; only our own messages pass. */
async function guarded(read: () => Promise<ReadResourceResult>): Promise<ReadResourceResult> {
  try {
    return await read();
  } catch (err) {
    throw resourceReadError(err, 'the resource could not be read');
  }
}

/** A session's architecture and its stored exports, readable long after the tool call that made them. */
export function registerDesignResources(server: McpServer, design: DesignService, exporter: ExportService): void {
  server.registerResource(
    'session-architecture',
    new ResourceTemplate(ARCHITECTURE_URI_TEMPLATE, { list: undefined }),
    { title: 'Architecture', description: 'A session\'s current architecture', mimeType: 'application/json' },
    (uri, { session_id }) => guarded(async () => ({
      contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(await design.getArchitecture(String(session_id)), null, 2) }],
    })),
  );
  const artifact = (dir: string) => (uri: URL, name: string | string[], sessionId: string | string[]) => guarded(async () => {
    const path = `${dir}/${String(name)}`;
    const found = await exporter.read(String(sessionId), path);
    return { contents: [{ uri: uri.href, mimeType: mimeTypeOf(path), text: found.content }] };
  });
  const exportFile = artifact('exports');
  const terraformFile = artifact('terraform');
  server.registerResource(
    'session-export',
    new ResourceTemplate(EXPORT_URI_TEMPLATE, { list: undefined }),
    { title: 'Design export', description: 'An export of a session: summary.md (Markdown) or architecture.mmd (Mermaid)' },
    (uri, { session_id, name }) => exportFile(uri, name, session_id),
  );
  server.registerResource(
    'session-terraform',
    new ResourceTemplate(TERRAFORM_URI_TEMPLATE, { list: undefined }),
    {
      title: 'Terraform file',
      description: 'One file of a session\'s Terraform: what export_iac wrote, with the edits of update_terraform_file; what run_terraform_plan uploads',
      mimeType: 'text/x-hcl',
    },
    (uri, { session_id, file }) => terraformFile(uri, file, session_id),
  );
}
