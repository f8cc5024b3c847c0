/**
 * User text (names, purposes, reasons, free answers) written into Markdown.
 * A line break of any kind, a lone CR included, would let the text start a
 * heading, list or table row of its own; raw HTML would render (an `<img
 * onerror>` in a viewer that allows HTML). Both are made inert. With no line
 * break left, user text never begins a line (every writer puts a `- ` or `| `
 * before it), so a leading `#`, `-`, `>` or `|` cannot open a block.
 */
export function markdownInline(value: string): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A table cell: one line, pipes and backslashes escaped. */
export function markdownCell(value: string): string {
  return markdownInline(value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|'));
}
