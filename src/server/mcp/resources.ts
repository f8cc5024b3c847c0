import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { resourceReadError } from './resource-error';
import type { HearingService } from '../hearing/hearing-service';

export const QUESTIONS_URI = 'galley://hearing/questions';
export const FLOW_URI = 'galley://hearing/flow';
export const SESSION_URI_TEMPLATE = 'galley://hearing/sessions/{session_id}';

const json = (uri: string, value: unknown) => ({
  contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }],
});

/** The catalog, the flow and each session, for hosts that read resources. */
export function registerResources(server: McpServer, hearing: HearingService): void {
  server.registerResource(
    'hearing-questions',
    QUESTIONS_URI,
    { title: 'Hearing questions', description: 'The question catalog, in Japanese and English', mimeType: 'application/json' },
    (uri) => json(uri.href, { questions: hearing.catalog.questions }),
  );
  server.registerResource(
    'hearing-flow',
    FLOW_URI,
    { title: 'Hearing flow', description: 'The phases of the hearing and their questions', mimeType: 'application/json' },
    (uri) => json(uri.href, { phases: hearing.catalog.phases }),
  );
  server.registerResource(
    'hearing-session',
    new ResourceTemplate(SESSION_URI_TEMPLATE, { list: undefined }),
    { title: 'Hearing session', description: 'One session: status, answers and, once completed, the result', mimeType: 'application/json' },
    async (uri, { session_id }) => {
      try {
        return json(uri.href, await hearing.getSession(String(session_id)));
      } catch (err) {
        // Resource reads fail as JSON-RPC errors; only our own messages pass.
        throw resourceReadError(err, 'the session could not be read');
      }
    },
  );
}
