import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * This package's version, read once from its package.json (the same path
 * works from src/ and lib/). The deployment never imports the server, so it
 * reads the file itself rather than sharing the server's copy.
 */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;
