/**
 * npm run gold: turns every gold/annotated/<docId>.txt (docs/GOLD-MARKUP.md)
 * into gold/<docId>.json, after checking that the annotated copy without its
 * markup is exactly the text the pipeline reads from corpus/.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { corpusTexts } from '../src/evaluate/corpus-texts.js';
import { markupToGold, parseMarkup } from '../src/evaluate/markup.js';
import { writeFileAtomic } from '../src/io/atomic.js';

const annotatedDir = 'gold/annotated';
const texts = await corpusTexts(['corpus']);
let problems = 0;
let written = 0;

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.txt')) yield path;
  }
}

for await (const path of walk(annotatedDir)) {
  const docId = relative(annotatedDir, path).replace(/\.txt$/, '');
  try {
    const parsed = parseMarkup(await readFile(path, 'utf8'));
    const expected = texts.get(docId);
    if (expected === undefined) throw new Error(`no corpus document has docId "${docId}"`);
    if (parsed.text !== expected) {
      let at = 0;
      while (at < expected.length && parsed.text[at] === expected[at]) at++;
      throw new Error(
        `text differs from the corpus at offset ${at}: ${JSON.stringify(parsed.text.slice(at, at + 30))} vs ${JSON.stringify(expected.slice(at, at + 30))}`,
      );
    }
    await writeFileAtomic(join('gold', `${docId}.json`), JSON.stringify(markupToGold(docId, parsed), null, 2) + '\n');
    written++;
  } catch (error) {
    problems++;
    console.error(`${path}: ${(error as Error).message}`);
  }
}
for (const docId of texts.keys()) {
  try {
    await readFile(join(annotatedDir, `${docId}.txt`));
  } catch {
    console.error(`corpus document "${docId}" has no annotated copy`);
  }
}
console.log(`gold: ${written} written, ${problems} with problems`);
process.exitCode = problems > 0 ? 1 : 0;
