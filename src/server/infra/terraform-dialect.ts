import { HclScan, scanHcl } from './hcl-scan';
import type { TerraformDiagnostic } from './terraform-validate';

/**
 * The Terraform CLI Resource Manager runs a Galley stack with: the newest it
 * offers (`terraformVersion` 1.5.x). The image pins the same CLI, but a
 * laptop's Terraform may be newer, and then `terraform validate` accepts
 * what the job would refuse; these checks close that gap.
 */
export const STACK_TERRAFORM_CLI = '1.5.7';

interface Construct {
  /** The first Terraform minor release that reads it. */
  readonly since: string;
  readonly what: string;
  /** Matched on `HclScan.skeleton` (no comments, no string text) unless `inCode`. */
  readonly pattern: RegExp;
  /** A top-level block header: refused only at depth 0. */
  readonly topLevel?: boolean;
  /** The match is refused only when this holds of the block that follows it (its text with comments blanked). */
  readonly body?: (body: string, match: RegExpMatchArray, scan: HclScan, open: number) => boolean;
}

// Every multiline pattern here spans one line only ([ \t], never \s), so none rescans a run of blank lines.
// Top-level blocks start their line; `"label"` or a bare label may follow. Labels are string text, so
// these run on the text with comments blanked, and only matches at depth 0 count.
const block = (type: string, labels = 0): RegExp =>
  new RegExp(String.raw`^[ \t]*${type}${String.raw`[ \t]+"?[A-Za-z0-9_-]+"?`.repeat(labels)}[ \t]*\{`, 'gm');
const call = (fn: string) => new RegExp(String.raw`\b${fn}\s*\(`, 'g');

