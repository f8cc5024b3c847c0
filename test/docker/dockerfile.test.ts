import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKERFILE_PATH, ROOT, copies, jsonStrings, keywordArgs, loadDockerfile } from './dockerfile-model';
import { OCI_PROVIDER_VERSION, OCI_PROVIDER_VERSION_CONSTRAINT } from '../../src/deployment/oci-provider-version';
import { GALLEY_DEFAULT_PORT, GALLEY_HEALTH_PATH } from '../../src/runtime-contract';

const docker = loadDockerfile();
const stage = (name: string) => {
  const found = docker.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
};
const runtime = docker.stages[docker.stages.length - 1];
const SHA_ARG = /^[A-Z_]+_SHA256_(AMD64|ARM64)$/;

describe('docker/Dockerfile', () => {
  test('has the tools, build, oci-cli and runtime stages, the runtime last, all on one current Node.js LTS', () => {
    expect(docker.stages.map((s) => s.name)).toEqual(['tools', 'build', 'oci-cli', 'runtime']);
    for (const s of docker.stages) expect(s.image).toBe('node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim');
    const [major] = docker.args.NODE_VERSION.split('.').map(Number);
    expect(docker.args.NODE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(major % 2).toBe(0); // even majors are the LTS lines
    expect(major).toBeGreaterThanOrEqual(22);
  });

  test('the runtime runs as a non-root user', () => {
    const users = keywordArgs(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
  });

  test('every downloaded artifact has a pinned version and is checked against a pinned SHA-256', () => {
    const tools = stage('tools');
    const runs = keywordArgs(tools, 'RUN').join('\n');
    // Downloads happen only through fetch-verified, which refuses a missing checksum:
    // no other URL, no curl or wget call, no ADD of a URL anywhere.
    for (const s of docker.stages) {
      for (const run of keywordArgs(s, 'RUN')) {
        expect(run.replace(/fetch-verified "https:\/\/[^"]+"/g, '')).not.toMatch(/https?:\/\/|(^|&&|;|\|)\s*(curl|wget)\b/);
      }
      expect(keywordArgs(s, 'ADD')).toEqual([]);
    }
    const fetches = [...runs.matchAll(/fetch-verified "([^"]+)" (\S+) "\$\{(\w+)\}"/g)];
    expect(fetches.map((f) => f[1])).toEqual([
      expect.stringContaining('${TERRAFORM_VERSION}'),
      expect.stringContaining('${OCI_PROVIDER_VERSION}'),
      expect.stringContaining('${KUBECTL_VERSION}'),
    ]);
    for (const [, url, , shaVar] of fetches) {
      expect(url).toMatch(/^https:\/\//);
      expect(url).not.toMatch(/latest/);
      // The per-arch variable is set from exactly the two pinned ARGs.
      const prefix = /\$\{(\w+)_VERSION\}/.exec(url)![1];
      expect(runs).toContain(`${shaVar}="\${${prefix}_SHA256_AMD64}"`);
      expect(runs).toContain(`${shaVar}="\${${prefix}_SHA256_ARM64}"`);
      expect(docker.args[`${prefix}_VERSION`]).toMatch(/^\d+\.\d+\.\d+$/);
    }
    const script = readFileSync(join(ROOT, 'docker', 'fetch-verified'), 'utf8');
    expect(script).toMatch(/sha256sum --check --strict/);
    expect(script).toMatch(/--proto '=https'/);
  });

  test('Terraform and kubectl checksums are pinned for both architectures', () => {
    for (const name of ['TERRAFORM', 'KUBECTL']) {
      for (const arch of ['AMD64', 'ARM64']) expect(docker.args[`${name}_SHA256_${arch}`]).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  // Open: this machine cannot reach GitHub, where oracle/oci publishes its
  // SHA256SUMS, and the Dockerfile fails closed without them. `npx projen
  // docker:pin` fills them in; then this must become a plain test.
  test.failing('the oracle/oci provider checksums are pinned for both architectures', () => {
    for (const arch of ['AMD64', 'ARM64']) expect(docker.args[`OCI_PROVIDER_SHA256_${arch}`]).toMatch(/^[0-9a-f]{64}$/);
  });

  test('fetch-verified refuses to download without a well-formed pinned checksum', () => {
    for (const sha of ['', 'not-a-digest', 'A'.repeat(64)]) {
      const result = spawnSync(join(ROOT, 'docker', 'fetch-verified'), ['https://example.invalid/x', '/dev/null', sha], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('no pinned SHA-256');
    }
  });

  test('every checksum ARG is used, and versions and checksums live only in the global ARGs', () => {
    const shaArgs = Object.keys(docker.args).filter((a) => SHA_ARG.test(a));
    expect(shaArgs).toHaveLength(6);
    for (const s of docker.stages) {
      for (const arg of keywordArgs(s, 'ARG')) expect(arg).not.toContain('='); // stages only re-declare
    }
    expect(docker.text.match(/\b[0-9a-f]{64}\b/g)!.length).toBe(
      shaArgs.filter((a) => /^[0-9a-f]{64}$/.test(docker.args[a])).length,
    );
  });

  test("the provider version is the construct's, and its constraint admits it", () => {
    expect(docker.args.OCI_PROVIDER_VERSION).toBe(OCI_PROVIDER_VERSION);
    const [, major, minor] = /^~> (\d+)\.(\d+)$/.exec(OCI_PROVIDER_VERSION_CONSTRAINT)!;
    const [vMajor, vMinor] = OCI_PROVIDER_VERSION.split('.').map(Number);
    expect(vMajor).toBe(Number(major));
    expect(vMinor).toBeGreaterThanOrEqual(Number(minor));
  });

  test('the OCI CLI is pinned, every Python package with its hashes, on Python 3.12 or newer', () => {
    const requirements = readFileSync(join(ROOT, 'docker', 'oci-cli-requirements.txt'), 'utf8');
    const pins = [...requirements.matchAll(/^([a-z0-9._-]+)==(\S+) \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)/gm)];
    const names = requirements.match(/^[a-z0-9._-]+==/gm)!;
    expect(pins).toHaveLength(names.length);
    expect(requirements).toContain(`oci-cli==${docker.args.OCI_CLI_VERSION} \\`);
    const ociCli = keywordArgs(stage('oci-cli'), 'RUN').join('\n');
    expect(ociCli).toContain('--require-hashes -r /tmp/oci-cli-requirements.txt');
    // Debian trixie's python3 is 3.13; bookworm's 3.11 would be too old.
    expect(docker.args.DEBIAN_RELEASE).toBe('trixie');
  });

  test('no secret or token is baked in', () => {
    for (const s of docker.stages) {
      for (const kw of ['ENV', 'ARG', 'LABEL']) {
        for (const content of keywordArgs(s, kw)) {
          expect(content).not.toMatch(/GALLEY_URL_TOKEN|SECRET|PASSWORD|PRIVATE_KEY|OCI_CLI_KEY|_TOKEN=/i);
        }
      }
    }
    expect(docker.text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8');
    expect(ignore.split('\n')[1]).toBe('*'); // everything is out unless listed
    expect(ignore).not.toMatch(/^!\.galley|^!\.oci|^!\.env/m);
  });

  test('HEALTHCHECK and ENTRYPOINT run files the build produces, on the contract port, stopped by SIGTERM', () => {
    const [health] = keywordArgs(runtime, 'HEALTHCHECK');
    const [entrypoint] = keywordArgs(runtime, 'ENTRYPOINT');
    expect(jsonStrings(health)).toEqual(['node', 'lib/server/healthcheck.js']);
    expect(jsonStrings(entrypoint)).toEqual(['node', 'lib/server/main.js']);
    expect(keywordArgs(runtime, 'WORKDIR')).toEqual(['/app']);
    expect(copies(runtime)).toContainEqual({ from: 'build', sources: ['/src/lib'], destination: './lib' });
    // The build produces them from these sources (the test run follows the compile).
    for (const file of ['lib/server/healthcheck.js', 'lib/server/main.js']) {
      expect(existsSync(join(ROOT, file))).toBe(true);
      expect(existsSync(join(ROOT, file.replace(/^lib/, 'src').replace(/\.js$/, '.ts')))).toBe(true);
    }
    expect(readFileSync(join(ROOT, 'src/server/healthcheck.ts'), 'utf8')).toContain('GALLEY_HEALTH_PATH');
    expect(GALLEY_HEALTH_PATH).toBe('/health');
    expect(keywordArgs(runtime, 'EXPOSE')).toEqual([String(GALLEY_DEFAULT_PORT)]);
    expect(keywordArgs(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
    const env = keywordArgs(runtime, 'ENV').join(' ');
    expect(env).toContain('GALLEY_HOST=0.0.0.0');
    expect(env).toContain(`GALLEY_PORT=${GALLEY_DEFAULT_PORT}`);
  });

  test('every COPY source exists in the repository and is in the build context', () => {
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    const fromContext = docker.stages.flatMap(copies).filter((c) => c.from === undefined);
    expect(fromContext.length).toBeGreaterThan(0);
    for (const { sources } of fromContext) {
      for (const source of sources) {
        expect(existsSync(join(ROOT, source))).toBe(true);
        const top = source.replace(/\/$/, '').split('/')[0];
        expect(ignore.some((line) => line === `!${top}` || line === `!${top}/`)).toBe(true);
      }
    }
    // And every --from names a stage defined before it.
    for (const [index, s] of docker.stages.entries()) {
      for (const { from } of copies(s)) {
        if (from !== undefined) expect(docker.stages.slice(0, index).map((x) => x.name)).toContain(from);
      }
    }
  });

  test('carries the OCI image labels', () => {
    const labels = keywordArgs(runtime, 'LABEL').join(' ');
    for (const key of ['title', 'description', 'source', 'licenses']) {
      expect(labels).toContain(`org.opencontainers.image.${key}=`);
    }
    expect(DOCKERFILE_PATH).toContain('docker/Dockerfile');
  });
});
