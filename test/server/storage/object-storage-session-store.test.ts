import { randomUUID } from 'node:crypto';
import { DEFAULT_CATALOG } from '../../../src/server/hearing/catalog';
import { HearingService } from '../../../src/server/hearing/hearing-service';
import { ObjectStorageSessionStore, ObjectStorageStoreOptions } from '../../../src/server/storage/object-storage-session-store';
import { HearingSession, StorageUnavailableError, VersionConflictError } from '../../../src/server/storage/session-store';
import { capturingLogger } from '../helpers/log-capture';
import { standInLocation, standInTrusting } from '../helpers/object-storage-fixture';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';

const BUCKET = 'galley-sessions';
const credentials = createOciTestCredentials();

function session(id: string = randomUUID(), answer = 'a'): HearingSession {
  const now = new Date().toISOString();
  return { id, status: 'in_progress', locale: 'en', created_at: now, updated_at: now, answers: { purpose: { value: answer, answered_at: now } } };
}

describe('ObjectStorageSessionStore against the Object Storage stand-in, through the real OCI SDK', () => {
  const standIn = standInTrusting(credentials, [BUCKET]);
  const stores: ObjectStorageSessionStore[] = [];
  const open = (options: ObjectStorageStoreOptions = {}, location: { namespace?: string; bucket?: string } = {}) => {
    const store = new ObjectStorageSessionStore(
      standInLocation(standIn, location.bucket ?? BUCKET, credentials, 'namespace' in location ? { namespace: location.namespace } : {}),
      { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000, ...options },
    );
    stores.push(store);
    return store;
  };

  beforeAll(() => standIn.start());
  afterEach(() => {
    standIn.latencyMs = 0;
    standIn.faultRate = 0;
    standIn.persistentConflict = false;
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await standIn.stop();
  });

  test('creates at sessions/<id>/session.json, reads back, and updates only at the version read', async () => {
    const store = open();
    const s = session();
    const created = await store.create(s);
    expect(standIn.objectNames(BUCKET)).toContain(`sessions/${s.id}/session.json`);
    expect(await store.get(s.id)).toEqual(created);

    const updated = await store.put(session(s.id, 'b'), created.version);
    expect(updated.version).not.toBe(created.version);
    await expect(store.put(session(s.id, 'c'), created.version)).rejects.toBeInstanceOf(VersionConflictError);
    await expect(store.create(session(s.id))).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.get(s.id))!.session.answers.purpose.value).toBe('b');
    expect(standIn.unsignedRequests).toBe(0);
  });

  test('an unknown session is undefined; a bad id never becomes an object name', async () => {
    const store = open();
    expect(await store.get(randomUUID())).toBeUndefined();
    await expect(store.get('../../etc/passwd')).rejects.toThrow('`session_id` must be a UUID');
  });

  test('looks the namespace up when it is not given', async () => {
    const store = open({}, { namespace: undefined });
    standIn.resetCounts();
    const s = session();
    await store.create(s);
    await store.get(s.id);
    expect(standIn.count('GetNamespace')).toBe(1);
  });

  test('a request signed with an unknown key is refused, and that is storage_unavailable', async () => {
    const other = createOciTestCredentials();
    const store = new ObjectStorageSessionStore(standInLocation(standIn, BUCKET, other));
    stores.push(store);
    const before = standIn.unsignedRequests;
    await expect(store.get(randomUUID())).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(standIn.unsignedRequests).toBe(before + 1);
  });

  test('Resource Principal auth that the environment cannot provide yet is storage_unavailable, not a crash', async () => {
    const store = new ObjectStorageSessionStore(standInLocation(standIn, BUCKET, credentials, { auth: { kind: 'resource-principal' } }));
    stores.push(store);
    await expect(store.get(randomUUID())).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.get(randomUUID())).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  test('a missing bucket (or one not yet authorized) is storage_unavailable, without retries', async () => {
    const store = open({}, { bucket: 'not-there' });
    standIn.resetCounts();
    await expect(store.get(randomUUID())).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(standIn.count('GetObject')).toBe(1);
  });

  test.each([
    ['429', { kind: 'status', status: 429 }],
    ['503', { kind: 'status', status: 503 }],
    ['a connection cut before the write', { kind: 'drop-before' }],
  ] as const)('retries a write through %s and applies it once', async (_name, fault) => {
    const store = open();
    const created = await store.create(session());
    standIn.injectFaults(fault, fault);
    const next = session(created.session.id, 'retried');
    const written = await store.put(next, created.version);
    expect(JSON.parse(standIn.objectText(BUCKET, `sessions/${next.id}/session.json`)!)).toEqual(next);
    expect((await store.get(next.id))!.version).toBe(written.version);
  });

  test('a write that landed but whose answer was lost is success, not a conflict and not a second write', async () => {
    const store = open();
    const created = await store.create(session());
    standIn.injectFaults({ kind: 'drop-after' });
    standIn.resetCounts();
    const next = session(created.session.id, 'landed');
    const written = await store.put(next, created.version);
    expect(written.session).toEqual(next);
    // The first PUT landed; the retry met 412; one GET confirmed our bytes are there.
    expect(standIn.count('PutObject')).toBe(2);
    expect(standIn.count('GetObject')).toBe(1);
    expect((await store.get(next.id))!.version).toBe(written.version);
  });

  test('a create whose answer was lost is success too', async () => {
    const store = open();
    standIn.injectFaults({ kind: 'drop-after' });
    const s = session();
    const created = await store.create(s);
    expect(created.session).toEqual(s);
    expect((await store.get(s.id))!.version).toBe(created.version);
  });

  test('a conflict after an ambiguous failure is still a conflict when someone else wrote', async () => {
    const store = open();
    const created = await store.create(session());
    await store.put(session(created.session.id, 'other writer'), created.version);
    standIn.injectFaults({ kind: 'status', status: 503 });
    await expect(store.put(session(created.session.id, 'mine'), created.version)).rejects.toBeInstanceOf(VersionConflictError);
  });

  test('a 409 on a conditional write (a write in progress) is a version conflict, not storage_unavailable', async () => {
    const store = open();
    const created = await store.create(session());
    standIn.injectFaults({ kind: 'concurrent-write' });
    standIn.resetCounts();
    await expect(store.put(session(created.session.id, 'refused'), created.version)).rejects.toBeInstanceOf(VersionConflictError);
    // Nothing was applied, and a 409 is not retried blindly with the same condition.
    expect(standIn.count('PutObject')).toBe(1);
    expect((await store.get(created.session.id))!.session.answers.purpose.value).toBe('a');
  });

  test('a save that meets 409s is retried from a fresh read and lands, within the retry budget', async () => {
    const store = open();
    const hearing = new HearingService({ store, catalog: DEFAULT_CATALOG });
    const { id } = await hearing.createSession('en');
    await hearing.saveAnswer(id, 'project_purpose', 'first');
    // The save starts from the version it knows: its first request is the PUT, which meets the 409.
    standIn.injectFaults({ kind: 'concurrent-write' });
    standIn.resetCounts();
    await hearing.saveAnswer(id, 'timeline', 'second');
    expect(standIn.count('PutObject')).toBe(2);
    // The retry read the session afresh first.
    expect(standIn.count('GetObject')).toBe(1);
    const stored = JSON.parse(standIn.objectText(BUCKET, `sessions/${id}/session.json`)!);
    expect(Object.keys(stored.answers).sort()).toEqual(['project_purpose', 'timeline']);
  });

  test('a 409 that comes back on the retry is storage_unavailable, logged, not a lost race', async () => {
    const { logger, lines } = capturingLogger();
    const store = open({ logger });
    const hearing = new HearingService({ store, catalog: DEFAULT_CATALOG });
    const { id } = await hearing.createSession('en');
    standIn.persistentConflict = true;
    standIn.resetCounts();
    await expect(hearing.saveAnswer(id, 'project_purpose', 'refused')).rejects.toMatchObject({ kind: 'storage_unavailable' });
    // The first 409 was taken for a race and retried from a fresh read; the second was not.
    expect({ puts: standIn.count('PutObject'), gets: standIn.count('GetObject') }).toEqual({ puts: 2, gets: 1 });
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({
      level: 40, operation: 'PutObject', status: 409, msg: 'object storage refused the write with 409 Conflict twice in a row',
    }));
    // Once the refusals stop, the next save is an ordinary one.
    standIn.persistentConflict = false;
    await hearing.saveAnswer(id, 'project_purpose', 'stored');
    expect(JSON.parse(standIn.objectText(BUCKET, `sessions/${id}/session.json`)!).answers.project_purpose.value).toBe('stored');
  });

  test('gives up after bounded attempts with storage_unavailable', async () => {
    const store = open({ maxAttempts: 3 });
    standIn.resetCounts();
    standIn.injectFaults(...Array.from({ length: 3 }, () => ({ kind: 'status', status: 503 } as const)));
    await expect(store.get(randomUUID())).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(standIn.count('GetObject')).toBe(3);
  });

  test('every call has a timeout', async () => {
    const store = open({ timeoutMs: 100, maxAttempts: 2 });
    standIn.latencyMs = 1_000;
    const started = Date.now();
    await expect(store.get(randomUUID())).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(Date.now() - started).toBeLessThan(900);
  });

  test('with the stand-in down, calls fail with storage_unavailable; the same store recovers when it is back', async () => {
    const store = open({ maxAttempts: 2 });
    const s = session();
    await store.create(s);
    await standIn.stop();
    try {
      await expect(store.get(s.id)).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      await standIn.start();
    }
    expect((await store.get(s.id))!.session).toEqual(s);
  });
});
