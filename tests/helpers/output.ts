import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentProcessor } from '../../src/pipeline/processor.js';
import { runExtract, type ExtractResult } from '../../src/pipeline/runner.js';
import { ManifestSchema, type Manifest } from '../../src/schema/manifest.js';

/** A fresh temporary folder. */
export const temp = (prefix: string): string => mkdtempSync(join(tmpdir(), `stancemap-${prefix}-`));

/** The run's manifest.json, checked against its schema. */
export const manifestOf = (out: string): Manifest => ManifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));

/** The article files directly in an output folder, sorted. */
export const articles = (out: string): string[] =>
  readdirSync(out)
    .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
    .sort();

/** Extracts the folder `input` into `out` with `processor`, in batches of three. */
export const extractFolder = (processor: DocumentProcessor, input: string, out: string): Promise<ExtractResult> =>
  runExtract(processor, { inputs: [input], outDir: out, batchSize: 3, force: false, maxBytes: 1 << 20 });
