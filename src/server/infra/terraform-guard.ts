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

/** The providers a session's Terraform may require, as Terraform names them: oracle/oci, and Terraform's own. */
export const ALLOWED_PROVIDERS: ReadonlySet<string> = new Set(['registry.terraform.io/oracle/oci', 'terraform.io/builtin/terraform']);
/** Provider local names a block may imply (`oci_core_vcn` implies `oci`; `terraform_data` is built in). */
const ALLOWED_LOCAL_NAMES = new Set(['oci', 'terraform']);
/** Enough to fix a file by; more would only cost time. */
const MAX_PER_FILE = 20;

// A keyword must end where the word does: `data_storage_size_in_tbs = 1` is an argument, not a data block.
const KEYWORD_END = '(?![A-Za-z0-9_-])';
const NAMES = REFUSED_FUNCTIONS.join('|');
const BLOCK_TYPES = '(resource|data|ephemeral|provider)';

/**
 * A call of a refused function, looked for twice: in the code (where a
 * comment between name and parenthesis is blanked) and in the raw text
 * (so that a comment or string the scan misread never hides one).
 */
const CALL = new RegExp(String.raw`\b(${NAMES})\s*\(`, 'g');
/** Patterns for the text with comments blanked (`HclScan.code`). */
const IN_CODE = {
  module: new RegExp(String.raw`^[ \t]*module${KEYWORD_END}(?![ \t]*=)`, 'gm'),
  // \s: a comment blanked in the code view may have held a line break between keyword and label.
  typed: new RegExp(String.raw`^[ \t]*${BLOCK_TYPES}${KEYWORD_END}\s*"?([A-Za-z0-9_-]+)`, 'gm'),
};
// A state block on the raw text too, for the same reason. Every run of \s in
// these patterns ends where the pattern must go on, so no input makes them rescan.
const RAW_STATE_BLOCK = /^[ \t]*(backend[ \t]+"|cloud[ \t]*\{)/gm;
const PROVIDER_ARGUMENT = /\bprovider[ \t]*=[ \t]*([A-Za-z][A-Za-z0-9_-]*)/g;
const TERRAFORM_BLOCK = /^[ \t]*terraform\s*\{/gm;
const STATE_BLOCK = /^[ \t]*(backend|cloud)(?![A-Za-z0-9_-])/gm;
const STATE_DETAIL = 'Resource Manager keeps the stack\'s state and its lock; a session\'s Terraform names no backend and no cloud';

/**
 * What the local validate refuses before terraform ever reads the files:
 * calls that read files, module blocks (their sources are downloaded), the
 * usual spellings of a provider other than oracle/oci and Terraform's own
 * (the validator then asks `terraform providers`, Terraform's own reading,
 * before init), a backend or cloud block (the state lives in Resource
 * Manager), JSON-syntax files (their escapes would hide all of that from
 * this scan), and what Terraform 1.5 cannot read. The scan errs on the side
 * of refusing: a refused call in a comment or a string is refused too. It is
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

  const callDetail = (fn: string) => `${fn}() reads the server's filesystem; a session's Terraform is only its own .tf files: inline the content (a heredoc) instead`;
  for (const m of scan.code.matchAll(CALL)) {
    if (full()) return found;
    add(m.index!, `the ${m[1]}() function is not accepted`, callDetail(m[1]));
  }
  for (const m of scan.text.matchAll(CALL)) {
    if (full()) return found;
    // Only here, not in the code: a comment or a string reads like a call. It is refused all the same.
    const inProse = scan.code.slice(m.index!, m.index! + m[0].length) !== m[0];
    add(m.index!, `the ${m[1]}() function is not accepted`, inProse
      ? `"${m[0]}" reads as a call of ${m[1]}(), which reads the server's filesystem; it seems to be in a comment or a string, but the guard refuses it there too: reword it (say "the ${m[1]} of" or drop the parenthesis)`
      : callDetail(m[1]));
  }
  // Block headers count only in code: not in a heredoc or a string (the code view keeps those).
  const inCode = (at: number) => scan.skeleton[at] === scan.text[at];
  for (const m of scan.code.matchAll(IN_CODE.module)) {
    if (full()) return found;
    if (!inCode(m.index! + m[0].indexOf('module'))) continue;
    add(m.index! + m[0].indexOf('module'), 'module blocks are not accepted',
      'module sources would be downloaded by terraform init; write the resources in the session\'s own .tf files');
  }
  // Early word on the usual cases; Terraform's own reading of the providers (`terraform providers`) has the last.
  for (const m of scan.code.matchAll(IN_CODE.typed)) {
    if (full()) return found;
    const localName = m[1] === 'provider' ? m[2] : m[2].split('_')[0];
    if (inCode(m.index! + m[0].indexOf(m[1])) && !ALLOWED_LOCAL_NAMES.has(localName)) add(m.index! + m[0].indexOf(m[1]), ...providerRefused(`${m[1]} "${m[2]}"`));
  }
  for (const m of scan.code.matchAll(PROVIDER_ARGUMENT)) {
    if (full()) return found;
    if (!ALLOWED_LOCAL_NAMES.has(m[1])) add(m.index!, ...providerRefused(`provider = ${m[1]}`));
  }
  for (const m of scan.text.matchAll(RAW_STATE_BLOCK)) {
    if (full()) return found;
    const kind = m[1].startsWith('backend') ? 'backend' : 'cloud';
    add(m.index! + m[0].indexOf(kind), `a ${kind} block is not accepted`, STATE_DETAIL);
  }
  for (const t of [...scan.code.matchAll(TERRAFORM_BLOCK)].slice(0, MAX_PER_FILE)) {
    const open = t.index! + t[0].length - 1;
    const end = scan.closeOf(open);
    STATE_BLOCK.lastIndex = open;
    for (let m = STATE_BLOCK.exec(scan.code); m && m.index < end && !full(); m = STATE_BLOCK.exec(scan.code)) {
      if (scan.depthAt(m.index) === scan.depthAt(open) + 1) {
        add(m.index! + m[0].indexOf(m[1]), `a ${m[1]} block is not accepted`, STATE_DETAIL);
      }
    }
  }
  return found;
}

function providerRefused(what: string): [string, string] {
  return ['only the oracle/oci provider is accepted', `${what}: terraform init here installs oracle/oci (source "oracle/oci") and nothing else`];
}

function refused(file: string, line: number, summary: string, detail: string): TerraformDiagnostic {
  return { severity: 'error', file, line, summary, detail };
}
