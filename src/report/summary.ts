import type { Manifest } from '../schema/manifest.js';
import type { RunSummary } from './model.js';

/** The run summary lists this many of the manifest's failures; the rest are counted. */
const LISTED_FAILURES = 200;

export function manifestSummary(manifest: Manifest | null): RunSummary['manifest'] {
  if (manifest === null) return null;
  return {
    tool: `${manifest.tool.name} ${manifest.tool.version}`,
    startedAt: manifest.startedAt,
    durationMs: manifest.durationMs,
    counts: manifest.counts,
    failures: manifest.failures.slice(0, LISTED_FAILURES).map((f) => ({ code: f.code, docId: f.docId, path: f.path, reason: f.reason })),
    moreFailures: Math.max(0, manifest.failures.length - LISTED_FAILURES),
    models: manifest.models.map((m) => ({ name: m.name, version: m.version, kind: m.kind })),
  };
}
