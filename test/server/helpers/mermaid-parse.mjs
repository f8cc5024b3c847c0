// Parses Mermaid diagrams with the mermaid package's own parser. Mermaid is
// ESM-only and expects a browser, so this runs as its own Node process with
// jsdom as the DOM. stdin: a JSON array of diagram texts; stdout: a JSON
// array of { ok, type?, error? }, one per diagram.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const key of ['DOMParser', 'Element', 'HTMLElement', 'Node', 'navigator']) {
  if (!(key in globalThis)) Object.defineProperty(globalThis, key, { value: dom.window[key], configurable: true });
}

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (err) {
    results.push({ ok: false, error: String(err?.message ?? err) });
  }
}
process.stdout.write(JSON.stringify(results));
