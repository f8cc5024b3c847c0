// Synthesizes deploy/ and refreshes deploy/terraform/main.tf.json, the stack
// users apply with Terraform alone. A test fails when the committed copy is stale.
//
//   ts-node scripts/synth-deploy.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './terraform';
import { synthesize } from '../deploy/main';

export const DEPLOY_STACK = 'galley';
export const COMMITTED_STACK = join(REPO_ROOT, 'deploy', 'terraform', 'main.tf.json');

/** The synthesized stack, as the text committed in deploy/terraform/main.tf.json. */
export function synthDeployStack(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'galley-deploy-'));
  try {
    synthesize(outdir);
    const stack = JSON.parse(readFileSync(join(outdir, 'stacks', DEPLOY_STACK, 'cdk.tf.json'), 'utf8'));
    return `${JSON.stringify(stack, null, 2)}\n`;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  writeFileSync(COMMITTED_STACK, synthDeployStack());
  process.stderr.write(`wrote ${COMMITTED_STACK}\n`);
}
