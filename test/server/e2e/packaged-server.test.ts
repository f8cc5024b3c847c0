import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startServerProcess } from '../helpers/server-process';

const ROOT = path.resolve(__dirname, '../../..');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });

/**
 * What a user gets: the packed tarball, installed with production
 * dependencies only into an empty directory, started through its bin.
 */
describe('the packed package', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'galley-pack-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('installs with --omit=dev, starts galley-server and answers initialize', async () => {
    const tarball = npm(['pack', '--pack-destination', work, '--silent'], ROOT).trim().split('\n').pop()!;
    const app = path.join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    npm(['install', '--omit=dev', '--no-audit', '--no-fund', path.join(work, tarball)], app);

    const bin = path.join(app, 'node_modules', '.bin', 'galley-server');
    const token = 'pack-test-token-0123456789abcdef0123456789';
    const server = await startServerProcess({ GALLEY_URL_TOKEN: token, GALLEY_DATA_DIR: path.join(work, 'data') }, { entry: bin, cwd: app });
    try {
      const res = await fetch(`${server.base}/${token}/mcp`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pack', version: '1' } },
        }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).result.serverInfo.name).toBe('galley');
    } finally {
      await server.stop();
    }
  });
});
