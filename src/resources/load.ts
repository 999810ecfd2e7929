import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { FatalError } from '../errors.js';

export interface LoadedResource<T> {
  path: string;
  data: T;
  /** sha256 of the file's bytes: part of the pipeline fingerprint. */
  sha256: string;
}

/** Reads and validates a JSON data file; any problem is a fatal E004 naming the file and field. */
export function loadJsonResource<S extends z.ZodType>(path: string, schema: S): LoadedResource<z.infer<S>> {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new FatalError('E004', `${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new FatalError('E004', `${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FatalError('E004', `${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { path, data: parsed.data, sha256: createHash('sha256').update(raw).digest('hex') };
}
