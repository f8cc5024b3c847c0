import { createHash } from 'node:crypto';
import { GalleyError } from '../errors';
import type { ArtifactStore } from '../storage/artifact-store';

/** Where a session's Terraform lives among its artifacts (`export_iac` replaces it wholesale). */
export const TERRAFORM_PREFIX = 'terraform/';

/** Largest single file `update_terraform_file` accepts, in characters. */
export const MAX_TERRAFORM_FILE_CHARS = 256 * 1024;
/** Most files in one session's Terraform. */
export const MAX_TERRAFORM_FILES = 100;

/**
 * Lowercase, so no two names are one file on a case-insensitive disk (a
 * laptop's file store) yet two files in the zip (`Main.tf`, `main.tf`).
 */
const FILE_NAME = /^[a-z0-9_][a-z0-9_.-]{0,96}\.tf$/;

/**
 * A flat HCL Terraform file name: no directories, no `..`, no hidden files.
 * Only `.tf`: JSON syntax would hide what the local validate's guard scans
 * for, and a `.tfvars` file would override the variables Resource Manager
 * is given (the compartment, the region). Anything else is someone else's file.
 */
export function isTerraformFileName(name: string): boolean {
  return FILE_NAME.test(name) && !name.includes('..');
}

export function assertTerraformFileName(name: string): void {
  if (!isTerraformFileName(name)) {
    throw new GalleyError(
      'invalid_arguments',
      // The name is not echoed: it is the caller's text, and could hold anything.
      '`file` must be a Terraform file name in the session\'s terraform directory: lowercase, ending in .tf, like main.tf ' +
        '(no directories, no hidden files, no .tf.json or .tfvars)',
    );
  }
}

/** The session's Terraform files by name, in name order. */
export async function readTerraformFiles(artifacts: ArtifactStore, sessionId: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of await artifacts.listArtifacts(sessionId, TERRAFORM_PREFIX)) {
    const name = path.slice(TERRAFORM_PREFIX.length);
    // Only the flat Terraform files go to Resource Manager; anything else there is not ours to ship.
    if (!isTerraformFileName(name)) continue;
    const artifact = await artifacts.getArtifact(sessionId, path);
    if (artifact) files.set(name, artifact.content);
  }
  return files;
}

/** One hash over names and contents: the same files give the same hash. */
export function hashFiles(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) hash.update(`${name}\0${files.get(name)}\0`);
  return hash.digest('hex');
}
