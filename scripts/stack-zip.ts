// Builds the Resource Manager stack zip from the committed Terraform of deploy/
// (deploy/terraform/main.tf.json) and its schema.yaml, at the zip's root as
// Resource Manager expects. The release workflow attaches it to each release;
// the README's "Deploy to Oracle Cloud" button points at that asset.
//
// The zip's files are derived from the committed ones, deterministically:
// - Resource Manager wants at least one `.tf` file in the working directory
//   (Oracle's "Terraform Configurations for Resource Manager"), so the zip
//   carries a `versions.tf` holding the `required_version` constraint, which
//   moves there out of main.tf.json (Terraform rejects it twice).
// - Resource Manager keeps the state itself, so the zip's main.tf.json drops
//   the local backend the committed stack declares for plain `terraform apply`.
//
//   npx projen deploy:stack-zip      -> dist/resource-manager/galley-mcp-stack.zip
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { REPO_ROOT } from './terraform';

export const STACK_DIR = join(REPO_ROOT, 'deploy', 'terraform');
/** The zip's entries, in order; nothing else from deploy/terraform (state, .terraform/) goes in. */
export const STACK_FILES = ['main.tf.json', 'versions.tf', 'schema.yaml'] as const;
export const STACK_ZIP_NAME = 'galley-mcp-stack.zip';
export const STACK_ZIP = join(REPO_ROOT, 'dist', 'resource-manager', STACK_ZIP_NAME);

// A fixed timestamp, so the same sources always make the same bytes. (Zip
// stores local time; local components keep it the same in every time zone.)
const MTIME = new Date(2000, 0, 1);

type StackFile = typeof STACK_FILES[number];

/** The text of each of the zip's files, derived from the committed stack in `dir`. */
export function stackFiles(dir = STACK_DIR): Record<StackFile, string> {
  const stack = JSON.parse(readFileSync(join(dir, 'main.tf.json'), 'utf8'));
  const { backend: _backend, required_version: requiredVersion, ...terraform } = stack.terraform ?? {};
  if (typeof requiredVersion !== 'string') {
    throw new Error(`${join(dir, 'main.tf.json')} has no terraform.required_version to move into versions.tf`);
  }
  return {
    'main.tf.json': `${JSON.stringify({ ...stack, terraform }, null, 2)}\n`,
    'versions.tf': `terraform {\n  required_version = ${JSON.stringify(requiredVersion)}\n}\n`,
    'schema.yaml': readFileSync(join(dir, 'schema.yaml'), 'utf8'),
  };
}

/** The zip's bytes, from the committed stack in `dir`. */
export function stackZip(dir = STACK_DIR): Uint8Array {
  const files = stackFiles(dir);
  const entries = Object.fromEntries(STACK_FILES.map((name) => [
    name,
    [new TextEncoder().encode(files[name]), { mtime: MTIME }] as const,
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
