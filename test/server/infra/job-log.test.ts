import { parseChangeCounts, redactSecrets, tail } from '../../../src/server/infra/job-log';

describe('job logs', () => {
  test.each([
    ['Plan: 3 to add, 1 to change, 2 to destroy.', { add: 3, change: 1, destroy: 2 }],
    ['No changes. Your infrastructure matches the configuration.', { add: 0, change: 0, destroy: 0 }],
    ['Apply complete! Resources: 4 added, 0 changed, 1 destroyed.', { add: 4, change: 0, destroy: 1 }],
    ['Destroy complete! Resources: 7 destroyed.', { add: 0, change: 0, destroy: 7 }],
  ])('counts from %s', (line, counts) => {
    expect(parseChangeCounts(`Initializing...\n${line}\n`)).toEqual(counts);
  });

  test('no summary line, no counts; the last summary wins', () => {
    expect(parseChangeCounts('Error: Unsupported argument\n')).toBeUndefined();
    expect(parseChangeCounts('Plan: 1 to add, 0 to change, 0 to destroy.\nApply complete! Resources: 1 added, 0 changed, 0 destroyed.'))
      .toEqual({ add: 1, change: 0, destroy: 0 });
  });

  test('secret-looking things are redacted; OCIDs and ordinary text are kept', () => {
    const token = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_0123456789';
    const ocid = 'ocid1.instance.oc1.ap-tokyo-1.anxhiljrabcdefghijklmnopqrstuvwxyz0123456789abcdefghijkl';
    const text = [
      `url = https://gw.example.com/${token}/mcp`,
      `instance ${ocid} created`,
      'admin_password = "S3cr3t-P@ss"',
      '"api_key": "abc123"',
      'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
      `sha = ${'0123456789abcdef'.repeat(4)}`,
      'Plan: 3 to add, 0 to change, 0 to destroy.',
    ].join('\n');
    const out = redactSecrets(text, [token]);
    expect(out).not.toContain(token);
    expect(out).toContain(ocid);
    expect(out).not.toContain('S3cr3t');
    expect(out).not.toContain('abc123');
    expect(out).not.toContain('eyJhbGci');
    expect(out).not.toContain('MIIEowIBAAKCAQEA');
    expect(out).not.toContain('0123456789abcdef0123');
    expect(out).toContain('admin_password = "[REDACTED]"');
    expect(out).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
  });

  test('tail keeps the end, bounded in lines and characters', () => {
    const log = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const t = tail(log, 10, 10_000);
    expect(t.text.split('\n')).toEqual(Array.from({ length: 10 }, (_, i) => `line ${490 + i}`));
    expect(t.truncated).toBe(true);
    expect(tail(log, 1000, 20).text.length).toBe(20);
    expect(tail('short\n', 10, 100)).toEqual({ text: 'short', truncated: false });
  });
});
