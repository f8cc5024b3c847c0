#!/usr/bin/env node
import { ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, GalleyConfig, loadConfig } from './config';
import { createApp } from './http/app';
import { captureConsole, createLogger } from './logger';
import { McpServerFactory } from './mcp/build-server';
import { createServices } from './services';
import { createStorage } from './storage/create-session-store';

/** How long in-flight requests (SSE calls included) get to finish after SIGTERM. */
const DRAIN_MS = 10_000;
/** After the drain limit, this long for the SSE streams to end before connections are cut. */
const CLOSE_GRACE_MS = 1_000;

async function main(): Promise<void> {
  let config: GalleyConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`galley: ${err.message}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  captureConsole(logger);
  // The stores, then the services, then the MCP server factory, then http/.
  const storage = await createStorage(config.storage, logger);
  const services = createServices(storage, { infra: { config, logger } });
  const factory = new McpServerFactory({ ...services, logger });
  const app = createApp(config, { factory, logger });

  const server = createServer(app.koa.callback());
  let inFlight = 0;
  server.on('request', (_req, res: ServerResponse) => {
    inFlight++;
    res.once('close', () => inFlight--);
  });
  // Longer than the gateway's idle timeout, so it never reuses a socket we closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ host: config.host, port, storage: config.storage.kind }, 'galley listening');
  printBanner(config, port);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    const force = setTimeout(() => {
      logger.warn('drain timed out; closing remaining connections');
      server.closeAllConnections();
    }, DRAIN_MS + CLOSE_GRACE_MS);
    force.unref();
    // A long-poll answers now with the state it has, instead of holding the drain.
    services.infra?.endWaits();
    // A cold terraform init or an `oci ... --wait-for-state` may outlast the
    // drain. The children run in their own process groups, so they would
    // outlive this process: stop them at the limit, and the calls waiting on
    // them answer (command_failed) before the connections are cut. SIGTERM,
    // then SIGKILL after 2 s: the whole stop stays well inside the Container
    // Instance's 30 s graceful shutdown.
    const stopChildren = setTimeout(() => void services.stopChildren(), DRAIN_MS);
    stopChildren.unref();
    server.close(async () => {
      clearTimeout(stopChildren);
      // Stops any child still running (one a call started during the drain)
      // and lets the validate runs remove their directories, before exit.
      await services.close();
      await storage.sessions.close();
      await storage.artifacts.close?.();
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    });
    // Once every in-flight request (SSE streams included, which app.close()
    // ends once the calls they carry are answered) has finished, what is left
    // are idle keep-alive sockets: close them instead of waiting for clients
    // to hang up.
    const sweep = setInterval(() => {
      if (inFlight === 0) server.closeAllConnections();
      else server.closeIdleConnections();
    }, 50);
    sweep.unref();
    void app.close(DRAIN_MS);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * The one place the token is shown: on the terminal of a local run that made
 * it up. A token given by the environment (the cloud) is never printed.
 */
function printBanner(config: GalleyConfig, port: number): void {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const token = config.urlTokenGenerated ? config.urlToken : '<GALLEY_URL_TOKEN>';
  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/${token}`;
  process.stderr.write(
    [
      '',
      'Galley MCP server is running.',
      `  Streamable HTTP: ${base}/mcp`,
      `  Legacy SSE:      ${base}/sse`,
      config.urlTokenGenerated ? '  The token is new each start; set GALLEY_URL_TOKEN to keep one.' : '',
      '',
    ].join('\n') + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`galley: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
