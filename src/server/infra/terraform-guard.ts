import { HclScan, scanHcl } from './hcl-scan';
import { newerThanStackIn } from './terraform-dialect';
import type { TerraformDiagnostic } from './terraform-validate';

/**
 * Functions that read the server's filesystem. `terraform validate`
 * evaluates them, and its diagnostics quote what they read: the key file,
 * /proc/1/environ with the URL token. None has a use in a session's flat
 * Terraform, which holds no other files.
 */
export const REFUSED_FUNCTIONS = [
  'file', 'fileexists', 'fileset', 'filebase64', 'filebase64sha256', 'filebase64sha512',
  'filemd5', 'filesha1', 'filesha256', 'filesha512', 'templatefile', 'abspath', 'pathexpand',
] as const;

/** Provider sources `terraform init` may install: oracle/oci from the mirror, and Terraform's own. */
const ALLOWED_SOURCES = new Set(['oracle/oci', 'registry.terraform.io/oracle/oci', 'terraform.io/builtin/terraform']);
/** Provider local names a block may imply (`oci_core_vcn` implies `oci`; `terraform_data` is built in). */
const ALLOWED_LOCAL_NAMES = new Set(['oci', 'terraform']);
/** Enough to fix a file by; more would only cost time. */
const MAX_PER_FILE = 20;

// A keyword must end where the word does: `data_storage_size_in_tbs = 1` is an argument, not a data block.
const KEYWORD_END = '(?![A-Za-z0-9_-])';
const NAMES = REFUSED_FUNCTIONS.join('|');
const BLOCK_TYPES = '(resource|data|ephemeral|provider)';

