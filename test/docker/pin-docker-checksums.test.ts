import { readFileSync } from 'node:fs';
import { DOCKERFILE, argValue, pinChecksums } from '../../scripts/pin-docker-checksums';

const digest = (seed: string) => seed.repeat(64).slice(0, 64);

/** The publishers' checksum files, as they lay them out, for the versions the Dockerfile names. */
function publishers(dockerfile: string): Map<string, string> {
  const tf = argValue(dockerfile, 'TERRAFORM_VERSION');
  const kubectl = argValue(dockerfile, 'KUBECTL_VERSION');
  return new Map([
    [`https://releases.hashicorp.com/terraform/${tf}/terraform_${tf}_SHA256SUMS`, [
      `${digest('0')}  terraform_${tf}_darwin_arm64.zip`,
      `${digest('1')}  terraform_${tf}_linux_amd64.zip`,
      `${digest('2')}  terraform_${tf}_linux_arm64.zip`,
    ].join('\n')],
    [`https://dl.k8s.io/release/v${kubectl}/bin/linux/amd64/kubectl.sha256`, digest('6')],
    [`https://dl.k8s.io/release/v${kubectl}/bin/linux/arm64/kubectl.sha256`, digest('7')],
  ]);
}

describe('docker:pin', () => {
  const dockerfile = readFileSync(DOCKERFILE, 'utf8');

  test('sets every pin from the right line of the right publisher file, and nothing else', async () => {
    const files = publishers(dockerfile);
    const asked: string[] = [];
    const pinned = await pinChecksums(dockerfile, async (url) => {
      asked.push(url);
      const text = files.get(url);
      if (text === undefined) throw new Error(`unexpected URL ${url}`);
      return text;
    });
    expect(new Set(asked)).toEqual(new Set(files.keys()));
    expect(argValue(pinned, 'TERRAFORM_SHA256_AMD64')).toBe(digest('1'));
    expect(argValue(pinned, 'TERRAFORM_SHA256_ARM64')).toBe(digest('2'));
    expect(argValue(pinned, 'KUBECTL_SHA256_AMD64')).toBe(digest('6'));
    expect(argValue(pinned, 'KUBECTL_SHA256_ARM64')).toBe(digest('7'));
    const changed = pinned.split('\n').filter((line, i) => line !== dockerfile.split('\n')[i]);
    expect(changed.every((line) => /^ARG [A-Z_]+_SHA256_(AMD64|ARM64)=[0-9a-f]{64}$/.test(line))).toBe(true);
  });

  test('refuses a checksum file without the artifact', async () => {
    await expect(pinChecksums(dockerfile, async () => 'nothing useful here')).rejects.toThrow(/no SHA-256/);
  });
});
