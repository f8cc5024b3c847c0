import { Writable } from 'node:stream';
import { Logger, createLogger } from '../../../src/server/logger';

/** A real pino logger whose lines are kept for assertions. */
export function capturingLogger(level = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}
