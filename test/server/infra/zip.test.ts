import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, zipFiles } from '../../../src/server/infra/zip';

describe('the store-only zip writer', () => {
  test('crc32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  test('the real unzip tests it and extracts exactly the files, UTF-8 names and contents included', () => {
    const files = new Map<string, string>([
      ['main.tf', 'resource "oci_core_vcn" "poc" {}\n'],
      ['variables.tf', `variable "region" {}\n${'# padding\n'.repeat(5000)}`],
      ['説明.tf', '# 日本語のコメント\n'],
      ['empty.tf', ''],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'galley-zip-'));
    try {
      writeFileSync(join(dir, 'config.zip'), zipFiles(files));
      // -t checks every entry's CRC; a wrong one fails the command.
      expect(execFileSync('unzip', ['-t', 'config.zip'], { cwd: dir, encoding: 'utf8' })).toContain('No errors detected');
      const out = join(dir, 'out');
      execFileSync('unzip', ['-q', 'config.zip', '-d', out], { cwd: dir });
      expect(readdirSync(out).sort()).toEqual([...files.keys()].sort());
      for (const [name, content] of files) expect(readFileSync(join(out, name), 'utf8')).toBe(content);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the same files give the same bytes', () => {
    const files = new Map([['main.tf', 'x']]);
    expect(zipFiles(files).equals(zipFiles(new Map(files)))).toBe(true);
  });
});
