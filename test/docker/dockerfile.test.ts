import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Arg, DockerfileParser } from 'dockerfile-ast';
import { DOCKERFILE_PATH, ROOT, copies, jsonStrings, keywordArgs, loadDockerfile } from './dockerfile-model';
import { OCI_PROVIDER_VERSION, OCI_PROVIDER_VERSION_CONSTRAINT } from '../../src/deployment/oci-provider-version';
import { GALLEY_DEFAULT_PORT, GALLEY_HEALTH_PATH } from '../../src/runtime-contract';
import { STACK_TERRAFORM_VERSION } from '../../src/server/infra/resource-manager';
import { STACK_TERRAFORM_CLI } from '../../src/server/infra/terraform-dialect';

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

  test('the runtime runs as a non-root numeric UID and GID, which owns the data directory', () => {
    const users = keywordArgs(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const last = users[users.length - 1];
    // A number, so a runtime that enforces non-root (runAsNonRoot) can check it.
    const [, uid, gid] = /^(\d+):(\d+)$/.exec(last) ?? [];
    expect(Number(uid)).toBeGreaterThan(0);
    expect(Number(gid)).toBeGreaterThan(0);
    expect(keywordArgs(runtime, 'RUN').join('\n')).toContain(`chown ${uid}:${gid} /data`);
  });

  test('tini, from Debian, is PID 1 and runs the server', () => {
    const [entrypoint] = keywordArgs(runtime, 'ENTRYPOINT');
    const argv = jsonStrings(entrypoint);
    expect(argv.slice(0, 2)).toEqual(['/usr/bin/tini', '--']);
    const install = keywordArgs(runtime, 'RUN').find((r) => r.includes('apt-get install'))!;
    expect(install.split(/\s+/)).toContain('tini');
    expect(docker.stages.flatMap((s) => copies(s)).some((c) => c.destination.includes('tini'))).toBe(false);
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

  test('no ARG that holds a checksum is empty or malformed, in the global section or any stage', () => {
    const parsed = DockerfileParser.parse(docker.text);
    const checksumArgs = parsed.getInstructions()
      .filter((i): i is Arg => i.getKeyword() === 'ARG')
      .flatMap((arg) => arg.getProperties())
      .filter((p) => /SHA|SUM|DIGEST|HASH/i.test(p.getName()));
    expect(checksumArgs.length).toBeGreaterThan(0);
    for (const property of checksumArgs) {
      const value = property.getValue();
      // A stage may re-declare a global ARG (no value at all), never set it empty.
      if (value === null) {
        expect(docker.args[property.getName()]).toMatch(/^[0-9a-f]{64}$/);
      } else {
        expect({ name: property.getName(), value }).toEqual({ name: property.getName(), value: expect.stringMatching(/^[0-9a-f]{64}$/) });
      }
    }
  });

  test('the oracle/oci provider comes through Terraform\'s own verification, into the mirror terraformrc reads', () => {
    const runs = keywordArgs(stage('tools'), 'RUN').join('\n');
    const mirror = /(\S+) providers mirror -platform="linux_\$\{TARGETARCH\}" (\S+)/.exec(runs);
    expect(mirror).not.toBeNull();
    const [, terraform, target] = mirror!;
    // The Terraform that verifies it is the one fetched against its pinned SHA-256.
    expect(terraform).toBe('/opt/tools/bin/terraform');
    expect(runs.indexOf('fetch-verified "https://releases.hashicorp.com/terraform/')).toBeLessThan(runs.indexOf('providers mirror'));
    // An exact version (no constraint), from the one ARG that names it.
    expect(runs).toContain('"source":"oracle/oci","version":"%s"');
    expect(runs).toContain('"${OCI_PROVIDER_VERSION}" > main.tf.json');
    expect(docker.args.OCI_PROVIDER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    // Nothing switches the verification off.
    expect(runs).not.toMatch(/-lock(-file)?=false|TF_.*SKIP|insecure/i);
    expect(Object.keys(docker.args).filter((a) => a.startsWith('OCI_PROVIDER_SHA256'))).toEqual([]);
    const terraformrc = readFileSync(join(ROOT, 'docker', 'terraformrc'), 'utf8');
    expect(terraformrc).toContain(`path    = "${target}"`);
    expect(runs).toContain(`${target}/registry.terraform.io/oracle/oci/terraform-provider-oci_\${OCI_PROVIDER_VERSION}_linux_\${TARGETARCH}.zip`);
    expect(docker.text).toMatch(/We chose this over pins that\n# `docker:pin` fills because/);
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
    expect(shaArgs).toHaveLength(4);
    for (const s of docker.stages) {
      for (const arg of keywordArgs(s, 'ARG')) expect(arg).not.toContain('='); // stages only re-declare
    }
    expect(docker.text.match(/\b[0-9a-f]{64}\b/g)!.length).toBe(
      shaArgs.filter((a) => /^[0-9a-f]{64}$/.test(docker.args[a])).length,
    );
  });

  test("Terraform is Resource Manager's own (the stacks' 1.5.x is 1.5.7), so the local validate accepts what a job runs", () => {
    expect(docker.args.TERRAFORM_VERSION).toBe(STACK_TERRAFORM_CLI);
    expect(STACK_TERRAFORM_CLI.startsWith(STACK_TERRAFORM_VERSION.replace(/x$/, ''))).toBe(true);
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
    expect(jsonStrings(entrypoint)).toEqual(['/usr/bin/tini', '--', 'node', 'lib/server/main.js']);
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

  test('base.name names the runtime stage\'s real base, with every ARG it uses declared in that stage', () => {
    const labels = keywordArgs(runtime, 'LABEL').join(' ');
    const baseName = /org\.opencontainers\.image\.base\.name="([^"]+)"/.exec(labels)?.[1];
    expect(baseName).toBe(`docker.io/library/${runtime.image}`);
    // An ARG from before the first FROM is empty inside a stage unless redeclared there.
    const declared = keywordArgs(runtime, 'ARG').map((arg) => arg.split('=')[0]);
    for (const [, name] of baseName!.matchAll(/\$\{(\w+)\}/g)) expect(declared).toContain(name);
    const resolved = baseName!.replace(/\$\{(\w+)\}/g, (_, name: string) => docker.args[name]);
    expect(resolved).toMatch(/^docker\.io\/library\/node:[\d.]+-trixie-slim$/);
  });
});
