import { readdirSync } from 'node:fs';
import { z } from 'zod';
import { ENTITY_TYPES } from '../document/types.js';
import { FatalError } from '../errors.js';
import { loadJsonResource } from './load.js';
import { resourcePath } from './paths.js';

export const KbEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case id'),
  type: z.enum(ENTITY_TYPES),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  acronyms: z.array(z.string().min(1)).default([]),
  /** Forms that are also ordinary words or other names: used only once the entry is named unambiguously in the document. */
  ambiguous: z.array(z.string().min(1)).default([]),
  description: z.string().optional(),
  parent: z.string().optional(),
});

export const KbFileSchema = z.object({
  version: z.string().min(1),
  entries: z.array(KbEntrySchema),
});

export type KbEntry = z.infer<typeof KbEntrySchema>;

export interface KnowledgeBase {
  entries: ReadonlyMap<string, KbEntry>;
  /** Each file read, with its version and hash, for the manifest and fingerprint. */
  files: Array<{ path: string; version: string; sha256: string; entries: number }>;
}

export function builtInKbFiles(): string[] {
  const dir = resourcePath('kb');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => resourcePath('kb', name));
}

/**
 * Loads the built-in knowledge base plus any user files (`--kb extra.json`).
 * A user entry with an id already present replaces it, so users can correct
 * an entry without editing ours. Parents must exist.
 */
export function loadKnowledgeBase(extraFiles: readonly string[] = []): KnowledgeBase {
  const entries = new Map<string, KbEntry>();
  const files: KnowledgeBase['files'] = [];
  const builtIn = builtInKbFiles();
  for (const path of [...builtIn, ...extraFiles]) {
    const loaded = loadJsonResource(path, KbFileSchema);
    const isUserFile = !builtIn.includes(path);
    for (const entry of loaded.data.entries) {
      if (entries.has(entry.id) && !isUserFile) {
        throw new FatalError('E004', `${path}: duplicate knowledge-base id "${entry.id}"`);
      }
      entries.set(entry.id, entry);
    }
    files.push({ path, version: loaded.data.version, sha256: loaded.sha256, entries: loaded.data.entries.length });
  }
  for (const entry of entries.values()) {
    if (entry.parent !== undefined && !entries.has(entry.parent)) {
      throw new FatalError('E004', `knowledge base: entry "${entry.id}" has unknown parent "${entry.parent}"`);
    }
  }
  return { entries, files };
}
