import Koa from 'koa';
import { cors } from './cors';
import { loopbackHostCheck } from './host-check';
import { HttpError, sendError } from './http-errors';
import { SseSessions } from './sse-sessions';
import { handleStreamableHttp } from './streamable-route';
import { TokenState, loggablePath, requireUrlToken } from './token-auth';
import { GALLEY_HEALTH_PATH } from '../../runtime-contract';
import { GalleyConfig, isLoopback } from '../config';
import type { Logger } from '../logger';
import type { McpServerFactory } from '../mcp/build-server';
import { SharedServerTransport } from '../mcp/shared-server-transport';
import { GALLEY_VERSION } from '../version';

export interface AppDeps {
  /** Builds the MCP servers, over services built once by the caller (see services.ts). */
  readonly factory: McpServerFactory;
  readonly logger: Logger;
  /** SSE keep-alive interval; tests shorten it. */
  readonly sseKeepAliveMs?: number;
}

export interface GalleyApp {
  readonly koa: Koa;
  /**
   * Ends open SSE streams so the HTTP server can drain, after waiting up to
   * `drainMs` for the SSE calls in flight to be answered.
   */
  close(drainMs?: number): Promise<void>;
}

const ROUTES = ['/mcp', '/sse', '/messages'];

/**
 * The whole HTTP surface: `/health` in the open, everything else under
 * `/<token>/`. `main.ts` listens; tests run this same app in-process.
 */
export function createApp(config: GalleyConfig, deps: AppDeps): GalleyApp {
  const { logger, factory } = deps;
  // Streamable HTTP is stateless, so one server answers every POST; each SSE
  // stream is a session of its own and gets its own server.
  const shared = factory.create();
  const transport = new SharedServerTransport(logger);
  const connected = shared.connect(transport);
  const sse = new SseSessions(config.urlToken, factory, logger, { keepAliveMs: deps.sseKeepAliveMs, maxStreams: config.maxSseStreams });
  const koa = new Koa<TokenState>();
  koa.proxy = false;

  // Koa's default error printer would write the request to stderr.
  koa.on('error', (err: Error) => logger.error({ err: err.message }, 'request failed'));

  koa.use(async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } catch (err) {
      if (err instanceof HttpError) {
        sendError(ctx, err.status, err.kind, err.message);
      } else {
        logger.error({ err: err instanceof Error ? err.message : String(err) }, 'unhandled route error');
        if (!ctx.res.headersSent) sendError(ctx, 500, 'internal_error', 'internal server error');
      }
    } finally {
      const log = () =>
        logger.info(
          {
            method: ctx.method,
            path: loggablePath(ctx.path, [GALLEY_HEALTH_PATH, ...ROUTES]),
            status: ctx.res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          },
          'request',
        );
      // Streams and SDK-written responses finish after the middleware returns.
      if (ctx.res.writableFinished) log();
      else ctx.res.once('close', log);
    }
  });

  if (isLoopback(config.host)) koa.use(loopbackHostCheck(config.host));
  koa.use(cors());

  koa.use(async (ctx, next) => {
    if (ctx.path !== GALLEY_HEALTH_PATH) return next();
    ctx.body = { status: 'ok', version: GALLEY_VERSION };
  });

  koa.use(requireUrlToken(config.urlToken));

  koa.use(async (ctx) => {
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      return;
    }
    switch (ctx.state.route) {
      case '/mcp':
        await connected;
        return handleStreamableHttp(ctx, transport);
      case '/sse':
        return sse.open(ctx);
      case '/messages':
        return sse.post(ctx);
      default:
        return sendError(ctx, 404, 'not_found', 'no such endpoint; use /<token>/mcp or /<token>/sse');
    }
  });

  // The shared server holds nothing open; POSTs in flight finish while the
  // process drains, so only the SSE streams (and the calls they carry) are
  // waited for and ended here.
  return { koa, close: (drainMs) => sse.closeAll(drainMs) };
}
