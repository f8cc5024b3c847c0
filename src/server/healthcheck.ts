// The image's HEALTHCHECK: exits 0 when the server on this container answers
// /health, 1 otherwise. It reads the port the way the server does.
import { loadConfig } from './config';
import { GALLEY_HEALTH_PATH } from '../runtime-contract';

const TIMEOUT_MS = 4_000;

async function check(): Promise<boolean> {
  const { port } = loadConfig();
  try {
    const res = await fetch(`http://127.0.0.1:${port}${GALLEY_HEALTH_PATH}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return res.ok;
  } catch {
    return false;
  }
}

void check().then((healthy) => process.exit(healthy ? 0 : 1));
