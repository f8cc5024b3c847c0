import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { GalleyError } from '../errors';
import type { InfraService } from '../infra/infra-service';

export const TERRAFORM_FILE_URI_TEMPLATE = 'galley://sessions/{session_id}/terraform/{file}';

/** Each file of a session's Terraform, as the infra tools run it. */
export function registerTerraformResources(server: McpServer, infra: InfraService): void {
  server.registerResource(
    'session-terraform-file',
    new ResourceTemplate(TERRAFORM_FILE_URI_TEMPLATE, { list: undefined }),
    {
      title: 'Session Terraform file',
      description: "One file of a session's Terraform (what run_terraform_plan uploads; update_terraform_file edits it)",
      mimeType: 'text/plain',
    },
    async (uri, { session_id, file }) => {
      try {
        const text = await infra.getTerraformFile(String(session_id), decodeURIComponent(String(file)));
        return { contents: [{ uri: uri.href, mimeType: 'text/plain', text }] };
      } catch (err) {
        // Resource reads fail as JSON-RPC errors; only our own messages pass.
        if (err instanceof GalleyError) throw new McpError(ErrorCode.InvalidParams, `${err.kind}: ${err.message}`);
        throw new McpError(ErrorCode.InternalError, 'the file could not be read');
      }
    },
  );
}
