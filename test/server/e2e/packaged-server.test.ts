import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { installPackedPackage } from '../../helpers/packed-package';
import { postInitialize } from '../helpers/mcp-client';
import { startServerProcess } from '../helpers/server-process';

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
    const app = installPackedPackage(work, { omitDev: true });
    const bin = path.join(app, 'node_modules', '.bin', 'galley-server');
    const token = 'pack-test-token-0123456789abcdef0123456789';
    const server = await startServerProcess({ GALLEY_URL_TOKEN: token, GALLEY_DATA_DIR: path.join(work, 'data') }, { entry: bin, cwd: app });
    try {
      const { status, body } = await postInitialize(`${server.base}/${token}/mcp`);
      expect(status).toBe(200);
      expect(body.result.serverInfo.name).toBe('galley');
    } finally {
      await server.stop();
    }
  });
});
