import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { exportResultSchema } from './design-schemas';
import type { ExportResult } from '../design/export-service';

/** `galley://sessions/<id>/<path>`: where a stored export is read again. */
export function artifactUri(sessionId: string, path: string): string {
  return `galley://sessions/${sessionId}/${path}`;
}

export function mimeTypeOf(path: string): string {
  if (path.endsWith('.md')) return 'text/markdown';
  if (path.endsWith('.tf')) return 'text/x-hcl';
  return 'text/plain';
}

/** What an export tool answers: the files' paths, resource URIs and sizes. */
export function exportOutput(result: ExportResult): z.input<typeof exportResultSchema> {
  return {
    session_id: result.session_id,
    revision: result.revision,
    files: result.files.map((f) => ({ path: f.path, uri: artifactUri(result.session_id, f.path), bytes: Buffer.byteLength(f.content) })),
  };
}

/** One resource link per exported file, so a host can fetch and save each. */
export function exportLinks(output: z.output<typeof exportResultSchema>): ContentBlock[] {
  return output.files.map((f) => ({
    type: 'resource_link' as const,
    uri: f.uri,
    name: f.path,
    mimeType: mimeTypeOf(f.path),
    description: `revision ${output.revision} export`,
  }));
}
