import { hideInternalErrorDetails } from '../../../src/server/mcp/protocol-errors';
import { capturingLogger } from '../helpers/log-capture';

const internal = (message: string) => ({ jsonrpc: '2.0' as const, id: 3, error: { code: -32603, message } });

describe('hideInternalErrorDetails', () => {
  test('an internal error is answered generically and its message only logged', () => {
    const { logger, lines } = capturingLogger();
    const detail = 'connect ECONNREFUSED 10.0.0.7:443 while reading sessions/x';
    expect(hideInternalErrorDetails(internal(detail), logger)).toEqual(internal('Internal error'));
    expect(lines.join('\n')).toContain('internal error answered generically');
    expect(lines.join('\n')).toContain(detail);
  });

  test('a zod error about something other than params stays generic', () => {
    const issues = JSON.stringify([{ code: 'invalid_type', expected: 'string', path: ['result', 'x'], message: 'x' }]);
    expect(hideInternalErrorDetails(internal(issues))).toEqual(internal('Internal error'));
  });

  test("a zod error about the params becomes -32602 naming the param, never zod's text", () => {
    const issues = JSON.stringify([{ code: 'invalid_type', expected: 'string', path: ['params', 'arguments', 'uri'], message: 'Invalid input: expected string, received number' }], null, 2);
    expect(hideInternalErrorDetails(internal(issues))).toEqual({
      jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'invalid params: `arguments.uri` must be a string' },
    });
  });
});
