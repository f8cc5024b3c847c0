import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OciTestCredentials {
  /** An `~/.oci/config`-style file naming the key; pass as OCI_CONFIG_FILE. */
  readonly configFile: string;
  /** What the SDK puts in the signature's keyId: tenancy/user/fingerprint. */
  readonly keyId: string;
  readonly publicKeyPem: string;
}

/** A fresh RSA key pair and config profile, made at test time and never committed. */
export function createOciTestCredentials(region = 'ap-tokyo-1'): OciTestCredentials {
  const dir = mkdtempSync(join(tmpdir(), 'galley-oci-'));
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const fingerprint = createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
  const tenancy = 'ocid1.tenancy.oc1..aaaaaaaagalleytesttenancy';
  const user = 'ocid1.user.oc1..aaaaaaaagalleytestuser';
  const configFile = join(dir, 'config');
  writeFileSync(configFile, [
    '[DEFAULT]',
    `user=${user}`,
    `fingerprint=${fingerprint}`,
    `tenancy=${tenancy}`,
    `region=${region}`,
    `key_file=${keyFile}`,
    '',
  ].join('\n'), { mode: 0o600 });
  return {
    configFile,
    keyId: `${tenancy}/${user}/${fingerprint}`,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
