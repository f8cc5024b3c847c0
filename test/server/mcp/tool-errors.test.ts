import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServerFactory } from '../../../src/server/mcp/build-server';
import { MAX_BATCH_ANSWERS, MAX_CHOICES_PER_ANSWER, MAX_TEXT_ANSWER_LENGTH } from '../../../src/server/mcp/schemas';
import { createServices } from '../../../src/server/services';
import { MemoryArtifactStore } from '../../../src/server/storage/memory-artifact-store';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';
import { SessionStore, StorageUnavailableError } from '../../../src/server/storage/session-store';
import { FULL_ANSWERS, REQUIRED_IDS } from '../helpers/answers';
import { capturingLogger } from '../helpers/log-capture';
import { callError, callOk } from '../helpers/mcp-client';

async function connect(store: SessionStore = new MemorySessionStore()) {
  const { logger, lines } = capturingLogger();
  const factory = new McpServerFactory({ ...createServices({ sessions: store, artifacts: new MemoryArtifactStore() }), logger });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await factory.create().connect(serverSide);
  const client = new Client({ name: 'tool-tests', version: '1.0.0' });
  await client.connect(clientSide);
  await client.listTools();
  return { client, logs: lines };
}

describe('every tool turns bad input into the structured error', () => {
  let client: Client;
  let session: string;
  const UNKNOWN = 'abcdef00-0000-4000-8000-00000000cafe';

  beforeEach(async () => {
    ({ client } = await connect());
    ({ session_id: session } = await callOk(client, 'create_session'));
  });

  test.each([
    ['save_answer', { question_id: 'budget', value: 'undecided' }],
    ['save_answers_batch', { answers: [{ question_id: 'budget', value: 'undecided' }] }],
    ['complete_hearing', {}],
    ['get_hearing_result', {}],
  ])('%s: unknown and malformed session ids', async (tool, rest) => {
    expect(await callError(client, tool, { session_id: UNKNOWN, ...rest })).toEqual({
      error: 'session_not_found',
      message: `no hearing session with id ${UNKNOWN}`,
    });
    for (const bad of ['not-a-uuid', '../../etc/passwd', UNKNOWN.toUpperCase(), '']) {
      const err = await callError(client, tool, { session_id: bad, ...rest });
      expect(err.error).toBe('invalid_arguments');
      expect(err.message).toContain('session_id: must be a session id');
    }
    expect((await callError(client, tool, rest)).error).toBe('invalid_arguments');
  });

  test('unknown question', async () => {
    expect(await callError(client, 'save_answer', { session_id: session, question_id: 'favourite_colour', value: 'red' })).toEqual({
      error: 'invalid_question',
      message: 'unknown question_id: "favourite_colour"; get_hearing_questions lists the valid ids',
    });
  });

  test.each([
    ['choice not offered', 'database', 'db2', '"db2" is not a choice of database'],
    ['one of several not offered', 'workload_type', ['batch', 'mainframe'], '"mainframe" is not a choice of workload_type'],
    ['a list for a single choice', 'database', ['autonomous'], 'answer to database must be one choice value, got a list'],
    ['a list for text', 'project_purpose', ['a'], 'answer to project_purpose must be a string, got a list'],
    ['empty required text', 'project_purpose', '   ', 'answer to project_purpose must not be empty: the question is required'],
    ['empty required multi-choice', 'workload_type', [], 'answer to workload_type must name at least one choice'],
    ['empty required choice', 'database', '', '"" is not a choice of database'],
    ['a repeated choice', 'workload_type', ['batch', 'batch'], 'answer to workload_type lists a choice more than once'],
  ])('invalid answer: %s', async (_what, question_id, value, message) => {
    const err = await callError(client, 'save_answer', { session_id: session, question_id, value });
    expect(err.error).toBe('invalid_answer');
    expect(err.message).toContain(message);
  });

  test.each([
    ['text over the limit', { question_id: 'project_purpose', value: 'x'.repeat(MAX_TEXT_ANSWER_LENGTH + 1) }, 'value'],
    ['too many choices', { question_id: 'workload_type', value: Array.from({ length: MAX_CHOICES_PER_ANSWER + 1 }, (_, i) => `c${i}`) }, 'value'],
    ['a choice value over the limit', { question_id: 'workload_type', value: ['x'.repeat(201)] }, 'value.0'],
    ['an over-long question id', { question_id: 'q'.repeat(101), value: 'x' }, 'question_id'],
    ['a number', { question_id: 'project_purpose', value: 42 }, 'value'],
  ])('oversize or mistyped value: %s', async (_what, args, field) => {
    const err = await callError(client, 'save_answer', { session_id: session, ...args });
    expect(err.error).toBe('invalid_arguments');
    expect(err.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    expect(err.message.length).toBeLessThan(300);
  });

  test('a batch over the limit, or with one bad entry, stores nothing', async () => {
    const tooMany = Array.from({ length: MAX_BATCH_ANSWERS + 1 }, () => ({ question_id: 'budget', value: 'undecided' }));
    expect((await callError(client, 'save_answers_batch', { session_id: session, answers: tooMany })).error).toBe('invalid_arguments');
    expect((await callError(client, 'save_answers_batch', { session_id: session, answers: [] })).error).toBe('invalid_arguments');

    const err = await callError(client, 'save_answers_batch', {
      session_id: session,
      answers: [{ question_id: 'budget', value: 'undecided' }, { question_id: 'database', value: 'db2' }],
    });
    expect(err).toEqual({ error: 'invalid_answer', message: expect.stringMatching(/^answers\[1\]: "db2" is not a choice/) });
    const dup = await callError(client, 'save_answers_batch', {
      session_id: session,
      answers: [{ question_id: 'budget', value: 'undecided' }, { question_id: 'budget', value: 'under_1k_usd' }],
    });
    expect(dup.error).toBe('invalid_answer');
    // Nothing from the refused batches was stored: completing still misses budget.
    const missing = await callError(client, 'complete_hearing', { session_id: session });
    expect(missing.message).toContain('budget');
  });

  test('completing with required answers missing names them; answering after completion is refused', async () => {
    expect(await callError(client, 'complete_hearing', { session_id: session })).toEqual({
      error: 'missing_required_answers',
      message: `required questions are not answered yet: ${REQUIRED_IDS.join(', ')}`,
    });
    expect((await callError(client, 'get_hearing_result', { session_id: session })).error).toBe('hearing_not_completed');

    const answers = REQUIRED_IDS.map((question_id) => ({ question_id, value: FULL_ANSWERS[question_id] }));
    await callOk(client, 'save_answers_batch', { session_id: session, answers: answers.slice(1) });
    expect((await callError(client, 'complete_hearing', { session_id: session })).message).toBe(
      'required questions are not answered yet: project_purpose',
    );
    await callOk(client, 'save_answer', { session_id: session, ...answers[0] });
    await callOk(client, 'complete_hearing', { session_id: session });

    for (const [tool, args] of [
      ['save_answer', { question_id: 'budget', value: 'undecided' }],
      ['save_answers_batch', { answers: [{ question_id: 'budget', value: 'undecided' }] }],
      ['complete_hearing', {}],
    ] as const) {
      expect(await callError(client, tool, { session_id: session, ...args })).toEqual({
        error: 'hearing_already_completed',
        message: `hearing session ${session} is already completed and takes no more answers`,
      });
    }
  });

  test('storage failures are storage_unavailable; unexpected errors say nothing of their internals', async () => {
    const broken: SessionStore = {
      get: async () => {
        throw new StorageUnavailableError();
      },
      create: async () => {
        throw new Error('ECONNREFUSED 10.0.0.7:443 secret-internal-detail');
      },
      put: async () => {
        throw new StorageUnavailableError();
      },
      close: async () => {},
    };
    const { client: c, logs } = await connect(broken);
    const unavailable = await callError(c, 'save_answer', { session_id: UNKNOWN, question_id: 'budget', value: 'undecided' });
    expect(unavailable.error).toBe('storage_unavailable');
    const internal = await callError(c, 'create_session', {});
    expect(internal).toEqual({ error: 'internal_error', message: 'the tool failed unexpectedly; the server log has details' });
    expect(logs.some((l) => l.includes('secret-internal-detail'))).toBe(true);
  });
});
