import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { ROOT, keywordArgs, loadDockerfile } from './dockerfile-model';
import { ensurePythonTool } from '../../scripts/python-venv';
import { terraformInit } from '../../scripts/terraform';

const PROVIDER_PLATFORM = 'linux_amd64';

/** The runtime stage's ENV, as `docker run` starts with it (unexpanded). */
export function runtimeEnv(): Record<string, string> {
  const runtime = loadDockerfile().stages.at(-1)!;
  const env: Record<string, string> = {};
  for (const content of keywordArgs(runtime, 'ENV')) {
    for (const [, key, value] of content.matchAll(/(\w+)=(\S+)/g)) env[key] = value;
  }
  return env;
}

/**
 * The provider package for oracle/oci at `version`, as this machine's Terraform
 * installs it (the registry's real provider, or wherever TF_CLI_CONFIG_FILE
 * points): what `terraform providers mirror` downloads in the image build.
 */
function providerPackage(version: string): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-provider-'));
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({
    terraform: { required_providers: { oci: { source: 'oracle/oci', version } } },
  }));
  terraformInit(dir);
  const installed = join(dir, '.terraform', 'providers', 'registry.terraform.io', 'oracle', 'oci', version, PROVIDER_PLATFORM);
  return new Map(readdirSync(installed).map((name) => [name, readFileSync(join(installed, name))]));
}

export interface ImageLayout {
  /** Stands for `/` of the image: `<root>/opt/terraform`, `<root>/opt/oci-cli`. */
  readonly root: string;
  /** The runtime ENV with its `/opt/...` paths under `root` and `${PATH}` expanded. */
  readonly env: Record<string, string>;
}

/**
 * The runtime's /opt as the image lays it out: docker/terraformrc, the packed
 * provider mirror `terraform providers mirror` writes (the zip, index.json and
 * <version>.json), with this machine's oracle/oci in place of the downloaded
 * zip, and the OCI CLI's virtual environment installed from
 * docker/oci-cli-requirements.txt with --require-hashes, as the image does.
 */
export function layOutImage(): ImageLayout {
  const docker = loadDockerfile();
  const version = docker.args.OCI_PROVIDER_VERSION;
  const root = mkdtempSync(join(tmpdir(), 'galley-image-root-'));
  const opt = join(root, 'opt');

  const providers = join(opt, 'terraform', 'providers');
  const terraformrc = readFileSync(join(ROOT, 'docker', 'terraformrc'), 'utf8');
  if (!terraformrc.includes('path    = "/opt/terraform/providers"')) throw new Error('docker/terraformrc no longer reads /opt/terraform/providers');
  mkdirSync(join(providers, 'registry.terraform.io', 'oracle', 'oci'), { recursive: true });
  writeFileSync(join(opt, 'terraform', 'terraformrc'), terraformrc.replace('/opt/terraform/providers', providers));

  const files = providerPackage(version);
  const zip = zipSync(Object.fromEntries([...files].map(([name, bytes]) => [
    name,
    // Unix (os 3) mode bits, a regular executable file, in the high 16 bits of
    // the external attributes: Terraform keeps them when it unpacks the zip.
    [new Uint8Array(bytes), { os: 3, attrs: 0o100755 * 0x10000 }] as const,
  ])) as Parameters<typeof zipSync>[0]);
  const typeDir = join(providers, 'registry.terraform.io', 'oracle', 'oci');
  const zipName = `terraform-provider-oci_${version}_${PROVIDER_PLATFORM}.zip`;
  writeFileSync(join(typeDir, zipName), zip);
  // The network-mirror index files providers mirror writes beside the zip.
  const zh = `zh:${createHash('sha256').update(zip).digest('hex')}`;
  writeFileSync(join(typeDir, 'index.json'), JSON.stringify({ versions: { [version]: {} } }));
  writeFileSync(join(typeDir, `${version}.json`), JSON.stringify({ archives: { [PROVIDER_PLATFORM]: { url: zipName, hashes: [zh] } } }));

  const venv = ensurePythonTool({
    name: 'oci-cli',
    requirements: join(ROOT, 'docker', 'oci-cli-requirements.txt'),
    executable: 'oci',
    requireHashes: true,
  }).replace(/\/bin\/oci$/, '');
  symlinkSync(venv, join(opt, 'oci-cli'));

  const env = Object.fromEntries(Object.entries(runtimeEnv()).map(([key, value]) => [
    key,
    value.replace(/(^|:)\/opt\//g, `$1${opt}/`).replace('${PATH}', process.env.PATH ?? ''),
  ]));
  if (!statSync(env.TF_CLI_CONFIG_FILE).isFile()) throw new Error(`no ${env.TF_CLI_CONFIG_FILE}`);
  return { root, env };
}
