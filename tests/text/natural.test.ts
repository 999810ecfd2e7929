import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LogisticRegression, jaroWinkler, metaphoneKey, porterStem } from '../../src/text/natural.js';

/**
 * src/text/natural.ts reaches into natural's files by path, and the
 * transliteration matcher and the stance classifier depend on exactly what
 * they compute: these fail when an upgrade of natural moves a file or changes
 * an answer.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Which of natural's files a fresh process has loaded before and after one
 * call to the wrapper. A fresh process, because test files share a worker's
 * modules (vitest.config.ts), so another file may already have loaded natural here.
 */
function naturalFilesLoaded(): { before: string[]; after: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    const loaded = () => Object.keys(createRequire(import.meta.url).cache)
      .filter((p) => p.includes('/node_modules/natural/'))
      .map((p) => p.slice(p.indexOf('/node_modules/natural/') + '/node_modules/natural/'.length));
    const { metaphoneKey } = await import('./src/text/natural.ts');
    const before = loaded();
    metaphoneKey('hezbollah');
    console.log(JSON.stringify({ before, after: loaded() }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as { before: string[]; after: string[] };
}

describe('natural, through src/text/natural.ts', () => {
  // The wrapper loads each part of natural on first use, and only that part.
  it('loads nothing of natural until asked, then only the part asked for', () => {
    const { before, after } = naturalFilesLoaded();
    expect(before).toEqual([]);
    expect(after).toContain('lib/natural/phonetics/metaphone.js');
    expect(after.some((path) => path.includes('classifiers/'))).toBe(false);
    expect(after).not.toContain('lib/natural/index.js');
  });

  it('gives the Metaphone keys the transliteration matcher relies on', () => {
    expect(metaphoneKey('hizbullah')).toBe('HSBL');
    expect(metaphoneKey('hezbollah')).toBe('HSBL');
    expect(metaphoneKey('brigades')).toBe('BRKTS');
    expect(metaphoneKey('esmail')).toBe('ESML');
    expect(metaphoneKey('qaani')).toBe('KN');
    expect(metaphoneKey('knight')).toBe('NT');
    expect(metaphoneKey('thompson')).toBe('0MPSN');
  });

  it('gives Jaro-Winkler similarities', () => {
    expect(jaroWinkler('hezbollah', 'hezbollah')).toBe(1);
    expect(jaroWinkler('hezbollah', 'hizbullah')).toBeCloseTo(0.866667, 6);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961111, 6);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813333, 6);
    expect(jaroWinkler('iran', 'iraq')).toBeCloseTo(0.883333, 6);
    // Case matters: the matcher compares lower-cased name keys.
    expect(jaroWinkler('Iran', 'iran')).toBeLessThan(1);
  });

  it('gives Porter stems', () => {
    expect(['running', 'condemned', 'threatens', 'supporters', 'generalization', 'relational'].map(porterStem)).toEqual([
      'run',
      'condemn',
      'threaten',
      'support',
      'gener',
      'relat',
    ]);
  });

  it('trains a logistic regression on feature lists, and saves and restores it in natural’s format', () => {
    const classifier = LogisticRegression.create();
    classifier.addExample(['threat', 'kill'], 'threat');
    classifier.addExample(['support', 'back'], 'support');
    classifier.addExample(['attack', 'threat'], 'threat');
    classifier.addExample(['endors', 'support'], 'support');
    classifier.train();
    const scores = classifier.classifications(['threat']);
    expect(scores.map((s) => s.label)).toEqual(['threat', 'support']);
    expect(scores[0]!.value).toBeCloseTo(0.966074, 5);
    expect(scores[1]!.value).toBeCloseTo(0.033926, 5);
    expect(classifier.classifications(['support'])[0]!.label).toBe('support');

    // Stance model files hold this JSON: its shape is natural's, and a saved model must restore to the same answers.
    const saved = JSON.parse(JSON.stringify(classifier.toJSON())) as {
      classifier: Record<string, unknown>;
      features: Record<string, number>;
    };
    expect(Object.keys(saved)).toEqual(expect.arrayContaining(['classifier', 'docs', 'features']));
    expect(Object.keys(saved.classifier)).toEqual(expect.arrayContaining(['examples', 'features', 'classifications', 'theta']));
    expect(Object.keys(saved.features).sort()).toEqual(['attack', 'back', 'endors', 'kill', 'support', 'threat']);
    expect(LogisticRegression.restore(saved).classifications(['threat'])).toEqual(scores);
  });
});
