/**
 * npm run check:models: every model we ship must be what its training command
 * writes today. Runs `npm run train:<model>` for each into a temporary folder
 * (STANCEMAP_MODELS_OUT) and compares the bytes with the shipped file; a model
 * left stale by a change to features, rules or data fails here, not silently.
 * Each is trained on the shipped versions of the others, as the commands do.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const MODELS: Array<{ script: string; file: string }> = [
  { script: 'train:clusters', file: 'word-classes.tsv.gz' },
  { script: 'train:pos', file: 'pos.model.gz' },
  { script: 'train:ner', file: 'ner.model.gz' },
  { script: 'train:attribution', file: 'attribution.json' },
];

const repo = resolve(dirname(new URL(import.meta.url).pathname), '..');
const out = mkdtempSync(join(tmpdir(), 'stancemap-models-'));
const stale: string[] = [];
try {
  for (const { script, file } of MODELS) {
    const started = Date.now();
    execFileSync('npm', ['run', '--silent', script], {
      cwd: repo,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, STANCEMAP_MODELS_OUT: out },
    });
    const same = readFileSync(join(out, file)).equals(readFileSync(join(repo, 'src/resources/models', file)));
    if (!same) stale.push(file);
    console.log(`${file}: ${same ? 'reproduced' : 'DIFFERS from the shipped file'} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (stale.length > 0) {
  console.error(`check:models: ${stale.join(', ')} no longer reproduce; retrain with npm run train:<model> and commit the result`);
  process.exit(1);
}
