import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docIds of every `*.json` under `dir`: paths below it, `/`-separated, without
 * `.json`, in name order per folder, depth first (the order the reference
 * scorers use). `skipHidden` passes over folders whose name starts with a dot.
 */
export function jsonDocIds(dir: string, options: { skipHidden?: boolean } = {}, prefix = ''): string[] {
  const ids: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!(options.skipHidden && entry.name.startsWith('.')))
        ids.push(...jsonDocIds(join(dir, entry.name), options, `${prefix}${entry.name}/`));
    } else if (entry.isFile() && entry.name.endsWith('.json')) ids.push(`${prefix}${entry.name.slice(0, -'.json'.length)}`);
  }
  return ids;
}

/** A JSON file with a leading BOM allowed; throws on unreadable or invalid JSON. */
export function readJsonFile(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
}
