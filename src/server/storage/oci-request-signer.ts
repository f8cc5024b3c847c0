import { KeyObject, createPrivateKey, sign } from 'node:crypto';
import * as common from 'oci-common';

/** The SDK signs these with the body headers too; they stay with its signer. */
const WITH_BODY: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);
/** What OCI signs on a request without a body, in this order (as `DefaultRequestSigner.headersToSign`). */
const SIGNED = ['x-date', '(request-target)', 'host'] as const;

interface DelegatingProvider {
  getAuthType?: () => unknown;
  getProvider?: () => unknown;
}

/**
 * The SDK's request signer, with the private key parsed once. The SDK's own
 * signer hands the key to http-signature as PEM on every request, which
 * parses it in JavaScript and then once more in Node: half of what a
 * `get_rm_job_status` poll costs Galley. For a request without a body
 * (GET, HEAD, DELETE) this signer writes the very same Authorization header
 * (RSA-SHA256 is deterministic: a test checks it byte for byte) from a Node
 * `KeyObject` made once per key. A resource principal's session key rotates:
 * a new PEM makes a new `KeyObject`. Bodies, and providers that delegate to
 * another (instance principals, delegation tokens), go to the SDK's signer.
 */
export class CachedKeyRequestSigner implements common.RequestSigner {
  private readonly sdk: common.DefaultRequestSigner;
  private key?: { readonly pem: string; readonly object?: KeyObject };

  constructor(private readonly provider: common.AuthenticationDetailsProvider) {
    this.sdk = new common.DefaultRequestSigner(provider);
  }

  async signHttpRequest(request: common.HttpRequest, forceExcludeBody = false): Promise<void> {
    const delegating = this.provider as DelegatingProvider;
    if (WITH_BODY.has(request.method.toUpperCase()) || delegating.getAuthType?.() || delegating.getProvider?.()) {
      return this.sdk.signHttpRequest(request, forceExcludeBody);
    }
    const keyId = await this.provider.getKeyId();
    const key = this.keyObject();
    // A key Node cannot read (OpenSSH's own format, which the SDK's parser takes): the SDK signs.
    if (!key) return this.sdk.signHttpRequest(request, forceExcludeBody);
    const url = new URL(request.uri);
    if (!request.headers.has('host')) request.headers.set('host', url.host);
    const now = new Date().toUTCString();
    if (!request.headers.has('x-date')) request.headers.set('x-date', now);
    // Unsigned, but http-signature sets it under the SDK's signer too: the requests stay alike.
    if (!request.headers.has('date')) request.headers.set('date', now);
    const signingString = SIGNED.map((name) => name === '(request-target)'
      ? `${name}: ${request.method.toLowerCase()} ${url.pathname}${url.search}`
      : `${name}: ${request.headers.get(name)}`).join('\n');
    const signature = sign('sha256', Buffer.from(signingString), key).toString('base64');
    request.headers.set('authorization',
      `Signature version="1",keyId="${keyId}",algorithm="rsa-sha256",headers="${SIGNED.join(' ')}",signature="${signature}"`);
  }

  private keyObject(): KeyObject | undefined {
    const pem = this.provider.getPrivateKey();
    if (this.key?.pem !== pem) {
      const passphrase = this.provider.getPassphrase() ?? undefined;
      let object: KeyObject | undefined;
      try {
        object = createPrivateKey(passphrase ? { key: pem, passphrase } : { key: pem });
      } catch {
        object = undefined;
      }
      this.key = { pem, object };
    }
    return this.key.object;
  }
}
