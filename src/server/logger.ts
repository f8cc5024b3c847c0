import pino, { DestinationStream, Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout. Nothing logged anywhere carries a request
 * URL as received: routes log the path with the token replaced.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'galley' } }, destination ?? pino.destination({ sync: false }));
}
