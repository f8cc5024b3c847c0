import type { Middleware } from 'koa';
import { sendError } from './http-errors';

const LOCAL_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * DNS-rebinding protection for a server bound to loopback: a page on an
 * attacker's domain that resolves to 127.0.0.1 still sends its own Host
 * header, which is refused here. The address the server is bound to (any
 * loopback, such as 127.0.0.2) is a name clients use for it too.
 */
export function loopbackHostCheck(bindAddress: string): Middleware {
  const allowed = new Set(LOCAL_HOSTNAMES);
  allowed.add(bindAddress.includes(':') && !bindAddress.startsWith('[') ? `[${bindAddress.toLowerCase()}]` : bindAddress.toLowerCase());
  return async (ctx, next) => {
    const host = ctx.get('Host');
    const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
    if (!allowed.has(hostname.toLowerCase())) {
      sendError(ctx, 403, 'forbidden_host', 'this server only answers requests addressed to localhost');
      return;
    }
    await next();
  };
}
