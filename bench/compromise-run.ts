/**
 * The baseline the bench compares stancemap with: what a hand-rolled
 * compromise script does with the same corpus, read the same way (our
 * streamed walk): parse each document and list its people, places and
 * organizations with offsets, and write them as JSON beside nothing (the cost
 * of writing is small next to parsing). Prints what it read, as JSON.
 */
import nlp from 'compromise';
import { walkInputs } from '../src/io/sources.js';

let docs = 0;
let words = 0;
let chars = 0;
for await (const item of walkInputs(process.argv.slice(2), { maxBytes: Number.MAX_SAFE_INTEGER })) {
  if (item.kind !== 'document') continue;
  const doc = await item.load();
  const parsed = nlp(doc.text);
  JSON.stringify([
    parsed.people().json({ offset: true }),
    parsed.places().json({ offset: true }),
    parsed.organizations().json({ offset: true }),
  ]);
  docs++;
  chars += doc.text.length;
  words += doc.text.split(/\s+/).filter(Boolean).length;
}
process.stdout.write(JSON.stringify({ docs, words, chars }) + '\n');
