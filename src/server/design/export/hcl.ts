/**
 * A small HCL writer whose output is already what `terraform fmt` would make
 * of it: two-space indents, and the `=` of each run of consecutive one-line
 * attributes aligned (a nested block or a multi-line value ends the run, as in
 * hclwrite). Values are data; expressions are marked with `expr()`.
 */

/** An HCL expression written as is, e.g. `var.compartment_ocid`. */
export class HclExpression {
  constructor(readonly text: string) {}
}

/** A nested block, e.g. `shape_config { ... }`; `labels` for `dynamic "x" { ... }`. */
export class HclBlock {
  constructor(readonly body: HclBody, readonly labels: readonly string[] = []) {}
}

export type HclValue = string | number | boolean | HclExpression | readonly HclValue[] | { readonly [key: string]: HclValue };

/**
 * A block body in order. `undefined` leaves an attribute out; a block or a
 * list of blocks under a key becomes nested blocks of that type.
 */
export interface HclBody {
  readonly [name: string]: HclValue | HclBlock | readonly HclBlock[] | undefined;
}

/** A top-level block: `resource "type" "name" { ... }`, `variable "name" { ... }`, `terraform { ... }`. */
export interface HclTopLevelBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
}

export const expr = (text: string): HclExpression => new HclExpression(text);
export const block = (body: HclBody, ...labels: string[]): HclBlock => new HclBlock(body, labels);

export const resource = (type: string, name: string, body: HclBody): HclTopLevelBlock => ({ type: 'resource', labels: [type, name], body });
export const data = (type: string, name: string, body: HclBody): HclTopLevelBlock => ({ type: 'data', labels: [type, name], body });

/** A quoted HCL string, with template sequences escaped so nothing in it is interpolated. */
export function quote(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

/** Map keys written bare; anything else is quoted. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Top-level blocks, separated by one blank line, ending with a newline. */
export function renderHcl(blocks: readonly HclTopLevelBlock[]): string {
  return blocks.map(renderTopLevel).join('\n');
}

function renderTopLevel(top: HclTopLevelBlock): string {
  const head = [top.type, ...top.labels.map(quote)].join(' ');
  return `${head} {\n${renderBody(top.body, 1)}}\n`;
}

type Line = { readonly kind: 'attribute'; readonly name: string; readonly value: string } | { readonly kind: 'other'; readonly text: string };

function renderBody(body: HclBody, depth: number): string {
  const lines: Line[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (value instanceof HclBlock) {
      lines.push({ kind: 'other', text: renderBlock(name, value, depth) });
    } else if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof HclBlock)) {
      for (const nested of value as readonly HclBlock[]) lines.push({ kind: 'other', text: renderBlock(name, nested, depth) });
    } else {
      lines.push({ kind: 'attribute', name, value: renderValue(value as HclValue, depth) });
    }
  }
  return renderLines(lines, depth);
}

function renderBlock(type: string, nested: HclBlock, depth: number): string {
  const pad = indent(depth);
  const head = [type, ...nested.labels.map(quote)].join(' ');
  const inner = renderBody(nested.body, depth + 1);
  return inner === '' ? `${pad}${head} {\n${pad}}\n` : `${pad}${head} {\n${inner}${pad}}\n`;
}

/** Aligns the `=` of each run of consecutive one-line attributes, as `terraform fmt` does. */
function renderLines(lines: readonly Line[], depth: number): string {
  const pad = indent(depth);
  let out = '';
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.kind === 'other') {
      out += line.text;
      i += 1;
      continue;
    }
    if (line.value.includes('\n')) {
      out += `${pad}${line.name} = ${line.value}\n`;
      i += 1;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end].kind === 'attribute' && !(lines[end] as { value: string }).value.includes('\n')) end += 1;
    const run = lines.slice(i, end) as Array<Extract<Line, { kind: 'attribute' }>>;
    const width = Math.max(...run.map((a) => a.name.length));
    for (const attribute of run) out += `${pad}${attribute.name.padEnd(width)} = ${attribute.value}\n`;
    i = end;
  }
  return out;
}

function renderValue(value: HclValue, depth: number): string {
  if (value instanceof HclExpression) return value.text;
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`HCL has no literal for ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => renderValue(v as HclValue, depth)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, HclValue>);
  if (entries.length === 0) return '{}';
  const lines: Line[] = entries.map(([key, v]) => ({ kind: 'attribute', name: IDENTIFIER.test(key) ? key : quote(key), value: renderValue(v, depth + 1) }));
  return `{\n${renderLines(lines, depth + 1)}${indent(depth)}}`;
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}
