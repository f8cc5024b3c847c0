/**
 * One linear pass over an HCL file, enough for the local validate's guard:
 * where the comments are, where string and heredoc text is, and which brace
 * closes which. Every view has the text's length and line breaks, so an index
 * found in one is the same place in all.
 */
export interface HclScan {
  readonly text: string;
  /** The text with comments blanked: code and strings as written. */
  readonly code: string;
  /** `code` with string and heredoc text blanked too; template interpolations stay. */
  readonly skeleton: string;
  /** The 1-based line of an index. */
  lineAt(index: number): number;
  /** The index of the `}` that closes the `{` at `open` (the text's length when none does). */
  closeOf(open: number): number;
  /** How many blocks or objects enclose an index. */
  depthAt(index: number): number;
}

type Context = { kind: 'code'; depth: number } | { kind: 'string' } | { kind: 'heredoc'; marker: string; atLineStart: boolean };

// HCL's identifiers are Unicode (ID_Start, then ID_Continue or '-'); so are heredoc markers.
const HEREDOC_START = /<<-?([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;
/** What Go's bytes.TrimSpace (which HCL uses on a heredoc's closing line) trims: unicode.IsSpace. */
const GO_SPACE = new Set([...'\t\n\v\f\r \u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000'].map((c) => c.charCodeAt(0)));
const isGoSpace = (code: number) => GO_SPACE.has(code) || (code >= 0x2000 && code <= 0x200a);

/** `line` without Go's spaces at either end: two index walks, so a long run of spaces costs its length once. */
function goTrim(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && isGoSpace(line.charCodeAt(start))) start++;
  while (end > start && isGoSpace(line.charCodeAt(end - 1))) end--;
  return line.slice(start, end);
}

export function scanHcl(text: string): HclScan {
  const n = text.length;
  const code = text.split('');
  const skeleton = text.split('');
  const blank = (from: number, to: number, views: string[][]) => {
    for (let i = from; i < to; i++) if (text[i] !== '\n') for (const v of views) v[i] = ' ';
  };
  const stack: Context[] = [{ kind: 'code', depth: 0 }];
  let i = 0;
  while (i < n) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top.kind === 'code') {
      if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        const end = text.indexOf('\n', i);
        const stop = end < 0 ? n : end;
        blank(i, stop, [code, skeleton]);
        i = stop;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        const stop = end < 0 ? n : end + 2;
        blank(i, stop, [code, skeleton]);
        i = stop;
      } else if (c === '"') {
        stack.push({ kind: 'string' });
        i++;
      } else if (c === '<' && text[i + 1] === '<' && (HEREDOC_START.lastIndex = i, HEREDOC_START.test(text))) {
        const marker = /<<-?([\p{ID_Start}_][\p{ID_Continue}-]*)/u.exec(text.slice(i, HEREDOC_START.lastIndex))![1];
        i = HEREDOC_START.lastIndex;
        stack.push({ kind: 'heredoc', marker, atLineStart: true });
      } else if (c === '{') {
        top.depth++;
        i++;
      } else if (c === '}') {
        if (top.depth === 0 && stack.length > 1) {
          // The end of a template interpolation: back to its string or heredoc.
          skeleton[i] = ' ';
          stack.pop();
        } else {
          top.depth = Math.max(0, top.depth - 1);
        }
        i++;
      } else {
        i++;
      }
      continue;
    }
    if (top.kind === 'heredoc' && top.atLineStart) {
      const end = text.indexOf('\n', i);
      const line = text.slice(i, end < 0 ? n : end);
      if (goTrim(line) === top.marker) {
        stack.pop();
        i += line.length;
        continue;
      }
      top.atLineStart = false;
    }
    if (top.kind === 'string' && c === '"') {
      stack.pop();
      i++;
    } else if (top.kind === 'string' && c === '\n') {
      // A quoted string cannot span lines: Terraform refuses the file; scan on as code.
      stack.pop();
    } else if (top.kind === 'string' && c === '\\') {
      blank(i, Math.min(n, i + 2), [skeleton]);
      i += 2;
    } else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      // `$${` and `%%{` are a literal `${` and `%{`.
      blank(i, i + 3, [skeleton]);
      i += 3;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      blank(i, i + 2, [skeleton]);
      stack.push({ kind: 'code', depth: 0 });
      i += 2;
    } else {
      if (c === '\n' && top.kind === 'heredoc') top.atLineStart = true;
      blank(i, i + 1, [skeleton]);
      i++;
    }
  }

  const skeletonText = skeleton.join('');
  const close = new Int32Array(n).fill(n);
  const depth = new Int32Array(n + 1);
  const open: number[] = [];
  for (let k = 0; k < n; k++) {
    depth[k] = open.length;
    const s = skeletonText[k];
    if (s === '{') open.push(k);
    else if (s === '}' && open.length) close[open.pop()!] = k;
  }
  depth[n] = open.length;
  const lineStarts = [0];
  for (let k = 0; k < n; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);

  return {
    text,
    code: code.join(''),
    skeleton: skeletonText,
    lineAt(index) {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (lineStarts[mid] <= index) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    },
    closeOf: (at) => (at >= 0 && at < n ? close[at] : n),
    depthAt: (at) => depth[Math.max(0, Math.min(n, at))],
  };
}
