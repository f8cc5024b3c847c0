import { format } from 'node:util';
import pino, { DestinationStream, Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout. Nothing logged anywhere carries a request
 * URL as received: routes log the path with the token replaced.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'galley' } }, destination ?? pino.destination({ sync: false }));
}

/**
 * Sends what libraries print with console.* into the structured log. The OCI
 * SDK writes a free-text warning for every non-2xx answer, the 404s and 412s
 * the Object Storage store expects among them; as JSON at debug level they
 * stay out of the way and out of unstructured stderr.
 */
export function captureConsole(logger: Logger): void {
  const to = (level: 'debug' | 'warn') => (...args: unknown[]) => logger[level]({ source: 'console' }, format(...args));
  console.log = to('debug');
  console.info = to('debug');
  console.debug = to('debug');
  console.warn = to('debug');
  console.error = to('warn');
}