/** Patterns for the text with comments blanked (`HclScan.code`). */
const IN_CODE = {
  call: new RegExp(String.raw`\b(${NAMES})\s*\(`, 'g'),
  module: new RegExp(String.raw`^[ \t]*module${KEYWORD_END}(?![ \t]*=)`, 'gm'),
  typed: new RegExp(String.raw`^[ \t]*${BLOCK_TYPES}${KEYWORD_END}\s*"?([A-Za-z0-9_-]+)`, 'gm'),
};
// The same on the raw text, with comments allowed between tokens, so that a
// comment the scan misread never hides a call or a block. Each alternative
// matches in one way only (a comment runs to its line's end, a block comment
// is the unambiguous form), so no input makes these backtrack.
const GAP = String.raw`(?:\s|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/|#[^\n]*(?:\n|$)|//[^\n]*(?:\n|$))*`;
const IN_TEXT = {
  call: new RegExp(String.raw`\b(${NAMES})${GAP}\(`, 'g'),
  module: new RegExp(String.raw`(?:^|\*/)[ \t]*module${KEYWORD_END}(?![ \t]*=)`, 'gm'),
  typed: new RegExp(String.raw`(?:^|\*/)[ \t]*${BLOCK_TYPES}${KEYWORD_END}${GAP}"?([A-Za-z0-9_-]+)`, 'gm'),
};
const PROVIDER_ARGUMENT = /\bprovider\s*=\s*([A-Za-z][A-Za-z0-9_-]*)/g;
const REQUIRED_PROVIDERS = /\brequired_providers\s*\{/g;
const ENTRY = /([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*/g;
// `source = "x"`, `"source" = "x"` and `source: "x"` are all one to Terraform.
const SOURCE = /(?:^|[\s{,])"?source"?\s*[:=]\s*"([^"]*)"/g;
const TERRAFORM_BLOCK = /^[ \t]*terraform\s*\{/gm;
const STATE_BLOCK = /^[ \t]*(backend|cloud)(?![A-Za-z0-9_-])/gm;

/**
 * What the local validate refuses before `terraform init` ever runs: calls
 * that read files, module blocks (their sources are downloaded), any
 * provider but oracle/oci and Terraform's built-in one (init would download
 * it, and validate run it), a backend or cloud block (the state lives in
 * Resource Manager), JSON-syntax files (their escapes would hide all of
 * that from this scan), and what Terraform 1.5 cannot read. The scan errs on
 * the side of refusing: a refused call in a string is refused too. It is
 * linear in the text, and stops at {@link MAX_PER_FILE} findings a file.
 */
export function findRefusedConstructs(files: ReadonlyMap<string, string>): TerraformDiagnostic[] {
  const found: TerraformDiagnostic[] = [];
  for (const [file, text] of files) {
    if (file.endsWith('.tf.json')) {
      found.push(refused(file, 1, 'JSON-syntax Terraform is not accepted', `write ${file} in HCL as a .tf file instead`));
      continue;
    }
    const scan = scanHcl(text);
    const mine = refusedIn(file, scan);
    if (mine.length < MAX_PER_FILE) mine.push(...newerThanStackIn(file, scan));
    found.push(...mine.slice(0, MAX_PER_FILE));
  }
  return found;
}

function refusedIn(file: string, scan: HclScan): TerraformDiagnostic[] {
  const found: TerraformDiagnostic[] = [];
  const seen = new Set<string>();
  const add = (index: number, summary: string, detail: string) => {
    const line = scan.lineAt(index);
    if (seen.has(`${line}\0${summary}`)) return;
    seen.add(`${line}\0${summary}`);
    found.push(refused(file, line, summary, detail));
  };
  const full = () => found.length >= MAX_PER_FILE;

  for (const [view, p] of [[scan.code, IN_CODE], [scan.text, IN_TEXT]] as const) {
    for (const m of view.matchAll(p.call)) {
      if (full()) return found;
      add(m.index!, `the ${m[1]}() function is not accepted`,
        `${m[1]}() reads the server's filesystem; a session's Terraform is only its own .tf files: inline the content (a heredoc) instead`);
    }
    for (const m of view.matchAll(p.module)) {
      if (full()) return found;
      add(m.index! + m[0].indexOf('module'), 'module blocks are not accepted',
        'module sources would be downloaded by terraform init; write the resources in the session\'s own .tf files');
    }
    for (const m of view.matchAll(p.typed)) {
      if (full()) return found;
      const localName = m[1] === 'provider' ? m[2] : m[2].split('_')[0];
      if (!ALLOWED_LOCAL_NAMES.has(localName)) add(m.index! + m[0].indexOf(m[1]), ...providerRefused(`${m[1]} "${m[2]}"`));
    }
    for (const m of view.matchAll(PROVIDER_ARGUMENT)) {
      if (full()) return found;
      if (!ALLOWED_LOCAL_NAMES.has(m[1])) add(m.index!, ...providerRefused(`provider = ${m[1]}`));
    }
  }
  // A file has one terraform block, or a few: the first ones are enough to refuse, and keep the scan linear.
  for (const m of [...scan.code.matchAll(REQUIRED_PROVIDERS)].slice(0, MAX_PER_FILE)) {
    if (full()) return found;
    requiredProviders(scan, m.index! + m[0].length - 1, add);
  }
  for (const t of [...scan.code.matchAll(TERRAFORM_BLOCK)].slice(0, MAX_PER_FILE)) {
    const open = t.index! + t[0].length - 1;
    const end = scan.closeOf(open);
    STATE_BLOCK.lastIndex = open;
    for (let m = STATE_BLOCK.exec(scan.code); m && m.index < end && !full(); m = STATE_BLOCK.exec(scan.code)) {
      if (scan.depthAt(m.index) === scan.depthAt(open) + 1) {
        add(m.index! + m[0].indexOf(m[1]), `a ${m[1]} block is not accepted`,
          'Resource Manager keeps the stack\'s state and its lock; a session\'s Terraform names no backend and no cloud');
      }
    }
  }
  return found;
}

/** Each provider the `required_providers` block at `open` names must be oracle/oci (or Terraform's own), by an explicit source. */
function requiredProviders(scan: HclScan, open: number, add: (index: number, summary: string, detail: string) => void): void {
  const end = scan.closeOf(open);
  const depth = scan.depthAt(open) + 1;
  ENTRY.lastIndex = open + 1;
  for (let m = ENTRY.exec(scan.code); m && m.index < end; m = ENTRY.exec(scan.code)) {
    if (scan.depthAt(m.index) !== depth) continue;
    const valueAt = m.index + m[0].length;
    if (!ALLOWED_LOCAL_NAMES.has(m[1])) {
      add(m.index, ...providerRefused(`required_providers ${m[1]}`));
      continue;
    }
    if (scan.code[valueAt] !== '{') {
      add(m.index, ...providerRefused(`${m[1]} needs an explicit source, as ${m[1]} = { source = "oracle/oci" }`));
      continue;
    }
    const object = scan.code.slice(valueAt, scan.closeOf(valueAt) + 1);
    const sources = [...object.matchAll(SOURCE)];
    if (sources.length === 0) add(m.index, ...providerRefused(`${m[1]} needs an explicit source, as ${m[1]} = { source = "oracle/oci" }`));
    for (const s of sources) {
      if (!ALLOWED_SOURCES.has(s[1].toLowerCase())) add(valueAt + s.index! + s[0].indexOf('source'), ...providerRefused(`source = "${s[1].slice(0, 100)}"`));
    }
    ENTRY.lastIndex = Math.max(ENTRY.lastIndex, scan.closeOf(valueAt));
  }
}

function providerRefused(what: string): [string, string] {
  return ['only the oracle/oci provider is accepted', `${what}: terraform init here installs oracle/oci (source "oracle/oci") and nothing else`];
}

function refused(file: string, line: number, summary: string, detail: string): TerraformDiagnostic {
  return { severity: 'error', file, line, summary, detail };
}
