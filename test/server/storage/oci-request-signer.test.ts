import { generateKeyPairSync } from 'node:crypto';
import * as common from 'oci-common';
import { CachedKeyRequestSigner } from '../../../src/server/storage/oci-request-signer';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';

const X_DATE = 'Thu, 26 Nov 2026 13:00:00 GMT';

function request(method: string, uri: string, body?: string): common.HttpRequest {
  const headers = new Headers({ 'x-date': X_DATE });
  if (body !== undefined) headers.set('content-type', 'application/json');
  return { method, uri, headers, body } as common.HttpRequest;
}

async function signedBy(signer: common.RequestSigner, method: string, uri: string, body?: string): Promise<Record<string, string>> {
  const r = request(method, uri, body);
  await signer.signHttpRequest(r);
  // `date` is unsigned, set to the moment of signing: present, and otherwise left out of the comparison.
  expect(r.headers.get('date')).toMatch(/ GMT$/);
  return Object.fromEntries([...(r.headers as unknown as Iterable<[string, string]>)].filter(([name]) => name !== 'date'));
}

/** A provider whose key can be swapped, as a resource principal's session key rotates. */
function rotatingProvider(keyId: string): common.AuthenticationDetailsProvider & { rotate(): void } {
  const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let key = pem();
  return {
    getKeyId: async () => keyId,
    getPrivateKey: () => key,
    getPassphrase: () => null,
    rotate: () => { key = pem(); },
  } as unknown as common.AuthenticationDetailsProvider & { rotate(): void };
}

describe('CachedKeyRequestSigner', () => {
  const provider = new common.ConfigFileAuthenticationDetailsProvider(createOciTestCredentials().configFile);

  test.each([
    ['GET', 'https://resourcemanager.ap-tokyo-1.oci.oraclecloud.com/20180917/jobs/ocid1.ormjob.oc1..x/logs/content'],
    ['GET', 'https://objectstorage.ap-tokyo-1.oraclecloud.com/n/ns/b/galley/o?prefix=sessions%2F&limit=1000'],
    ['DELETE', 'https://objectstorage.ap-tokyo-1.oraclecloud.com/n/ns/b/galley/o/sessions%2Fa%2Fsession.json'],
    ['HEAD', 'http://127.0.0.1:4312/n/ns/b/galley/o/x'],
  ])('signs a %s %s byte for byte as the SDK\'s signer does', async (method, uri) => {
    const ours = await signedBy(new CachedKeyRequestSigner(provider), method, uri);
    const sdk = await signedBy(new common.DefaultRequestSigner(provider), method, uri);
    expect(ours).toEqual(sdk);
    expect(ours.authorization).toMatch(/^Signature version="1",keyId="[^"]+",algorithm="rsa-sha256",headers="x-date \(request-target\) host",signature="[A-Za-z0-9+/=]+"$/);
  });

  test('a request with a body is the SDK\'s to sign, with the body headers', async () => {
    const uri = 'https://resourcemanager.ap-tokyo-1.oci.oraclecloud.com/20180917/jobs';
    const ours = await signedBy(new CachedKeyRequestSigner(provider), 'POST', uri, '{"stackId":"x"}');
    expect(ours).toEqual(await signedBy(new common.DefaultRequestSigner(provider), 'POST', uri, '{"stackId":"x"}'));
    expect(ours.authorization).toMatch(/headers="x-date \(request-target\) host content-type content-length x-content-sha256"/i);
  });

  test('a rotated key signs with the new key at once', async () => {
    const rotating = rotatingProvider('ST$token');
    const signer = new CachedKeyRequestSigner(rotating);
    const uri = 'https://resourcemanager.ap-tokyo-1.oci.oraclecloud.com/20180917/jobs/x';
    const before = await signedBy(signer, 'GET', uri);
    rotating.rotate();
    const after = await signedBy(signer, 'GET', uri);
    expect(after.authorization).not.toBe(before.authorization);
    expect(after).toEqual(await signedBy(new common.DefaultRequestSigner(rotating), 'GET', uri));
  });

  test('a key in OpenSSH\'s own format, which Node cannot read and the SDK can, is signed by the SDK', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sshpk = require('sshpk') as { parsePrivateKey(pem: string): { toString(format: string): string } };
    const pkcs8 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const openssh = sshpk.parsePrivateKey(pkcs8).toString('ssh-private');
    expect(openssh).toContain('BEGIN OPENSSH PRIVATE KEY');
    const sshKeys = { getKeyId: async () => 'ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa:bb', getPrivateKey: () => openssh, getPassphrase: () => null } as unknown as common.AuthenticationDetailsProvider;
    const uri = 'https://resourcemanager.ap-tokyo-1.oci.oraclecloud.com/20180917/jobs/x';
    expect(await signedBy(new CachedKeyRequestSigner(sshKeys), 'GET', uri)).toEqual(await signedBy(new common.DefaultRequestSigner(sshKeys), 'GET', uri));
  });
});

