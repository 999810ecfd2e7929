import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './resources/paths.js';

/** The package version, read once: it goes into every manifest and the pipeline fingerprint. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const SCHEMA_VERSION = 1;
