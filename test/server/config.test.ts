import { ConfigError, loadConfig } from '../../src/server/config';

const OBJECT_STORAGE = { GALLEY_STORAGE: 'object-storage', GALLEY_BUCKET: 'b', GALLEY_REGION: 'ap-tokyo-1' };

describe('loadConfig', () => {
  test('local defaults: file store on loopback with a generated token', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8000, urlTokenGenerated: true, storage: { kind: 'file', dataDir: './.galley' } });
    expect(config.urlToken).toMatch(/^[0-9a-f]{64}$/);
  });

  test('object storage uses Resource Principal when OCI_RESOURCE_PRINCIPAL_VERSION is set', () => {
    expect(loadConfig({ ...OBJECT_STORAGE, OCI_RESOURCE_PRINCIPAL_VERSION: '2.2', OCI_CONFIG_FILE: '/x' }).storage)
      .toEqual({ kind: 'object-storage', bucket: 'b', region: 'ap-tokyo-1', namespace: undefined, endpoint: undefined, auth: { kind: 'resource-principal' } });
  });

  test('otherwise the ~/.oci/config profile, honouring OCI_CONFIG_FILE and OCI_CONFIG_PROFILE', () => {
    expect(loadConfig({ ...OBJECT_STORAGE, GALLEY_NAMESPACE: 'ns', OCI_CONFIG_FILE: '/etc/oci/config', OCI_CONFIG_PROFILE: 'POC' }).storage)
      .toMatchObject({ namespace: 'ns', auth: { kind: 'config-file', file: '/etc/oci/config', profile: 'POC' } });
    expect(loadConfig(OBJECT_STORAGE).storage).toMatchObject({ auth: { kind: 'config-file', file: undefined, profile: undefined } });
  });

  test('object storage needs a bucket and a region; the endpoint override must be a URL', () => {
    expect(() => loadConfig({ GALLEY_STORAGE: 'object-storage' })).toThrow(ConfigError);
    expect(() => loadConfig({ GALLEY_STORAGE: 'object-storage' })).toThrow(/GALLEY_BUCKET is required.*GALLEY_REGION is required/);
    expect(() => loadConfig({ ...OBJECT_STORAGE, GALLEY_OBJECT_STORAGE_ENDPOINT: 'not a url' })).toThrow(/GALLEY_OBJECT_STORAGE_ENDPOINT/);
    expect(loadConfig({ ...OBJECT_STORAGE, GALLEY_OBJECT_STORAGE_ENDPOINT: 'http://127.0.0.1:9000' }).storage)
      .toMatchObject({ endpoint: 'http://127.0.0.1:9000' });
  });

  test('a bad token is named, never echoed', () => {
    expect(() => loadConfig({ GALLEY_URL_TOKEN: 'short-secret' })).toThrow(/GALLEY_URL_TOKEN/);
    expect(() => loadConfig({ GALLEY_URL_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });

  test('the SSE stream cap: 100 by default, a positive integer when set', () => {
    expect(loadConfig({}).maxSseStreams).toBe(100);
    expect(loadConfig({ GALLEY_MAX_SSE_STREAMS: '5' }).maxSseStreams).toBe(5);
    for (const bad of ['0', '-1', '2.5', 'many']) {
      expect(() => loadConfig({ GALLEY_MAX_SSE_STREAMS: bad })).toThrow(/GALLEY_MAX_SSE_STREAMS/);
    }
  });
});
