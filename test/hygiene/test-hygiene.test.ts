import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import { withoutOciSdkRetrierWarnings } from '../helpers/quiet-oci-sdk';
import { standInTrusting, STAND_IN_REGION } from '../server/helpers/object-storage-fixture';
import { createOciTestCredentials } from '../server/helpers/oci-test-credentials';

const ROOT = resolve(__dirname, '../..');

describe('a test run leaves no cdktf.outdir.* behind', () => {
  test('a jest run that synthesizes (Testing.synthScope, Testing.app) leaves none in its temp dir', () => {
    // A temp dir of its own, so other runs on the machine do not count.
    const outer = mkdtempSync(join(tmpdir(), 'galley-hygiene-'));
    const cache = join(ROOT, 'node_modules', '.cache', 'galley-jest-hygiene');
    mkdirSync(cache, { recursive: true });
    try {
      const run = spawnSync('npx', [
        'jest', '--ci', '--cacheDirectory', cache,
        '--testMatch', '<rootDir>/test/hygiene/fixtures/*.fixture.ts',
      ], { cwd: ROOT, env: { ...process.env, TMPDIR: outer }, encoding: 'utf8' });
      // The fixture itself checks that the synths did make outdirs.
      expect(run.stderr).toMatch(/Tests:\s+1 passed, 1 total/);
      expect(run.status).toBe(0);
      const left = readdirSync(outer);
      expect(left.filter((name) => name.startsWith('cdktf.outdir.'))).toEqual([]);
      expect(left.filter((name) => name.startsWith('galley-jest-'))).toEqual([]);
    } finally {
      rmSync(outer, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("the OCI SDK's warnings for expected failures", () => {
  const credentials = createOciTestCredentials();
  const standIn = standInTrusting(credentials, ['galley-quiet']);
  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());

  /** The warnings the filter lets through while `act` runs against the stand-in with `key`'s credentials. */
  async function warningsDuring(key: typeof credentials, act: (client: ObjectStorageClient) => Promise<unknown>): Promise<unknown[][]> {
    const seen: unknown[][] = [];
    const original = console.warn;
    console.warn = withoutOciSdkRetrierWarnings((...args) => seen.push(args));
    const client = new ObjectStorageClient(
      { authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(key.configFile) },
      { retryConfiguration: common.NoRetryConfigurationDetails },
    );
    client.regionId = STAND_IN_REGION;
    client.endpoint = standIn.endpoint;
    try {
      await act(client);
    } finally {
      console.warn = original;
      client.close();
    }
    return seen;
  }

  test('an expected 404 (no such object) prints nothing', async () => {
    const seen = await warningsDuring(credentials, (client) => expect(client.getObject({
      namespaceName: standIn.namespace, bucketName: 'galley-quiet', objectName: 'never-written',
    })).rejects.toMatchObject({ statusCode: 404 }));
    expect(seen).toEqual([]);
  });

  test('a 401 (a key the service does not trust) still prints', async () => {
    const seen = await warningsDuring(createOciTestCredentials(), (client) => expect(client.getObject({
      namespaceName: standIn.namespace, bucketName: 'galley-quiet', objectName: 'x',
    })).rejects.toMatchObject({ statusCode: 401 }));
    expect(seen).toEqual([[expect.stringMatching(/^Request cannot be retried\. .*authentication/)]]);
  });

  test('a 404 for a missing bucket (a misconfiguration, not an expected miss) still prints', async () => {
    const seen = await warningsDuring(credentials, (client) => expect(client.getObject({
      namespaceName: standIn.namespace, bucketName: 'no-such-bucket', objectName: 'x',
    })).rejects.toMatchObject({ statusCode: 404 }));
    expect(seen).toEqual([[expect.stringMatching(/bucket named 'no-such-bucket' does not exist/)]]);
  });

  test('an expected 412 from the real SDK prints nothing; any other warning still does', async () => {
    const seen: unknown[][] = [];
    const original = console.warn;
    console.warn = withoutOciSdkRetrierWarnings((...args) => seen.push(args));
    const client = new ObjectStorageClient(
      { authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(credentials.configFile) },
      { retryConfiguration: common.NoRetryConfigurationDetails },
    );
    client.regionId = STAND_IN_REGION;
    client.endpoint = standIn.endpoint;
    try {
      const put = () => client.putObject({
        namespaceName: standIn.namespace, bucketName: 'galley-quiet', objectName: 'once', putObjectBody: 'x', ifNoneMatch: '*',
      });
      await put();
      await expect(put()).rejects.toMatchObject({ statusCode: 412 });
      console.warn('something else');
    } finally {
      console.warn = original;
      client.close();
    }
    expect(seen).toEqual([['something else']]);
  });
});
