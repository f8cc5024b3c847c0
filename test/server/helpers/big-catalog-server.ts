// A Galley server process with a 100-question catalog, for tests that need
// several real processes writing to one session. Started through ts-node by
// startServerProcess(); the same config, store and app as main.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bigCatalog } from './big-catalog';
import { loadConfig } from '../../../src/server/config';
import { createApp } from '../../../src/server/http/app';
import { createLogger } from '../../../src/server/logger';
import { McpServerFactory } from '../../../src/server/mcp/build-server';
import { createServices } from '../../../src/server/services';
import { createStorage } from '../../../src/server/storage/create-session-store';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const storage = await createStorage(config.storage, logger);
  const store = storage.sessions;
  const factory = new McpServerFactory({ ...createServices(storage, { catalog: bigCatalog(100) }), logger });
  const app = createApp(config, { factory, logger });
  const server = createServer(app.koa.callback());
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ host: config.host, port, storage: config.storage.kind }, 'galley listening');
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void app.close().then(() => store.close()).then(() => process.exit(0)));
  });
}

void main();
