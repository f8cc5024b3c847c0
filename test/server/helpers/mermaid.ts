import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, 'mermaid-parse.mjs');

export interface MermaidParse {
  readonly ok: boolean;
  readonly type?: string;
  readonly error?: string;
}

/** Each diagram through mermaid.parse (the real parser, in its own Node process with jsdom). */
export function parseMermaid(diagrams: readonly string[]): MermaidParse[] {
  const run = spawnSync(process.execPath, [SCRIPT], { input: JSON.stringify(diagrams), encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`mermaid parser failed to run: ${run.stderr}`);
  return JSON.parse(run.stdout) as MermaidParse[];
}
