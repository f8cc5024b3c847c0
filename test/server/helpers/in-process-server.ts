import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capturingLogger } from './log-capture';
import { GalleyConfig, loadConfig } from '../../../src/server/config';
import type { Catalog } from '../../../src/server/hearing/catalog-types';
import { GalleyApp, createApp } from '../../../src/server/http/app';
import type { InfraOptions } from '../../../src/server/infra/create-infra';
import type { InfraService } from '../../../src/server/infra/infra-service';
import type { Logger } from '../../../src/server/logger';
import { McpServerFactory } from '../../../src/server/mcp/build-server';
import { ServiceOptions, createServices } from '../../../src/server/services';
import type { ArtifactStore } from '../../../src/server/storage/artifact-store';
import { MemoryArtifactStore } from '../../../src/server/storage/memory-artifact-store';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';
import type { SessionStore } from '../../../src/server/storage/session-store';

export const TEST_TOKEN = 'test-token-0123456789abcdef0123456789abcdef';

export interface RunningServer {
  readonly base: string;
  readonly token: string;
  readonly logs: string[];
  readonly app: GalleyApp;
  /** The HTTP server itself, for a test that must act once a request has reached the app. */
  readonly http: Server;
  /** The infra service, for tests of its shutdown. */
  readonly infra?: InfraService;
  close(): Promise<void>;
}

export interface InProcessOptions extends Omit<ServiceOptions, 'catalog' | 'infra'> {
  readonly store?: SessionStore;
  readonly artifacts?: ArtifactStore;
  readonly catalog?: Catalog;
  readonly logger?: Logger;
  readonly sseKeepAliveMs?: number;
  readonly infraOptions?: InfraOptions;
}

/** The real app from `createApp()`, over services built as main.ts builds them, listening on a free loopback port. */
export async function startInProcess(
  overrides: InProcessOptions = {},
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const config: GalleyConfig = loadConfig({ GALLEY_URL_TOKEN: TEST_TOKEN, GALLEY_PORT: '0', ...env });
  const captured = capturingLogger();
  const logger = overrides.logger ?? captured.logger;
  const lines = captured.lines;
  const { store, artifacts, sseKeepAliveMs, infraOptions, ...options } = overrides;
  const services = createServices(
    { sessions: store ?? new MemorySessionStore(), artifacts: artifacts ?? new MemoryArtifactStore() },
    { ...options, infra: { config, logger, options: infraOptions } },
  );
  const app = createApp(config, { factory: new McpServerFactory({ ...services, logger }), logger, sseKeepAliveMs });
  const server: Server = createServer(app.koa.callback());
  await new Promise<void>((resolve) => server.listen(0, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://${config.host}:${port}`,
    token: config.urlToken,
    logs: lines,
    app,
    http: server,
    infra: services.infra,
    async close() {
      services.infra?.endWaits();
      await app.close();
      await services.infra?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
