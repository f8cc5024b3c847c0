import Koa from 'koa';
import { cors } from './cors';
import { loopbackHostCheck } from './host-check';
import { HttpError, sendError } from './http-errors';
import { SseSessions } from './sse-sessions';
import { handleStreamableHttp } from './streamable-route';
import { TokenState, loggablePath, requireUrlToken } from './token-auth';
import { GALLEY_HEALTH_PATH } from '../../runtime-contract';
import { GalleyConfig, isLoopback } from '../config';
import { DEFAULT_CATALOG } from '../hearing/catalog';
import type { Catalog } from '../hearing/catalog-types';
import { HearingService } from '../hearing/hearing-service';
import { InfraOptions, createInfra } from '../infra/create-infra';
import type { Logger } from '../logger';
import { McpServerFactory } from '../mcp/build-server';
import { SharedServerTransport } from '../mcp/shared-server-transport';
import type { ArtifactStore } from '../storage/artifact-store';
import type { SessionStore } from '../storage/session-store';
import { GALLEY_VERSION } from '../version';

export interface AppDeps {
  readonly store: SessionStore;
  readonly logger: Logger;
  /** Defaults to the built-in catalog; tests use larger ones. */
  readonly catalog?: Catalog;
  /** SSE keep-alive interval; tests shorten it. */
  readonly sseKeepAliveMs?: number;
  /** The session's files (exports, Terraform); without it the infra tools are off. */
  readonly artifacts?: ArtifactStore;
  readonly infraOptions?: InfraOptions;
}

export interface GalleyApp {
  readonly koa: Koa;
  /** Ends open SSE streams so the HTTP server can drain. */
  close(): Promise<void>;
}

const ROUTES = ['/mcp', '/sse', '/messages'];

/**
 * The whole HTTP surface: `/health` in the open, everything else under
 * `/<token>/`. `main.ts` listens; tests run this same app in-process.
 */
export function createApp(config: GalleyConfig, deps: AppDeps): GalleyApp {
  const { logger } = deps;
  const hearing = new HearingService({ store: deps.store, catalog: deps.catalog ?? DEFAULT_CATALOG });
  const { infra, ociCli } = createInfra(config, deps.store, deps.artifacts, logger, deps.infraOptions);
  const factory = new McpServerFactory({ hearing, infra, ociCli, logger });
  // Streamable HTTP is stateless, so one server answers every POST; each SSE
  // stream is a session of its own and gets its own server.
  const shared = factory.create();
  const transport = new SharedServerTransport();
  const connected = shared.connect(transport);
  const sse = new SseSessions(config.urlToken, factory, logger, deps.sseKeepAliveMs);
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

  if (isLoopback(config.host)) koa.use(loopbackHostCheck());
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
  // process drains, so only the SSE streams are ended here.
  return {
    koa,
    close: async () => {
      await sse.closeAll();
      infra?.close();
    },
  };
}
