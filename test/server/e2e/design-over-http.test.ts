import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sessionObjectName } from '../../../src/server/storage/object-storage-session-store';
import { cleanWebApp, edit, saveArguments } from '../design/sample-architectures';
import { call, callOk, connectClient, runHearing } from '../helpers/mcp-client';
import { standInServerEnv, standInTrusting } from '../helpers/object-storage-fixture';
import { createOciTestCredentials } from '../helpers/oci-test-credentials';
import { ServerProcess, startServerProcess } from '../helpers/server-process';

const TOKEN = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');
const BUCKET = 'galley-design';
const credentials = createOciTestCredentials();
const standIn = standInTrusting(credentials, [BUCKET]);
const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-design-e2e-'));
const processes: ServerProcess[] = [];

/** The compiled server (`lib/server/main.js`, as the package ships it) as its own process. */
async function start(env: Record<string, string>): Promise<ServerProcess> {
  const p = await startServerProcess({ ...env, GALLEY_URL_TOKEN: TOKEN });
  processes.push(p);
  return p;
}

beforeAll(() => standIn.start());
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await standIn.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const STORES: Array<[string, () => Record<string, string>]> = [
  ['the file store', () => ({ GALLEY_DATA_DIR: dataDir })],
  ['the Object Storage store (stand-in, real OCI SDK)', () => standInServerEnv(standIn, BUCKET, credentials)],
];

async function readText(client: Client, uri: string): Promise<string> {
  const { contents } = await client.readResource({ uri });
  return (contents[0] as { text: string }).text;
}

describe.each(STORES)('the design over real HTTP on %s', (storeName, env) => {
  test('hearing, a seeded mistake found and fixed, validated clean, exported; after a restart all is read back', async () => {
    const first = await start(env());
    const client = await connectClient(first.base, TOKEN, 'streamable-http');
    const { sessionId: session_id } = await runHearing(client);

    // The seeded mistake: 200 GB of memory for 2 OCPUs of VM.Standard.E5.Flex.
    const seeded = edit(cleanWebApp(), { configure: { app_nodes: { ocpus: 2, memory_in_gbs: 200 } } });
    const saved = await callOk(client, 'save_architecture', { session_id, ...saveArguments(seeded) });
    expect(saved.architecture.revision).toBe(1);

    const found = await callOk(client, 'validate_architecture', { session_id });
    expect(found).toMatchObject({ revision: 1, valid: false, counts: { error: 1 } });
    expect(found.findings).toEqual([expect.objectContaining({ rule_id: 'config.flex_shape_bounds', severity: 'error', component_ids: ['app_nodes'] })]);

    const fixed = await callOk(client, 'configure_component', { session_id, component_id: 'app_nodes', config: { memory_in_gbs: 32 } });
    expect(fixed.architecture.revision).toBe(2);
    expect(await callOk(client, 'validate_architecture', { session_id })).toMatchObject({ revision: 2, valid: true, findings: [] });

    const exported = await call(client, 'export_all', { session_id });
    expect(exported.isError).toBeFalsy();
    const files = (exported.structuredContent as any).files as { path: string; uri: string }[];
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['exports/summary.md', 'exports/architecture.mmd', 'terraform/versions.tf', 'terraform/network.tf']));
    const contents = new Map<string, string>();
    for (const f of files) contents.set(f.uri, await readText(client, f.uri));
    expect(contents.get(`galley://sessions/${session_id}/exports/summary.md`)).toContain('| app_nodes |');
    const architecture = await callOk(client, 'get_architecture', { session_id });
    await client.close();
    expect(await first.stop('SIGTERM')).toBe(0);

    if (storeName.startsWith('the Object Storage')) {
      expect(standIn.objectNames(BUCKET)).toEqual(expect.arrayContaining([
        sessionObjectName(session_id), `sessions/${session_id}/exports/summary.md`, `sessions/${session_id}/terraform/network.tf`,
      ]));
    }

    const second = await start(env());
    const again = await connectClient(second.base, TOKEN, 'sse');
    expect(await callOk(again, 'get_architecture', { session_id })).toEqual(architecture);
    for (const [uri, text] of contents) expect(await readText(again, uri)).toBe(text);
    expect(JSON.parse(await readText(again, `galley://sessions/${session_id}/architecture`))).toEqual(architecture.architecture);
    await again.close();
    await second.stop();
    for (const p of [first, second]) expect(p.output()).not.toContain(TOKEN);
  });
});

describe('concurrent design changes', () => {
  test('50 concurrent add_component calls on one session, spread over two server processes on one bucket: all 50 there', async () => {
    const servers = await Promise.all([0, 1].map(() => start(standInServerEnv(standIn, BUCKET, credentials))));
    const clients = await Promise.all(Array.from({ length: 8 }, (_, i) => connectClient(servers[i % 2].base, TOKEN, 'streamable-http')));
    const { sessionId: session_id } = await runHearing(clients[0]);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => callOk(clients[i % clients.length], 'add_component', {
      session_id, component: { id: `queue_${i}`, type: 'queue', name: `Queue ${i}` },
    })));
    await Promise.all(clients.map((c) => c.close()));
    // Each call saw its own revision: no two writes were based on the same version.
    expect(results.map((r) => r.architecture.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const stored = JSON.parse(standIn.objectText(BUCKET, sessionObjectName(session_id))!);
    expect(stored.architecture.revision).toBe(50);
    expect(stored.architecture.components.map((c: { id: string }) => c.id).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `queue_${i}`).sort());
    expect(stored.status).toBe('completed');
  });
});
