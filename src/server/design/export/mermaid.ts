import type { Architecture, Component } from '../architecture';
import type { DesignCatalog } from '../design-catalog';

/**
 * Mermaid text inside `"..."` may not hold quotes, and `<`, `>`, `|`, `#`
 * and `;` would be read as markup or syntax; `%`, `{` and `}` could form a
 * `%%{init: ...}%%` directive that restyles or reconfigures the diagram.
 * Each becomes its entity code (Mermaid's own escape, `#<code>;`).
 */
export function mermaidText(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/["#<>|;`\\%{}]/g, (ch) => `#${ch.charCodeAt(0)};`);
}

/** Node ids get a prefix: a bare `end` or `graph` would be a keyword. */
const nodeId = (id: string) => `c_${id}`;

/**
 * A Mermaid flowchart of the architecture: each VCN a subgraph, each subnet a
 * subgraph inside it, everything else a node where it is placed, and every
 * connection an edge labelled with its purpose. Pure.
 */
export function exportMermaid(architecture: Architecture, catalog: DesignCatalog): string {
  const children = new Map<string, Component[]>();
  const roots: Component[] = [];
  const ids = new Set(architecture.components.map((c) => c.id));
  for (const c of architecture.components) {
    const parent = c.placement?.parent;
    if (parent && ids.has(parent)) children.set(parent, [...(children.get(parent) ?? []), c]);
    else roots.push(c);
  }
  const label = (c: Component) => mermaidText(`${c.name} (${catalog.find(c.type)?.name.en ?? c.type})`);
  const lines = ['flowchart TB'];
  const emit = (c: Component, depth: number) => {
    const pad = '  '.repeat(depth);
    if (c.type === 'vcn' || c.type === 'subnet') {
      const access = c.type === 'subnet' ? `, ${c.config.access === 'public' ? 'public' : 'private'}` : '';
      const cidr = typeof c.config.cidr_block === 'string' ? ` ${c.config.cidr_block}` : '';
      lines.push(`${pad}subgraph ${nodeId(c.id)} ["${mermaidText(`${c.name}${cidr}${access}`)}"]`);
      lines.push(`${pad}  direction TB`);
      for (const child of children.get(c.id) ?? []) emit(child, depth + 1);
      lines.push(`${pad}end`);
    } else {
      lines.push(`${pad}${nodeId(c.id)}["${label(c)}"]`);
      // A non-network component somehow holding others (never stored so) still shows them.
      for (const child of children.get(c.id) ?? []) emit(child, depth);
    }
  };
  for (const c of roots) emit(c, 1);
  for (const conn of architecture.connections) {
    const text = mermaidText(conn.purpose);
    lines.push(`  ${nodeId(conn.from)} -->${text ? `|"${text}"|` : ''} ${nodeId(conn.to)}`);
  }
  return lines.join('\n') + '\n';
}
