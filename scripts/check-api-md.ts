// In CI (a clean clone), the API.md that docgen just regenerated must equal
// the committed one: a stale API.md fails the build. Locally the regenerated
// file simply stays in the working tree, to be committed with the change.
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './terraform';

if (process.env.CI && process.env.CI !== 'false') {
  const diff = spawnSync('git', ['diff', '--quiet', '--', 'API.md'], { cwd: REPO_ROOT });
  if (diff.status !== 0) {
    process.stderr.write('API.md is stale: run `npx projen build` and commit API.md\n');
    process.exit(1);
  }
}
