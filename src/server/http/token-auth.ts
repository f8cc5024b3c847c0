import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { sendError } from './http-errors';

/** The part of the path after `/<token>`, for the routes to match. */
export interface TokenState {
  route: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Every route behind this needs `/<token>/` as its first path segment. The
 * comparison is constant-time (on digests, so length leaks nothing either);
 * a wrong or missing token is 401 with the structured body.
 */
export function requireUrlToken(token: string): Middleware<TokenState> {
  const expected = digest(token);
  return async (ctx, next) => {
    const path = ctx.path;
    const slash = path.indexOf('/', 1);
    const given = slash === -1 ? path.slice(1) : path.slice(1, slash);
    if (!timingSafeEqual(digest(given), expected)) {
      sendError(ctx, 401, 'unauthorized', 'missing or wrong token in the URL; use the full URL Galley printed');
      return;
    }
    ctx.state.route = slash === -1 ? '/' : path.slice(slash);
    await next();
  };
}

/**
 * The path as it may be logged. Only fixed, known strings come out: anything
 * a client typed (a token, a near-miss of one, a token pasted in the wrong
 * place) never reaches a log line.
 */
export function loggablePath(path: string, knownPaths: readonly string[]): string {
  if (knownPaths.includes(path)) return path;
  const slash = path.indexOf('/', 1);
  const rest = slash === -1 ? '' : path.slice(slash);
  return knownPaths.includes(rest) ? `/:token${rest}` : '/:other';
}
