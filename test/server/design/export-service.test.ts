import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/server/config';
import { REVISION_PATH } from '../../../src/server/design/export-service';
import { createLogger } from '../../../src/server/logger';
import { createServices } from '../../../src/server/services';
import type { ArtifactStore } from '../../../src/server/storage/artifact-store';
import { FileArtifactStore } from '../../../src/server/storage/file-artifact-store';
import { FileSessionStore } from '../../../src/server/storage/file-session-store';
import { MemoryArtifactStore } from '../../../src/server/storage/memory-artifact-store';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';
import type { SessionStore } from '../../../src/server/storage/session-store';
import { FULL_ANSWERS } from '../helpers/answers';

/** Terraform whose file names and content say which revision made them, so a mix shows. */
const revisionTerraform = { terraform: (a: { revision: number }) => [{ path: 'main.tf', content: `# revision ${a.revision}\n` }, { path: `rev-${a.revision}.tf`, content: '' }] };

function servicesOn(sessions: SessionStore, artifacts: ArtifactStore) {
  return createServices({ sessions, artifacts }, revisionTerraform);
}

async function designedSession(services: ReturnType<typeof servicesOn>): Promise<string> {
  const s = await services.hearing.createSession('en');
  await services.hearing.saveAnswers(s.id, Object.entries(FULL_ANSWERS).map(([question_id, value]) => ({ question_id, value: value as any })));
  await services.hearing.completeHearing(s.id);
  await services.design.addComponent(s.id, { id: 'q0', type: 'queue', name: 'Q' } as any);
  return s.id;
}

/** The store, with the first call of `method` held until `release` is called. */
function holdingFirst(inner: ArtifactStore, method: 'putArtifacts' | 'getArtifact'): { store: ArtifactStore; held: Promise<void>; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let reached!: () => void;
  const held = new Promise<void>((r) => (reached = r));
  let calls = 0;
  const store = Object.assign(Object.create(inner) as ArtifactStore, {
    [method]: async (...args: unknown[]) => {
      if (calls++ === 0) {
        reached();
        await gate;
      }
      return (inner[method] as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
    },
  });
  return { store, held, release };
}

describe('export service', () => {
  test('a slow export of an older revision neither overwrites nor mixes with a newer one (one process)', async () => {
    const inner = new MemoryArtifactStore();
    const { store, held, release } = holdingFirst(inner, 'putArtifacts');
    const services = servicesOn(new MemorySessionStore(), store);
    const id = await designedSession(services);
    const slow = services.exporter.exportIac(id);
    await held;
    await services.design.addComponent(id, { id: 'q1', type: 'queue', name: 'Q' } as any);
    const fast = services.exporter.exportIac(id);
    // Let the newer export get as far as it can before the older one is let go.
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    release();
    expect((await slow).revision).toBe(1);
    expect((await fast).revision).toBe(2);
    expect(await inner.listArtifacts(id, 'terraform/')).toEqual(['terraform/main.tf', 'terraform/rev-2.tf']);
    expect((await inner.getArtifact(id, 'terraform/main.tf'))?.content).toBe('# revision 2\n');
    expect(JSON.parse((await inner.getArtifact(id, REVISION_PATH))!.content)).toEqual({ terraform: 2 });
  });

  test('concurrent exports on the file store never fail and leave exactly the newest revision', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-export-'));
    const sessions = await FileSessionStore.open(dir);
    const artifacts = new FileArtifactStore(dir);
    const services = servicesOn(sessions, artifacts);
    const id = await designedSession(services);
    const runs: Promise<unknown>[] = [];
    for (let i = 1; i <= 6; i++) {
      runs.push(services.exporter.exportAll(id));
      runs.push(services.design.addComponent(id, { id: `q${i}`, type: 'queue', name: 'Q' } as any));
    }
    runs.push(services.exporter.exportAll(id));
    const settled = await Promise.allSettled(runs);
    expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);
    const revision = (await services.design.getArchitecture(id)).revision;
    expect(await artifacts.listArtifacts(id, 'terraform/')).toEqual(['terraform/main.tf', `terraform/rev-${revision}.tf`]);
    const marker = JSON.parse((await artifacts.getArtifact(id, REVISION_PATH))!.content);
    expect(marker).toEqual({ summary: revision, mermaid: revision, terraform: revision });
    await sessions.close?.();
  });

  test('a replica whose architecture changed under it redoes the export from the newer revision', async () => {
    const sessions = new MemorySessionStore();
    const inner = new MemoryArtifactStore();
    // Replica A is held right before storing (its marker read); replica B changes and exports meanwhile.
    const { store, held, release } = holdingFirst(inner, 'getArtifact');
    const a = servicesOn(sessions, store);
    const b = servicesOn(sessions, inner);
    const id = await designedSession(b);
    const slow = a.exporter.exportIac(id);
    await held;
    await b.design.addComponent(id, { id: 'q1', type: 'queue', name: 'Q' } as any);
    expect((await b.exporter.exportIac(id)).revision).toBe(2);
    release();
    expect((await slow).revision).toBe(2);
    expect(await inner.listArtifacts(id, 'terraform/')).toEqual(['terraform/main.tf', 'terraform/rev-2.tf']);
  });

  test('files made from a newer revision than the architecture are not replaced: conflict', async () => {
    const artifacts = new MemoryArtifactStore();
    const services = servicesOn(new MemorySessionStore(), artifacts);
    const id = await designedSession(services);
    await artifacts.putArtifacts(id, [{ path: REVISION_PATH, content: '{"terraform":9}' }, { path: 'terraform/main.tf', content: '# revision 9\n' }]);
    await expect(services.exporter.exportIac(id)).rejects.toMatchObject({ kind: 'conflict' });
    expect((await artifacts.getArtifact(id, 'terraform/main.tf'))?.content).toBe('# revision 9\n');
    // The summary was never stored from revision 9, so it may be.
    expect((await services.exporter.exportSummary(id)).revision).toBe(1);
  });

  test('an edit of the Terraform waits for an export in flight, so the export never replaces it (the lock is the infra layer\'s too)', async () => {
    const inner = new MemoryArtifactStore();
    const { store, held, release } = holdingFirst(inner, 'putArtifacts');
    const config = loadConfig({ GALLEY_URL_TOKEN: 'a'.repeat(64), GALLEY_WORK_COMPARTMENT_ID: 'ocid1.compartment.oc1..work' });
    const services = createServices({ sessions: new MemorySessionStore(), artifacts: store }, { ...revisionTerraform, infra: { config, logger: createLogger('silent') } });
    const id = await designedSession(services);
    const exported = services.exporter.exportIac(id);
    await held;
    const edited = services.infra!.updateTerraformFile(id, 'main.tf', '# the model\'s edit\n');
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    release();
    await Promise.all([exported, edited]);
    // Without the shared lock the edit lands first and the export's wholesale replace takes it away.
    expect((await inner.getArtifact(id, 'terraform/main.tf'))?.content).toBe('# the model\'s edit\n');
  });
});

