// Writes the tiny test models (tools/tiny-models/tiny-specs.ts) into a folder, to try
// --ner-model and --stance-model without a real model: npm run tiny-models -- <dir>
import { join, resolve } from 'node:path';
import { writeTinyNerModel, writeTinyNliModel } from '../tools/tiny-models/tiny-models.js';
import { TINY_NER_SPEC, TINY_NLI_SPEC } from '../tools/tiny-models/tiny-specs.js';

const out = resolve(process.argv[2] ?? 'models');
writeTinyNerModel(join(out, 'tiny-ner'), TINY_NER_SPEC);
writeTinyNliModel(join(out, 'tiny-nli'), TINY_NLI_SPEC);
process.stdout.write(`wrote ${join(out, 'tiny-ner')} and ${join(out, 'tiny-nli')}\n`);
