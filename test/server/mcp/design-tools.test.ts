import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServerFactory } from '../../../src/server/mcp/build-server';
import { createServices } from '../../../src/server/services';
import { MemoryArtifactStore } from '../../../src/server/storage/memory-artifact-store';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';
import { cleanWebApp, saveArguments } from '../design/sample-architectures';
import { FULL_ANSWERS } from '../helpers/answers';
import { capturingLogger } from '../helpers/log-capture';
import { call, callError, callOk } from '../helpers/mcp-client';

const MISSING = '00000000-0000-4000-8000-000000000000';

async function connect() {
  const artifacts = new MemoryArtifactStore();
  const services = createServices(
    { sessions: new MemorySessionStore(), artifacts },
    { terraform: (a) => [{ path: 'main.tf', content: `# revision ${a.revision}\n` }, { path: `rev-${a.revision}.tf`, content: '' }] },
  );
  const [c, s] = InMemoryTransport.createLinkedPair();
  await new McpServerFactory({ ...services, logger: capturingLogger().logger }).create().connect(s);
  const client = new Client({ name: 'design-tools', version: '1' });
  await client.connect(c);
  await client.listTools();
  return { client, artifacts };
}

async function completedSession(client: Client): Promise<string> {
  const { session_id } = await callOk(client, 'create_session', { locale: 'en' });
  await callOk(client, 'save_answers_batch', { session_id, answers: Object.entries(FULL_ANSWERS).map(([question_id, value]) => ({ question_id, value })) });
  await callOk(client, 'complete_hearing', { session_id });
  return session_id;
}

const vcn = { id: 'vcn', type: 'vcn', name: 'VCN' };
const subnet = { id: 'app', type: 'subnet', name: 'App', config: { access: 'private' }, placement: { parent: 'vcn' } };

