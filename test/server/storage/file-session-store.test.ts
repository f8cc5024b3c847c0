import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fsp, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CATALOG } from '../../../src/server/hearing/catalog';
import { HearingService } from '../../../src/server/hearing/hearing-service';
import { DataDirInUseError, DataDirLock, LEASE_EXPIRY_MS, LOCK_FILE, TAKEOVER_FILE } from '../../../src/server/storage/data-dir-lock';
import { FileSessionStore, StoreFileSystem } from '../../../src/server/storage/file-session-store';
import { HearingSession, VersionConflictError } from '../../../src/server/storage/session-store';

const ID = '6f1c1d3e-8a4b-4c2d-9e0f-123456789abc';
const session = (answers: Record<string, string> = {}): HearingSession => ({
  id: ID,
  status: 'in_progress',
  locale: 'en',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, { value: v, answered_at: 'now' }])),
});

describe('FileSessionStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'galley-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('create only if absent, put only at the expected version', async () => {
    const store = await FileSessionStore.open(dir);
    expect(await store.get(ID)).toBeUndefined();
    const v1 = await store.create(session());
    await expect(store.create(session())).rejects.toBeInstanceOf(VersionConflictError);
    const v2 = await store.put(session({ a: '1' }), v1.version);
    await expect(store.put(session({ b: '2' }), v1.version)).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.get(ID))!).toEqual({ session: session({ a: '1' }), version: v2.version });
    await store.close();
  });

  test('ids that are not UUIDs never become paths', async () => {
    const store = await FileSessionStore.open(dir);
    for (const bad of ['../../etc/passwd', 'a/b', '', 'ABCDEF00-0000-4000-8000-00000000CAFE']) {
      await expect(store.get(bad)).rejects.toMatchObject({ kind: 'invalid_arguments' });
    }
    await store.close();
  });

  test('temp files a crash left behind are cleared on open and never read', async () => {
    const store = await FileSessionStore.open(dir);
    await store.create(session({ a: '1' }));
    writeFileSync(path.join(dir, 'sessions', `${ID}.json.deadbeef.tmp`), '{"version": 9, "sess');
    await store.close();
    await (await FileSessionStore.open(dir)).close();
    expect(readdirSync(path.join(dir, 'sessions'))).toEqual([`${ID}.json`]);
  });

  test('a process killed mid-write leaves every session readable', async () => {
    // A writer that rewrites 20 sessions with growing documents as fast as it can.
    const writer = `
      const { FileSessionStore } = require(${JSON.stringify(path.resolve(__dirname, '../../../lib/server/storage/file-session-store.js'))});
      const { randomUUID } = require('node:crypto');
      (async () => {
        const store = await FileSessionStore.open(process.argv[1]);
        const ids = Array.from({ length: 20 }, () => randomUUID());
        const versions = {};
        const doc = (id, n) => ({ id, status: 'in_progress', locale: 'en', created_at: 'x', updated_at: 'x',
          answers: Object.fromEntries(Array.from({ length: n }, (_, i) => ['q' + i, { value: 'v'.repeat(500), answered_at: 'x' }])) });
        for (const id of ids) versions[id] = (await store.create(doc(id, 0))).version;
        process.stdout.write('ready\\n');
        for (let n = 1; ; n++) {
          await Promise.all(ids.map(async (id) => { versions[id] = (await store.put(doc(id, n % 200), versions[id])).version; }));
        }
      })();`;
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, ['-e', writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('ready') && resolve()));
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));

      const files = readdirSync(path.join(dir, 'sessions')).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThanOrEqual(20);
      for (const f of files) {
        const doc = JSON.parse(readFileSync(path.join(dir, 'sessions', f), 'utf8'));
        expect(doc.session.id).toBe(f.replace(/\.json$/, ''));
      }
      const store = await FileSessionStore.open(dir);
      for (const f of files) expect(await store.get(f.replace(/\.json$/, ''))).toBeDefined();
      await store.close();
    }
  });

  test('a read that finishes after a newer locked write never brings the older copy back (no answer lost)', async () => {
    // The session exists on disk, and the store that serves it has not cached it yet.
    const creator = await FileSessionStore.open(dir);
    const { id } = await new HearingService({ store: creator, catalog: DEFAULT_CATALOG }).createSession('en');
    await creator.close();

    // The first read of the file is held after it has read the bytes, as a slow disk would hold it.
    let readDone!: () => void;
    const readHeld = new Promise<void>((resolve) => (readDone = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const slowFirstRead = {
      ...fsp,
      readFile: (async (...args: Parameters<typeof fsp.readFile>) => {
        const text = await fsp.readFile(...args);
        if (reads++ === 0) {
          readDone();
          await gate;
        }
        return text;
      }) as typeof fsp.readFile,
    } as StoreFileSystem;
    const store = await FileSessionStore.open(dir, { fs: slowFirstRead });
    const service = new HearingService({ store, catalog: DEFAULT_CATALOG });

    // get_hearing_result's path: an unlocked read, held with version 1 in hand.
    const reading = service.getSession(id);
    await readHeld;
    // Meanwhile a save (locked) reads afresh and writes version 2.
    await service.saveAnswer(id, 'project_purpose', 'the first answer');
    release();
    await reading;
    // The next save must start from version 2, not the held read's version 1.
    await service.saveAnswer(id, 'timeline', 'the second answer');
    await store.close();

    const reopened = await FileSessionStore.open(dir);
    const stored = (await reopened.get(id))!;
    await reopened.close();
    expect(Object.keys(stored.session.answers).sort()).toEqual(['project_purpose', 'timeline']);
    expect(stored.version).toBe('3');
  });

  test('a held read never reaches the cache, even once the newer write has been evicted from it', async () => {
    const creator = await FileSessionStore.open(dir);
    const { id } = await new HearingService({ store: creator, catalog: DEFAULT_CATALOG }).createSession('en');
    await creator.close();
    // As many other sessions as the cache holds, so reading them all evicts any one entry.
    const template = JSON.parse(readFileSync(path.join(dir, 'sessions', `${id}.json`), 'utf8'));
    const others = Array.from({ length: 1000 }, () => randomUUID());
    for (const other of others) {
      writeFileSync(path.join(dir, 'sessions', `${other}.json`), JSON.stringify({ ...template, session: { ...template.session, id: other } }));
    }

    let readDone!: () => void;
    const readHeld = new Promise<void>((resolve) => (readDone = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const slowFirstReadOfId = {
      ...fsp,
      readFile: (async (...args: Parameters<typeof fsp.readFile>) => {
        const text = await fsp.readFile(...args);
        if (!held && String(args[0]).includes(id)) {
          held = true;
          readDone();
          await gate;
        }
        return text;
      }) as typeof fsp.readFile,
    } as StoreFileSystem;
    const store = await FileSessionStore.open(dir, { fs: slowFirstReadOfId });
    const service = new HearingService({ store, catalog: DEFAULT_CATALOG });

    const reading = service.getSession(id); // unlocked, version 1 in hand
    await readHeld;
    await service.saveAnswer(id, 'project_purpose', 'the first answer'); // version 2
    for (const other of others) await store.get(other); // ordinary traffic
    release();
    await reading;
    await service.saveAnswer(id, 'timeline', 'the second answer');
    await store.close();

    const reopened = await FileSessionStore.open(dir);
    const stored = (await reopened.get(id))!;
    await reopened.close();
    expect({ answers: Object.keys(stored.session.answers).sort(), version: stored.version })
      .toEqual({ answers: ['project_purpose', 'timeline'], version: '3' });
  });

  test('every temp file is synced before it is renamed over the session', async () => {
    const synced = new Set<string>();
    const renamed: { from: string; synced: boolean }[] = [];
    const recording = {
      ...fsp,
      open: (async (file: string, flags?: string, mode?: number) => {
        const handle = await fsp.open(file, flags, mode);
        const mark = () => synced.add(file);
        return new Proxy(handle, {
          get(target, prop, receiver) {
            const value = Reflect.get(target, prop, receiver);
            if (prop === 'sync' || prop === 'datasync') {
              return async () => {
                await (value as () => Promise<void>).call(target);
                mark();
              };
            }
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      }) as typeof fsp.open,
      rename: (async (from: string, to: string) => {
        renamed.push({ from, synced: synced.has(from) });
        return fsp.rename(from, to);
      }) as typeof fsp.rename,
    } as StoreFileSystem;
    const store = await FileSessionStore.open(dir, { fs: recording });
    const v1 = await store.create(session());
    await store.put(session({ a: '1' }), v1.version);
    await store.close();
    expect(renamed).toHaveLength(2);
    for (const r of renamed) {
      expect(r.from).toMatch(/\.tmp$/);
      expect(r.synced).toBe(true);
    }
  });

  test('a data directory is served by one store at a time; closing gives it up', async () => {
    const store = await FileSessionStore.open(dir);
    await expect(FileSessionStore.open(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(FileSessionStore.open(dir)).rejects.toThrow(`the data directory ${path.resolve(dir)} is in use by another Galley process (pid ${process.pid})`);
    await store.close();
    expect(readdirSync(dir)).not.toContain(LOCK_FILE);
    await (await FileSessionStore.open(dir)).close();
  });

  /** What a lock written in this pid namespace on this boot carries besides pid and start time. */
  const here = () => ({
    boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    pidns: readlinkSync('/proc/self/ns/pid'),
  });
  const writeLock = (owner: object, ageMs = 0) => {
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, JSON.stringify(owner));
    const at = new Date(Date.now() - ageMs);
    utimesSync(file, at, at);
  };

  test('in our own pid namespace, a lock left by a dead process or by a previous run with our pid is taken over at once', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => dead.once('exit', () => resolve(dead.pid!)));
    for (const pid of [deadPid, process.pid]) {
      writeLock({ pid, started: '1', host: 'gone', ...here() });
      const store = await FileSessionStore.open(dir);
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      await store.close();
    }
  });

  test('a lock held by a live process is respected, and a reused pid (another start time) is not', async () => {
    const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      const started = readFileSync(`/proc/${live.pid}/stat`, 'utf8').split(') ')[1].split(' ')[19];
      writeLock({ pid: live.pid, started, host: 'here', ...here() });
      await expect(FileSessionStore.open(dir)).rejects.toThrow(`in use by another Galley process (pid ${live.pid})`);
      writeLock({ pid: live.pid, started: `${started}0`, host: 'here', ...here() });
      await (await FileSessionStore.open(dir)).close();
    } finally {
      live.kill('SIGKILL');
    }
  });

  test('a renewed lock from another pid namespace is respected, even with our pid (pid 1 in two containers)', async () => {
    for (const pid of [process.pid, 4_000_000]) {
      writeLock({ pid, started: '12345', host: 'other-container', boot: here().boot, pidns: 'pid:[1]' });
      await expect(FileSessionStore.open(dir)).rejects.toThrow(`in use by another Galley process (pid ${pid})`);
    }
    // Written by a version that recorded no namespace: the same.
    writeLock({ pid: process.pid, started: '12345', host: 'here' });
    await expect(DataDirLock.acquire(dir)).rejects.toBeInstanceOf(DataDirInUseError);
  });

  test('a lock whose lease ran out is taken over, whatever pid and host it names', async () => {
    const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      const started = readFileSync(`/proc/${live.pid}/stat`, 'utf8').split(') ')[1].split(' ')[19];
      writeLock({ pid: live.pid, started, host: 'here', ...here() }, LEASE_EXPIRY_MS + 1000);
      await (await FileSessionStore.open(dir)).close();
      writeLock({ pid: process.pid, started: '12345', host: 'other-container', pidns: 'pid:[1]' }, LEASE_EXPIRY_MS + 1000);
      await (await FileSessionStore.open(dir)).close();
    } finally {
      live.kill('SIGKILL');
    }
  });

  test('the holder renews its lease through the file it created', async () => {
    const lock = await DataDirLock.acquire(dir);
    const file = path.join(dir, LOCK_FILE);
    const old = new Date(Date.now() - LEASE_EXPIRY_MS - 1000);
    utimesSync(file, old, old);
    await lock.renew();
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(LEASE_EXPIRY_MS);
    await lock.release();
  });

  test('two acquisitions in one process at once: exactly one holds the directory', async () => {
    const results = await Promise.allSettled([DataDirLock.acquire(dir), DataDirLock.acquire(dir)]);
    const held = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(held).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(DataDirInUseError) });
    await held[0].release();
  });

  test('a stale lock another start is replacing right now is left to it', async () => {
    writeLock({ pid: process.pid, started: '1', host: 'gone' }, LEASE_EXPIRY_MS + 1000);
    writeFileSync(path.join(dir, TAKEOVER_FILE), '');
    await expect(DataDirLock.acquire(dir)).rejects.toThrow('is in use by another Galley process;');
    // A takeover file as old as a lease is from a start that crashed: the next start clears it and proceeds.
    const old = new Date(Date.now() - LEASE_EXPIRY_MS - 1000);
    utimesSync(path.join(dir, TAKEOVER_FILE), old, old);
    await expect(DataDirLock.acquire(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await (await DataDirLock.acquire(dir)).release();
    expect(readdirSync(dir)).toEqual([]);
  });
});
