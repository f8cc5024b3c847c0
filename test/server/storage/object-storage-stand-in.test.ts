import { Readable } from 'node:stream';
import * as common from 'oci-common';
import { ObjectStorageClient } from 'oci-objectstorage';
import { standInTrusting } from '../helpers/object-storage-fixture';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';

/**
 * The stand-in answers the real SDK the way Object Storage does, for every
 * operation it offers, so the store's tests mean what they say.
 */
describe('the Object Storage stand-in, driven by the OCI SDK', () => {
  const credentials = createOciTestCredentials();
  const standIn = standInTrusting(credentials, ['b']);
  let client: ObjectStorageClient;
  const where = () => ({ namespaceName: standIn.namespace, bucketName: 'b' });
  const status = (promise: Promise<unknown>) => promise.then(() => 200, (err: { statusCode?: number }) => err.statusCode);

  beforeAll(async () => {
    await standIn.start();
    client = new ObjectStorageClient(
      { authenticationDetailsProvider: new common.ConfigFileAuthenticationDetailsProvider(credentials.configFile) },
      { retryConfiguration: common.NoRetryConfigurationDetails },
    );
    client.endpoint = standIn.endpoint;
  });
  afterAll(async () => {
    client.close();
    await standIn.stop();
  });

  test('GetNamespace, Put/Head/Get/List/Delete with ETags and conditions', async () => {
    expect((await client.getNamespace({})).value).toBe(standIn.namespace);
    const put = await client.putObject({ ...where(), objectName: 'a/one.json', putObjectBody: '{"n":1}', ifNoneMatch: '*' });
    expect(put.eTag).toEqual(expect.any(String));
    expect(await status(client.putObject({ ...where(), objectName: 'a/one.json', putObjectBody: 'x', ifNoneMatch: '*' }))).toBe(412);
    expect(await status(client.putObject({ ...where(), objectName: 'a/one.json', putObjectBody: 'x', ifMatch: 'stale' }))).toBe(412);

    const head = await client.headObject({ ...where(), objectName: 'a/one.json' });
    expect(head.eTag).toBe(put.eTag);
    const got = await client.getObject({ ...where(), objectName: 'a/one.json' });
    expect(await new Response(got.value as ReadableStream).text()).toBe('{"n":1}');
    expect(got.eTag).toBe(put.eTag);

    const second = await client.putObject({ ...where(), objectName: 'a/one.json', putObjectBody: Readable.from(['{"n":2}']), contentLength: 7, ifMatch: put.eTag });
    expect(second.eTag).not.toBe(put.eTag);
    await client.putObject({ ...where(), objectName: 'b/two.json', putObjectBody: '{}' });
    const listed = await client.listObjects({ ...where(), prefix: 'a/' });
    expect(listed.listObjects.objects.map((o) => o.name)).toEqual(['a/one.json']);

    expect(await status(client.deleteObject({ ...where(), objectName: 'a/one.json', ifMatch: put.eTag }))).toBe(412);
    await client.deleteObject({ ...where(), objectName: 'a/one.json', ifMatch: second.eTag });
    expect(await status(client.headObject({ ...where(), objectName: 'a/one.json' }))).toBe(404);
    expect(await status(client.getObject({ namespaceName: standIn.namespace, bucketName: 'nope', objectName: 'x' }))).toBe(404);
    expect(standIn.unsignedRequests).toBe(0);
  });
});
