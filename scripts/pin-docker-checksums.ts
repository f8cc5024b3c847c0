// Refreshes the SHA-256 pins in docker/Dockerfile from each publisher's own
// checksum files, for the versions the Dockerfile names. Run it (with
// network) after changing a version, review the diff, commit. (The oracle/oci
// provider has no pin here: Terraform verifies its signature in the image build.)
//
//   npx projen docker:pin
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './terraform';

export const DOCKERFILE = join(REPO_ROOT, 'docker', 'Dockerfile');
const ARCHES = ['amd64', 'arm64'] as const;

type FetchText = (url: string) => Promise<string>;

interface PinnedTool {
  /** The ARG prefix: `<PREFIX>_VERSION`, `<PREFIX>_SHA256_AMD64`, ... */
  readonly prefix: string;
  /** Checksum file URL and the file name to look up in it, per version and arch. */
  readonly source: (version: string, arch: string) => { url: string; file?: string };
}

export const PINNED_TOOLS: readonly PinnedTool[] = [
  {
    prefix: 'TERRAFORM',
    source: (v, arch) => ({
      url: `https://releases.hashicorp.com/terraform/${v}/terraform_${v}_SHA256SUMS`,
      file: `terraform_${v}_linux_${arch}.zip`,
    }),
  },
  {
    prefix: 'KUBECTL',
    // kubectl publishes one bare digest per binary.
    source: (v, arch) => ({ url: `https://dl.k8s.io/release/v${v}/bin/linux/${arch}/kubectl.sha256` }),
  },
];

/** The value of `ARG <name>=<value>` in the Dockerfile's global section. */
export function argValue(dockerfile: string, name: string): string | undefined {
  return new RegExp(`^ARG ${name}=(.*)$`, 'm').exec(dockerfile)?.[1].trim();
}

function digestFrom(text: string, file: string | undefined, url: string): string {
  const lines = text.trim().split('\n').map((l) => l.trim().split(/\s+/));
  const match = file ? lines.find((fields) => fields[1]?.replace(/^\*/, '') === file) : lines[0];
  const digest = match?.[0];
  if (!digest || !/^[0-9a-f]{64}$/.test(digest)) throw new Error(`no SHA-256 ${file ? `for ${file} ` : ''}in ${url}`);
  return digest;
}

/** The Dockerfile with every `<TOOL>_SHA256_<ARCH>` pin set from the publishers' files. */
export async function pinChecksums(dockerfile: string, fetchText: FetchText): Promise<string> {
  let out = dockerfile;
  for (const tool of PINNED_TOOLS) {
    const version = argValue(dockerfile, `${tool.prefix}_VERSION`);
    if (!version) throw new Error(`docker/Dockerfile has no ARG ${tool.prefix}_VERSION`);
    for (const arch of ARCHES) {
      const { url, file } = tool.source(version, arch);
      const digest = digestFrom(await fetchText(url), file, url);
      const name = `${tool.prefix}_SHA256_${arch.toUpperCase()}`;
      if (argValue(out, name) === undefined) throw new Error(`docker/Dockerfile has no ARG ${name}`);
      out = out.replace(new RegExp(`^ARG ${name}=.*$`, 'm'), `ARG ${name}=${digest}`);
    }
  }
  return out;
}

async function fetchOverHttps(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

if (require.main === module) {
  pinChecksums(readFileSync(DOCKERFILE, 'utf8'), fetchOverHttps)
    .then((updated) => {
      writeFileSync(DOCKERFILE, updated);
      process.stderr.write('docker/Dockerfile: checksums pinned from the publishers; review and commit the diff\n');
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
