import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The real evaluation data (../shared/data, or STANCEMAP_DATA) and the
 * reference scorers beside it. Tests that need them are skipped with a note
 * when they are absent on a developer's machine, and fail in CI, where they
 * must be present.
 */
export const DATA_ROOT = resolve(process.env.STANCEMAP_DATA ?? resolve(import.meta.dirname, '../../../shared/data'));
export const TOOLS_DIR = resolve(DATA_ROOT, '../tools');

/** True when every path exists; otherwise logs why the caller skips, or throws in CI. */
export function sharedAvailable(...paths: string[]): boolean {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  if (process.env.CI) throw new Error(`shared evaluation data missing in CI: ${missing.join(', ')}`);
  console.warn(`skipping: shared evaluation data missing (${missing.join(', ')})`);
  return false;
}
