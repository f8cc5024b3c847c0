import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ArtifactStore } from '../../../src/server/storage/artifact-store';
import { FileArtifactStore } from '../../../src/server/storage/file-artifact-store';
import { MemoryArtifactStore } from '../../../src/server/storage/memory-artifact-store';
import { ObjectStorageArtifactStore } from '../../../src/server/storage/object-storage-artifact-store';
import { ObjectStorageSessionStore } from '../../../src/server/storage/object-storage-session-store';
import { standInLocation, standInTrusting } from '../helpers/object-storage-fixture';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';

const BUCKET = 'galley-artifacts';
const credentials = createOciTestCredentials();
const standIn = standInTrusting(credentials, [BUCKET]);
const dirs: string[] = [];
const closers: Array<() => Promise<void>> = [];

beforeAll(() => standIn.start());
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
  await standIn.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const IMPLEMENTATIONS: Array<[string, () => ArtifactStore]> = [
  ['file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-artifacts-'));
    dirs.push(dir);
    return new FileArtifactStore(dir);
  }],
  ['object storage (stand-in, real OCI SDK)', () => {
    const store = new ObjectStorageArtifactStore(standInLocation(standIn, BUCKET, credentials), { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 });
    closers.push(() => store.close());
    return store;
  }],
  ['memory', () => new MemoryArtifactStore()],
];

describe.each(IMPLEMENTATIONS)('ArtifactStore contract: %s', (_name, open) => {
  test('writes, reads back, lists by prefix (sorted) and replaces a directory wholesale', async () => {
    const store = open();
    const id = randomUUID();
    await store.putArtifacts(id, [
      { path: 'exports/summary.md', content: '# 日本語の要約\n' },
      { path: 'terraform/main.tf', content: 'terraform {}\n' },
      { path: 'terraform/network.tf', content: '# net\n' },
      { path: 'exports/architecture.mmd', content: 'flowchart TB\n' },
    ]);
    expect(await store.getArtifact(id, 'exports/summary.md')).toEqual({ path: 'exports/summary.md', content: '# 日本語の要約\n' });
    expect(await store.listArtifacts(id, '')).toEqual([
      'exports/architecture.mmd', 'exports/summary.md', 'terraform/main.tf', 'terraform/network.tf',
    ]);
    expect(await store.listArtifacts(id, 'terraform/')).toEqual(['terraform/main.tf', 'terraform/network.tf']);

    await store.deleteArtifacts(id, 'terraform/');
    await store.putArtifacts(id, [{ path: 'terraform/main.tf', content: 'terraform { required_version = ">= 1.5" }\n' }]);
    expect(await store.listArtifacts(id, 'terraform/')).toEqual(['terraform/main.tf']);
    expect((await store.getArtifact(id, 'terraform/main.tf'))!.content).toContain('required_version');
    expect(await store.getArtifact(id, 'terraform/network.tf')).toBeUndefined();
    expect(await store.listArtifacts(id, 'exports/')).toHaveLength(2);
  });

  test('an unknown session or path has nothing, and sessions do not see each other', async () => {
    const store = open();
    const [a, b] = [randomUUID(), randomUUID()];
    await store.putArtifacts(a, [{ path: 'exports/summary.md', content: 'a' }]);
    expect(await store.getArtifact(b, 'exports/summary.md')).toBeUndefined();
    expect(await store.listArtifacts(b, '')).toEqual([]);
    expect(await store.getArtifact(a, 'exports/missing.md')).toBeUndefined();
    await store.deleteArtifacts(b, 'exports/');
    expect(await store.listArtifacts(a, '')).toEqual(['exports/summary.md']);
  });

  test.each([
    '../escape.md', 'exports/../../x', '/etc/passwd', 'exports//x', 'exports/.hidden', '', 'a b.md', 'exports\\x', 'session.json', 'x/'.repeat(10) + 'y',
  ])('refuses the path %j', async (bad) => {
    const store = open();
    const id = randomUUID();
    await expect(store.putArtifacts(id, [{ path: bad, content: 'x' }])).rejects.toMatchObject({ kind: 'invalid_arguments' });
    await expect(store.getArtifact(id, bad)).rejects.toMatchObject({ kind: 'invalid_arguments' });
  });

  test('refuses a session id that is not a UUID and a prefix without its slash', async () => {
    const store = open();
    await expect(store.putArtifacts('../sessions', [{ path: 'a.md', content: 'x' }])).rejects.toMatchObject({ kind: 'invalid_arguments' });
    await expect(store.listArtifacts(randomUUID(), 'exports')).rejects.toMatchObject({ kind: 'invalid_arguments' });
    await expect(store.deleteArtifacts(randomUUID(), '../')).rejects.toMatchObject({ kind: 'invalid_arguments' });
  });
});

describe('FileArtifactStore', () => {
  test('keeps artifacts in the session directory, leaves no temp files, and never lists one a crash left', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-artifacts-'));
    dirs.push(dir);
    const store = new FileArtifactStore(dir);
    const id = randomUUID();
    await store.putArtifacts(id, [{ path: 'exports/summary.md', content: 'x' }]);
    const exportsDir = path.join(dir, 'sessions', id, 'exports');
    expect(readdirSync(exportsDir)).toEqual(['summary.md']);
    // What a crash between write and rename leaves behind.
    writeFileSync(path.join(exportsDir, '.summary.md.abc.tmp'), 'torn');
    expect(await store.listArtifacts(id, '')).toEqual(['exports/summary.md']);
    expect(existsSync(path.join(dir, 'sessions', `${id}.json`))).toBe(false);
  });
});

describe('ObjectStorageArtifactStore', () => {
  test('writes under sessions/<id>/ beside the session document, which it never lists or deletes', async () => {
    const location = standInLocation(standIn, BUCKET, credentials);
    const sessions = new ObjectStorageSessionStore(location);
    const artifacts = new ObjectStorageArtifactStore(location);
    closers.push(() => sessions.close(), () => artifacts.close());
    const id = randomUUID();
    const now = new Date().toISOString();
    await sessions.create({ id, status: 'in_progress', locale: 'en', created_at: now, updated_at: now, answers: {} });
    await artifacts.putArtifacts(id, [{ path: 'exports/summary.md', content: 'x' }]);
    expect(standIn.objectNames(BUCKET).filter((n) => n.includes(id)).sort()).toEqual([
      `sessions/${id}/exports/summary.md`, `sessions/${id}/session.json`,
    ]);
    expect(await artifacts.listArtifacts(id, '')).toEqual(['exports/summary.md']);
    await artifacts.deleteArtifacts(id, '');
    expect(standIn.objectNames(BUCKET).filter((n) => n.includes(id))).toEqual([`sessions/${id}/session.json`]);
    expect(standIn.unsignedRequests).toBe(0);
  });
});
