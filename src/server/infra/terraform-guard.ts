import { findNewerThanStack } from './terraform-dialect';
import { blockEnd, lineAt } from './terraform-text';
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

// HCL lets comments sit between tokens: `file /* x */ ("...")` is still a call.
const GAP = String.raw`(?:\s|/\*[\s\S]*?\*/|#[^\n]*|//[^\n]*)*`;
const FUNCTION_CALL = new RegExp(String.raw`\b(${REFUSED_FUNCTIONS.join('|')})${GAP}\(`, 'g');
// A block header starts its line (after a comment at most).
const LINE_START = String.raw`(?:^|\*/)[ \t]*`;
// A keyword must end where the word does: `data_storage_size_in_tbs = 1` is an argument, not a data block.
const KEYWORD_END = '(?![A-Za-z0-9_-])';
const MODULE_BLOCK = new RegExp(String.raw`${LINE_START}module${KEYWORD_END}(?![ \t]*=)`, 'gm');
const TYPED_BLOCK = new RegExp(String.raw`${LINE_START}(resource|data|ephemeral|provider)${KEYWORD_END}${GAP}"?([A-Za-z0-9_-]+)`, 'gm');
const PROVIDER_ARGUMENT = /\bprovider\s*=\s*([A-Za-z][A-Za-z0-9_-]*)/g;
const REQUIRED_PROVIDERS = /\brequired_providers\s*\{/g;
const SOURCE = /\bsource\s*=\s*"([^"]*)"/g;

/**
 * What the local validate refuses before `terraform init` ever runs: calls
 * that read files, module blocks (their sources are downloaded), any
 * provider but oracle/oci and Terraform's built-in one (init would download
 * and run it), and JSON-syntax files (their escapes would hide all of
 * that from this scan). The scan is textual and errs on the side of
 * refusing: a refused name in a comment or a string is refused too.
 * Constructs newer than the stack's Terraform 1.5 are refused with them.
 */
export function findRefusedConstructs(files: ReadonlyMap<string, string>): TerraformDiagnostic[] {
  const found: TerraformDiagnostic[] = [];
  for (const [file, text] of files) {
    if (file.endsWith('.tf.json')) {
      found.push(refused(file, 1, 'JSON-syntax Terraform is not accepted', `write ${file} in HCL as a .tf file instead`));
      continue;
    }
    for (const m of text.matchAll(FUNCTION_CALL)) {
      found.push(refused(file, lineAt(text, m.index!), `the ${m[1]}() function is not accepted`,
        `${m[1]}() reads the server's filesystem; a session's Terraform is only its own .tf files: inline the content (a heredoc) instead`));
    }
    for (const m of text.matchAll(MODULE_BLOCK)) {
      found.push(refused(file, lineAt(text, m.index! + m[0].indexOf('module')), 'module blocks are not accepted',
        'module sources would be downloaded by terraform init; write the resources in the session\'s own .tf files'));
    }
    for (const m of text.matchAll(TYPED_BLOCK)) {
      const localName = m[1] === 'provider' ? m[2] : m[2].split('_')[0];
      if (!ALLOWED_LOCAL_NAMES.has(localName)) found.push(providerRefused(file, lineAt(text, m.index! + m[0].indexOf(m[1])), `${m[1]} "${m[2]}"`));
    }
    for (const m of text.matchAll(PROVIDER_ARGUMENT)) {
      if (!ALLOWED_LOCAL_NAMES.has(m[1])) found.push(providerRefused(file, lineAt(text, m.index!), `provider = ${m[1]}`));
    }
    for (const m of text.matchAll(REQUIRED_PROVIDERS)) {
      const start = m.index! + m[0].length;
      const body = text.slice(start, blockEnd(text, start));
      for (const s of body.matchAll(SOURCE)) {
        if (!ALLOWED_SOURCES.has(s[1].toLowerCase())) found.push(providerRefused(file, lineAt(text, start + s.index!), `source = "${s[1].slice(0, 100)}"`));
      }
    }
  }
  return [...found, ...findNewerThanStack(new Map([...files].filter(([file]) => !file.endsWith('.tf.json'))))];
}

function providerRefused(file: string, line: number, what: string): TerraformDiagnostic {
  return refused(file, line, 'only the oracle/oci provider is accepted',
    `${what}: terraform init here installs oracle/oci (source "oracle/oci") and nothing else`);
}

function refused(file: string, line: number, summary: string, detail: string): TerraformDiagnostic {
  return { severity: 'error', file, line, summary, detail };
}