const CONSTRUCTS: readonly Construct[] = [
  { since: '1.6', what: 'an import id that is not a literal string', pattern: block('import'), topLevel: true, body: (b) => nonLiteralId(b) },
  { since: '1.7', what: 'a removed block', pattern: block('removed'), topLevel: true },
  { since: '1.7', what: 'for_each in an import block', pattern: block('import'), topLevel: true, body: (b) => /^[ \t]*for_each[ \t]*=/m.test(b) },
  { since: '1.12', what: 'identity in an import block', pattern: block('import'), topLevel: true, body: (b) => /^[ \t]*identity[ \t]*=?[ \t]*\{/m.test(b) },
  { since: '1.8', what: 'a provider-defined function', pattern: /\bprovider::[A-Za-z0-9_]+::/g },
  { since: '1.8', what: 'a core:: function name', pattern: /\bcore::[A-Za-z_]/g },
  { since: '1.8', what: 'the issensitive() function', pattern: call('issensitive') },
  {
    since: '1.8',
    what: 'a moved block between resource types',
    pattern: block('moved'),
    topLevel: true,
    body: (b) => {
      const from = /^[ \t]*from[ \t]*=[ \t]*([a-z0-9_]+)\./m.exec(b)?.[1];
      const to = /^[ \t]*to[ \t]*=[ \t]*([a-z0-9_]+)\./m.exec(b)?.[1];
      return from !== undefined && to !== undefined && from !== to;
    },
  },
  { since: '1.9', what: 'the templatestring() function', pattern: call('templatestring') },
  {
    since: '1.9',
    what: 'a variable validation that refers to other objects',
    pattern: /^[ \t]*variable[ \t]+"?([A-Za-z0-9_-]+)"?[ \t]*\{/gm,
    topLevel: true,
    // Rules are found in the skeleton, at the variable's own depth: "validation {" in a description is none.
    body: (_b, m, scan, open) => [...scan.skeleton.slice(open + 1, scan.closeOf(open)).matchAll(/\bvalidation\s*\{/g)]
      .map((v) => open + 1 + v.index! + v[0].length - 1)
      .filter((ruleOpen) => scan.depthAt(ruleOpen) === scan.depthAt(open) + 1)
      .slice(0, 10)
      .some((ruleOpen) => refersBeyond(scan.skeleton.slice(ruleOpen + 1, scan.closeOf(ruleOpen)), m[1])),
  },
  { since: '1.10', what: 'an ephemeral resource', pattern: block('ephemeral', 2), topLevel: true },
  {
    since: '1.10',
    what: 'an ephemeral variable or output',
    pattern: /^[ \t]*(variable|output)[ \t]+"?[A-Za-z0-9_-]+"?[ \t]*\{/gm,
    topLevel: true,
    body: (b) => /^[ \t]*ephemeral[ \t]*=/m.test(b),
  },
  { since: '1.10', what: 'the ephemeralasnull() function', pattern: call('ephemeralasnull') },
  { since: '1.10', what: 'terraform.applying', pattern: /\bterraform\s*\.\s*applying\b/g },
  { since: '1.14', what: 'an action block', pattern: block('action', 2), topLevel: true },
];

/**
 * What Terraform 1.5.7 cannot read: newer blocks, functions and arguments,
 * and a `required_version` it does not meet. Each is an error naming the
 * release that brought it, so the model rewrites it in 1.5's terms.
 */
export function findNewerThanStack(files: ReadonlyMap<string, string>): TerraformDiagnostic[] {
  return [...files].flatMap(([file, text]) => newerThanStackIn(file, scanHcl(text)));
}

/** {@link findNewerThanStack} for one file already scanned. */
export function newerThanStackIn(file: string, scan: HclScan): TerraformDiagnostic[] {
  const found: TerraformDiagnostic[] = [];
  for (const c of CONSTRUCTS) {
    const view = c.topLevel ? scan.code : scan.skeleton;
    for (const m of view.matchAll(c.pattern)) {
      const at = m.index! + m[0].length - m[0].trimStart().length;
      if (c.topLevel && (scan.depthAt(at) !== 0 || scan.skeleton[at] !== scan.text[at])) continue;
      if (c.body) {
        const open = m.index! + m[0].length - 1;
        if (!c.body(scan.code.slice(open + 1, scan.closeOf(open)), m, scan, open)) continue;
      }
      found.push(tooNew(file, scan.lineAt(at), `${c.what} needs Terraform ${c.since} or later`,
        `Resource Manager runs this stack with Terraform ${STACK_TERRAFORM_CLI}, which cannot read it; write it the Terraform 1.5 way`));
    }
  }
  for (const m of scan.code.matchAll(/\brequired_version\s*=\s*"([^"]*)"/g)) {
    if (!satisfies(STACK_TERRAFORM_CLI, m[1])) {
      found.push(tooNew(file, scan.lineAt(m.index!), `required_version "${m[1].slice(0, 60)}" excludes Terraform ${STACK_TERRAFORM_CLI}`,
        `Resource Manager runs this stack with Terraform ${STACK_TERRAFORM_CLI}; allow it (for example ">= 1.5.0") or drop required_version`));
    }
  }
  return found;
}

/** Terraform 1.5 reads an import id only as a plain string. */
function nonLiteralId(body: string): boolean {
  const id = /^[ \t]*id[ \t]*=[ \t]*(.*)$/m.exec(body)?.[1].trim();
  return id !== undefined && !/^"(?:[^"\\$%]|\\.|\$(?!\{)|%(?!\{))*"$/.test(id);
}

/**
 * Whether a validation rule (its block's skeleton: string text blanked, so
 * "e.g. 10.0.0.0/16" is not a reference) refers to anything but its own
 * variable: before 1.9 a rule sees `var.<own name>` alone.
 */
function refersBeyond(rule: string, own: string): boolean {
  for (const r of rule.matchAll(/(?<![\w.-])([A-Za-z_][\w-]*)[ \t]*\.[ \t]*([A-Za-z_][\w-]*)/g)) {
    if (r[1] !== 'var' || r[2] !== own) return true;
  }
  return false;
}

/**
 * Whether `version` meets a Terraform version constraint (`>= 1.5, < 2.0`,
 * `~> 1.5.0`, `= 1.5.7`, `!= 1.6.0`). An unreadable constraint is not met:
 * Terraform would refuse it too.
 */
export function satisfies(version: string, constraint: string): boolean {
  const have = parts(version)!;
  return constraint.split(',').every((one) => {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(one);
    if (!m) return false;
    const want = parts(m[2])!;
    const cmp = compare(have, want);
    switch (m[1] ?? '=') {
      case '=': return cmp === 0;
      case '!=': return cmp !== 0;
      case '>': return cmp > 0;
      case '>=': return cmp >= 0;
      case '<': return cmp < 0;
      case '<=': return cmp <= 0;
      default: {
        // ~> allows the rightmost given part to grow: ~> 1.5 is >= 1.5, < 2; ~> 1.5.0 is >= 1.5.0, < 1.6.
        const given = m[2].split('.').length;
        const upper = given === 1 ? [want[0] + 1, 0, 0] : given === 2 ? [want[0] + 1, 0, 0] : [want[0], want[1] + 1, 0];
        return cmp >= 0 && compare(have, upper) < 0;
      }
    }
  });
}

function parts(v: string): number[] | undefined {
  const p = v.split('.').map(Number);
  if (p.some((n) => !Number.isInteger(n))) return undefined;
  while (p.length < 3) p.push(0);
  return p;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function tooNew(file: string, line: number, summary: string, detail: string): TerraformDiagnostic {
  return { severity: 'error', file, line, summary, detail };
}