describe('design tools', () => {
  let client: Client;
  let artifacts: MemoryArtifactStore;
  let session_id: string;
  beforeEach(async () => {
    ({ client, artifacts } = await connect());
    session_id = await completedSession(client);
  });

  test('get_hearing_result also gives every answer by question id with its label', async () => {
    const result = await callOk(client, 'get_hearing_result', { session_id });
    expect(result.answers.database).toEqual({ value: 'autonomous', label: 'Autonomous Database' });
    expect(result.answers.workload_type).toEqual({ value: ['web_application', 'batch'], label: ['Web application', 'Batch processing'] });
    expect(result.answers.project_purpose.label).toBe(FULL_ANSWERS.project_purpose);
    expect(Object.keys(result.answers).sort()).toEqual(Object.keys(FULL_ANSWERS).sort());
  });

  test('every change bumps the revision and returns the new architecture; defaults are filled in', async () => {
    const r1 = await callOk(client, 'add_component', { session_id, component: vcn });
    expect(r1.architecture.revision).toBe(1);
    expect(r1.architecture.components[0].config.cidr_block).toMatch(/\/\d+$/);
    const r2 = await callOk(client, 'add_component', { session_id, component: subnet });
    const r3 = await callOk(client, 'add_component', { session_id, component: { id: 'vm', type: 'compute_instance', name: 'VM', placement: { parent: 'app' } } });
    const r4 = await callOk(client, 'add_component', { session_id, component: { id: 'bucket', type: 'object_storage_bucket', name: 'B' } });
    const r5 = await callOk(client, 'add_connection', { session_id, from: 'vm', to: 'bucket', purpose: 'uploads' });
    expect([r2, r3, r4, r5].map((r) => r.architecture.revision)).toEqual([2, 3, 4, 5]);
    expect(r5.architecture.connections).toEqual([{ from: 'vm', to: 'bucket', purpose: 'uploads' }]);

    const r6 = await callOk(client, 'configure_component', { session_id, component_id: 'vm', config: { ocpus: 4 }, name: 'Bigger VM' });
    const vm = r6.architecture.components.find((c: any) => c.id === 'vm');
    expect(vm).toMatchObject({ name: 'Bigger VM', config: { ocpus: 4, memory_in_gbs: r3.architecture.components[2].config.memory_in_gbs } });

    const r7 = await callOk(client, 'remove_component', { session_id, component_id: 'bucket' });
    expect(r7.architecture.revision).toBe(7);
    expect(r7.architecture.components.map((c: any) => c.id)).toEqual(['vcn', 'app', 'vm']);
    expect(r7.architecture.connections).toEqual([]);
    expect(await callOk(client, 'get_architecture', { session_id })).toEqual(r7);
  });

  test('save_architecture stores everything or nothing', async () => {
    const args: Record<string, unknown> = { session_id, ...saveArguments(cleanWebApp()) };
    const saved = await callOk(client, 'save_architecture', args);
    expect(saved.architecture).toMatchObject({ revision: 1, region: 'ap-tokyo-1' });
    expect(saved.architecture.components).toHaveLength(12);
    expect(saved.architecture.reasons[0].question_ids).toEqual(['compute_platform']);

    const bad = { ...args, components: [...(args.components as object[]), { id: 'x', type: 'autonomous_database', name: 'X', config: { compute_count: 1 } }] };
    expect(await callError(client, 'save_architecture', bad)).toMatchObject({ error: 'invalid_config', message: expect.stringContaining('component x:') });
    expect((await callOk(client, 'get_architecture', { session_id })).architecture.revision).toBe(1);
  });

  test.each([
    ['unknown_service_type', 'add_component', { component: { id: 'x', type: 'mainframe', name: 'X' } }],
    ['invalid_config', 'add_component', { component: { id: 'x', type: 'vcn', name: 'X', config: { cidr_block: 42 } } }],
    ['invalid_config', 'add_component', { component: { id: 'x', type: 'vcn', name: 'X', config: { colour: 'blue' } } }],
    ['duplicate_component', 'add_component', { component: vcn }],
    ['invalid_placement', 'add_component', { component: { id: 'vm', type: 'compute_instance', name: 'VM' } }],
    ['invalid_placement', 'add_component', { component: { id: 'vm', type: 'compute_instance', name: 'VM', placement: { parent: 'vcn' } } }],
    ['invalid_placement', 'add_component', { component: { id: 'vm', type: 'compute_instance', name: 'VM', placement: { parent: 'nowhere' } } }],
    ['invalid_placement', 'add_component', { component: { id: 'b', type: 'object_storage_bucket', name: 'B', placement: { parent: 'app' } } }],
    ['invalid_placement', 'remove_component', { component_id: 'vcn' }],
    ['component_not_found', 'remove_component', { component_id: 'ghost' }],
    ['component_not_found', 'configure_component', { component_id: 'ghost', config: {} }],
    ['invalid_config', 'configure_component', { component_id: 'app', config: { access: 'semi-public' } }],
    ['invalid_connection', 'add_connection', { from: 'app', to: 'app', purpose: 'loop' }],
    ['invalid_connection', 'add_connection', { from: 'app', to: 'ghost', purpose: 'nowhere' }],
    ['invalid_connection', 'add_connection', { from: 'vcn', to: 'app', purpose: 'twice' }],
    ['invalid_connection', 'remove_connection', { from: 'app', to: 'vcn' }],
    ['invalid_arguments', 'add_component', { component: { id: 'Bad-Id', type: 'vcn', name: 'X' } }],
    ['invalid_arguments', 'save_architecture', { components: [], region: 'Tokyo' }],
  ])('%s from %s %j, and nothing changes', async (kind, tool, args) => {
    await callOk(client, 'add_component', { session_id, component: vcn });
    await callOk(client, 'add_component', { session_id, component: subnet });
    await callOk(client, 'add_connection', { session_id, from: 'vcn', to: 'app', purpose: 'once' });
    const before = await callOk(client, 'get_architecture', { session_id });
    const error = await callError(client, tool, { session_id, ...args });
    expect(error.error).toBe(kind);
    expect(error.message.length).toBeGreaterThan(10);
    expect(error.message).not.toMatch(/ZodError|at .*\.ts:\d+/);
    expect(await callOk(client, 'get_architecture', { session_id })).toEqual(before);
  });

  test('designing before the hearing is completed, or for an unknown session, is refused', async () => {
    const { session_id: open } = await callOk(client, 'create_session', {});
    expect(await callError(client, 'add_component', { session_id: open, component: vcn })).toMatchObject({ error: 'hearing_not_completed' });
    expect(await callError(client, 'save_architecture', { session_id: open, components: [] })).toMatchObject({ error: 'hearing_not_completed' });
    expect(await callError(client, 'add_component', { session_id: MISSING, component: vcn })).toMatchObject({ error: 'session_not_found' });
    expect(await callError(client, 'get_architecture', { session_id: open })).toMatchObject({ error: 'architecture_not_found' });
    expect(await callError(client, 'validate_architecture', { session_id: open })).toMatchObject({ error: 'architecture_not_found' });
    expect(await callError(client, 'export_all', { session_id: open })).toMatchObject({ error: 'architecture_not_found' });
  });

  test('ten concurrent add_component calls: all ten stored, one revision each, the hearing intact', async () => {
    const { session_id: id } = await callOk(client, 'create_session', {});
    await callOk(client, 'save_answers_batch', { session_id: id, answers: Object.entries(FULL_ANSWERS).map(([question_id, value]) => ({ question_id, value })) });
    await callOk(client, 'complete_hearing', { session_id: id });
    await Promise.all(Array.from({ length: 10 }, (_, i) => callOk(client, 'add_component', { session_id: id, component: { id: `q${i}`, type: 'queue', name: `Q${i}` } })));
    const architecture = (await callOk(client, 'get_architecture', { session_id: id })).architecture;
    expect(architecture.revision).toBe(10);
    expect(architecture.components).toHaveLength(10);
    expect((await callOk(client, 'get_hearing_result', { session_id: id })).answers.database.value).toBe('autonomous');
  });

  test('validate_architecture returns findings in the session\'s language', async () => {
    const { session_id: ja } = await callOk(client, 'create_session', { locale: 'ja' });
    await callOk(client, 'save_answers_batch', { session_id: ja, answers: Object.entries(FULL_ANSWERS).map(([question_id, value]) => ({ question_id, value })) });
    await callOk(client, 'complete_hearing', { session_id: ja });
    const draft = cleanWebApp();
    await callOk(client, 'save_architecture', { session_id: ja, ...saveArguments({ ...draft, components: draft.components.filter((c) => c.id !== 'nat') }) });
    const report = await callOk(client, 'validate_architecture', { session_id: ja });
    expect(report).toMatchObject({ revision: 1, valid: true, counts: { error: 0, warning: 1, info: 0 } });
    expect(report.findings[0]).toMatchObject({ rule_id: 'network.private_subnet_needs_nat', severity: 'warning', component_ids: ['app_subnet', 'vcn'] });
    expect(report.findings[0].message).toContain('NAT ゲートウェイがありません');
  });

  test('exports are stored, linked, readable as resources, and the Terraform directory is replaced wholesale', async () => {
    await callOk(client, 'save_architecture', { session_id, ...saveArguments(cleanWebApp()) });
    const result = await call(client, 'export_all', { session_id });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as any;
    expect(out.files.map((f: any) => f.path)).toEqual(['exports/summary.md', 'exports/architecture.mmd', 'terraform/main.tf', 'terraform/rev-1.tf']);
    const links = result.content.filter((c) => c.type === 'resource_link');
    expect(links.map((l: any) => l.uri)).toEqual(out.files.map((f: any) => f.uri));
    expect(out.files[0].uri).toBe(`galley://sessions/${session_id}/exports/summary.md`);

    const summary = await client.readResource({ uri: out.files[0].uri });
    expect(summary.contents[0]).toMatchObject({ mimeType: 'text/markdown', text: expect.stringContaining('# Architecture summary') });
    const tf = await client.readResource({ uri: `galley://sessions/${session_id}/terraform/main.tf` });
    expect(tf.contents[0]).toMatchObject({ text: '# revision 1\n' });

    await callOk(client, 'configure_component', { session_id, component_id: 'app_nodes', config: { node_count: 4 } });
    const second = await callOk(client, 'export_iac', { session_id });
    expect(second.revision).toBe(2);
    expect(await artifacts.listArtifacts(session_id, 'terraform/')).toEqual(['terraform/main.tf', 'terraform/rev-2.tf']);
    await expect(client.readResource({ uri: `galley://sessions/${session_id}/terraform/rev-1.tf` })).rejects.toThrow(
      /^MCP error -32602: artifact_not_found: /,
    );
    await expect(client.readResource({ uri: `galley://sessions/${session_id}/terraform/..%2Fsession.json` })).rejects.toThrow(/invalid_arguments|artifact_not_found/);
  });

  test('list_available_services lists every type with its config schema, per category and language', async () => {
    const all = await callOk(client, 'list_available_services', {});
    expect(all.services.length).toBeGreaterThanOrEqual(27);
    const pool = all.services.find((s: any) => s.type === 'oke_node_pool');
    expect(pool).toMatchObject({ category: 'compute', placement: 'subnet', requires: [{ via: 'connection', types: ['oke_cluster'] }] });
    expect(pool.config.node_count).toMatchObject({ kind: 'integer', min: 1 });
    const data = await callOk(client, 'list_available_services', { category: 'data', locale: 'ja' });
    expect(data.services.every((s: any) => s.category === 'data')).toBe(true);
    expect(data.services[0].description).toMatch(/[\u3040-\u30ff]/);
  });
});
