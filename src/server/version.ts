import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The package version, read once; the same path works from src/ and lib/. */
export const GALLEY_VERSION: string = (
  JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;
