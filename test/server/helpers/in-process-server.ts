import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capturingLogger } from './log-capture';
import { GalleyConfig, loadConfig } from '../../../src/server/config';
import { AppDeps, GalleyApp, createApp } from '../../../src/server/http/app';
import { MemorySessionStore } from '../../../src/server/storage/memory-session-store';

export const TEST_TOKEN = 'test-token-0123456789abcdef0123456789abcdef';

export interface RunningServer {
  readonly base: string;
  readonly token: string;
  readonly logs: string[];
  readonly app: GalleyApp;
  close(): Promise<void>;
}

/** The real app from `createApp()`, listening on a free loopback port. */
export async function startInProcess(
  overrides: Partial<AppDeps> = {},
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const config: GalleyConfig = loadConfig({ GALLEY_URL_TOKEN: TEST_TOKEN, GALLEY_PORT: '0', ...env });
  const { logger, lines } = capturingLogger();
  const app = createApp(config, { store: new MemorySessionStore(), logger, ...overrides });
  const server: Server = createServer(app.koa.callback());
  await new Promise<void>((resolve) => server.listen(0, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://${config.host}:${port}`,
    token: config.urlToken,
    logs: lines,
    app,
    async close() {
      await app.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
