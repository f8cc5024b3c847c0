import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { DEFAULT_CATALOG } from '../../../src/server/hearing/catalog';
import { McpServerFactory } from '../../../src/server/mcp/build-server';
import { createServices } from '../../../src/server/services';
import { MemoryArtifactStore } from '../../../src/server/storage/memory-artifact-store';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';
import { capturingLogger } from '../helpers/log-capture';
import { callOk } from '../helpers/mcp-client';

describe('resources and the prompt', () => {
  let client: Client;
  beforeEach(async () => {
    const services = createServices({ sessions: new MemorySessionStore(), artifacts: new MemoryArtifactStore() });
    const [c, s] = InMemoryTransport.createLinkedPair();
    await new McpServerFactory({ ...services, logger: capturingLogger().logger }).create().connect(s);
    client = new Client({ name: 't', version: '1' });
    await client.connect(c);
  });

  test('catalog and flow are resources, in both languages', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(['galley://hearing/flow', 'galley://hearing/questions']);
    const questions = await client.readResource({ uri: 'galley://hearing/questions' });
    const parsed = JSON.parse(String((questions.contents[0] as { text: string }).text));
    expect(parsed.questions).toHaveLength(DEFAULT_CATALOG.questions.length);
    expect(parsed.questions.length).toBeGreaterThanOrEqual(10);
    for (const q of parsed.questions) {
      expect(q.text.ja).toBeTruthy();
      expect(q.text.en).toBeTruthy();
      if (q.type !== 'text') expect(q.choices.length).toBeGreaterThan(1);
    }
    const categories = new Set(parsed.questions.map((q: { category: string }) => q.category));
    for (const c of ['business', 'scale', 'workload', 'database', 'network', 'security', 'availability', 'budget', 'schedule', 'notes']) {
      expect(categories).toContain(c);
    }
  });

  test('a session is a resource; unknown or malformed ids are errors', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      'galley://hearing/sessions/{session_id}',
      'galley://sessions/{session_id}/architecture',
      'galley://sessions/{session_id}/exports/{name}',
      'galley://sessions/{session_id}/terraform/{file}',
    ]);
    const { session_id } = await callOk(client, 'create_session', { locale: 'ja' });
    await callOk(client, 'save_answer', { session_id, question_id: 'budget', value: 'undecided' });
    const read = await client.readResource({ uri: `galley://hearing/sessions/${session_id}` });
    const session = JSON.parse(String((read.contents[0] as { text: string }).text));
    expect(session).toMatchObject({ id: session_id, status: 'in_progress', locale: 'ja', answers: { budget: { value: 'undecided' } } });
    await expect(client.readResource({ uri: 'galley://hearing/sessions/..%2F..%2Fetc' })).rejects.toThrow(/invalid_arguments/);
    await expect(client.readResource({ uri: 'galley://hearing/sessions/abcdef00-0000-4000-8000-00000000cafe' })).rejects.toThrow(
      /session_not_found/,
    );
    // The code once, as the client's McpError adds it: the server's message carries none.
    const failed = await client.readResource({ uri: 'galley://hearing/sessions/abcdef00-0000-4000-8000-00000000cafe' }).catch((err: Error) => err);
    expect(failed).toMatchObject({ code: -32602, message: expect.stringMatching(/^MCP error -32602: session_not_found: /) });
  });

  test('start_hearing prompt guides the model through the tools, in the chosen language', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['start_hearing', 'design_architecture', 'design_interactively']);
    const en = await client.getPrompt({ name: 'start_hearing', arguments: {} });
    const text = (en.messages[0].content as { text: string }).text;
    for (const tool of ['create_session', 'get_hearing_flow', 'save_answer', 'complete_hearing']) expect(text).toContain(tool);
    const ja = await client.getPrompt({ name: 'start_hearing', arguments: { locale: 'ja' } });
    expect((ja.messages[0].content as { text: string }).text).toContain('ヒアリング');
  });
});
