// Builds the Resource Manager stack zip: the committed Terraform of deploy/
// (deploy/terraform/main.tf.json) and its schema.yaml, at the zip's root as
// Resource Manager expects. The release workflow attaches it to each release;
// the README's "Deploy to Oracle Cloud" button points at that asset.
//
//   npx projen deploy:stack-zip      -> dist/resource-manager/galley-mcp-stack.zip
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { REPO_ROOT } from './terraform';

export const STACK_DIR = join(REPO_ROOT, 'deploy', 'terraform');
/** What goes into the zip, by name; nothing else from deploy/terraform (state, .terraform/) does. */
export const STACK_FILES = ['main.tf.json', 'schema.yaml'] as const;
export const STACK_ZIP_NAME = 'galley-mcp-stack.zip';
export const STACK_ZIP = join(REPO_ROOT, 'dist', 'resource-manager', STACK_ZIP_NAME);

// A fixed timestamp, so the same sources always make the same bytes. (Zip
// stores local time; local components keep it the same in every time zone.)
const MTIME = new Date(2000, 0, 1);

/** The zip's bytes, from the files in `dir`. */
export function stackZip(dir = STACK_DIR): Uint8Array {
  const entries = Object.fromEntries(STACK_FILES.map((name) => [
    name,
    [new Uint8Array(readFileSync(join(dir, name))), { mtime: MTIME }] as const,
  ]));
  return zipSync(entries as Parameters<typeof zipSync>[0], { level: 9 });
}

/** Writes the zip to `out` and returns its path. */
export function writeStackZip(out = STACK_ZIP, dir = STACK_DIR): string {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, stackZip(dir));
  return out;
}

if (require.main === module) {
  process.stderr.write(`wrote ${writeStackZip()}\n`);
}
