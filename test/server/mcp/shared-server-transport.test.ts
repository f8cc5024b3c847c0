import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, JSONRPCMessage, JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import { SharedServerTransport } from '../../../src/server/mcp/shared-server-transport';

/**
 * A real SDK server behind the transport, with one tool, `wait`, that answers
 * with its `name` argument once the test releases that name.
 */
async function connectedServer() {
  const server = new Server({ name: 'shared', version: '1.0.0' }, { capabilities: { tools: {} } });
  const gates = new Map<string, () => void>();
  const started = new Map<string, AbortSignal>();
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const name = String(request.params.arguments?.name);
    started.set(name, extra.signal);
    await new Promise<void>((resolve) => gates.set(name, resolve));
    return { content: [{ type: 'text', text: name }] };
  });
  const transport = new SharedServerTransport();
  await server.connect(transport);
  const release = async (name: string) => {
    while (!gates.has(name)) await new Promise((r) => setImmediate(r));
    gates.get(name)!();
  };
  const whenStarted = async (name: string) => {
    while (!started.has(name)) await new Promise((r) => setImmediate(r));
    return started.get(name)!;
  };
  return { server, transport, release, whenStarted };
}

const wait = (id: string | number, name: string): JSONRPCRequest => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'wait', arguments: { name } },
});
const text = (response: JSONRPCMessage) => (response as any).result?.content?.[0]?.text;

describe('SharedServerTransport', () => {
  test('requests from different POSTs may share an id: each gets its own answer, under its own id', async () => {
    const { transport, release } = await connectedServer();
    const first = transport.exchange([wait(1, 'first')], {});
    const second = transport.exchange([wait(1, 'second')], {});
    // Answered in the opposite order to their arrival.
    await release('second');
    await release('first');
    const [[a], [b]] = await Promise.all([first.responses, second.responses]);
    expect(a).toMatchObject({ id: 1 });
    expect(text(a)).toBe('first');
    expect(b).toMatchObject({ id: 1 });
    expect(text(b)).toBe('second');
  });

  test('a batch is answered in its order; notifications and stray responses get no answer', async () => {
    const { transport, release } = await connectedServer();
    const exchange = transport.exchange(
      [
        wait('a', 'a'),
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 99, result: {} },
        { jsonrpc: '2.0', id: 7, method: 'ping' },
        wait(8, 'b'),
      ],
      {},
    );
    await release('b');
    await release('a');
    const responses = await exchange.responses;
    expect(responses.map((r) => (r as { id: unknown }).id)).toEqual(['a', 7, 8]);
    expect(text(responses[0])).toBe('a');
    expect(text(responses[2])).toBe('b');
  });

  test('notifications alone produce no responses', async () => {
    const { transport } = await connectedServer();
    await expect(transport.exchange([{ jsonrpc: '2.0', method: 'notifications/initialized' }], {}).responses).resolves.toEqual([]);
  });

  test('cancel aborts the handlers, settles the exchange and drops their late answers', async () => {
    const { transport, release, whenStarted } = await connectedServer();
    const exchange = transport.exchange([wait(1, 'gone')], {});
    const signal = await whenStarted('gone');
    exchange.cancel();
    const [settled] = await exchange.responses;
    expect(settled).toMatchObject({ id: 1, error: { message: 'request cancelled' } });
    // The server handles the cancellation notification asynchronously.
    await new Promise((r) => setImmediate(r));
    expect(signal.aborted).toBe(true);

    // The handler finishing afterwards must not answer anybody.
    const other = transport.exchange([wait(1, 'other')], {});
    await release('gone');
    await release('other');
    const [answer] = await other.responses;
    expect(text(answer)).toBe('other');
  });

  test("a client's notifications/cancelled cannot cancel another client's request", async () => {
    const { transport, release, whenStarted } = await connectedServer();
    const victim = transport.exchange([wait(5, 'victim')], {});
    const signal = await whenStarted('victim');
    // Any id a client can name, the victim's internal one included.
    for (const requestId of [0, 1, 5, '0']) {
      await transport.exchange([{ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId } }], {}).responses;
    }
    expect(signal.aborted).toBe(false);
    await release('victim');
    expect(text((await victim.responses)[0])).toBe('victim');
  });

  test('closing settles whatever is in flight and refuses new exchanges', async () => {
    const { server, transport, whenStarted } = await connectedServer();
    const exchange = transport.exchange([wait(3, 'late')], {});
    await whenStarted('late');
    await server.close();
    await expect(exchange.responses).resolves.toEqual([
      expect.objectContaining({ id: 3, error: expect.objectContaining({ message: 'server shutting down' }) }),
    ]);
    expect(() => transport.exchange([wait(4, 'after')], {})).toThrow('not connected');
  });
});
