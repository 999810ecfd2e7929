/** npm run schema: regenerates schema/article.schema.json from the zod schema (a test checks they agree). */
import { writeFileSync } from 'node:fs';
import { articleJsonSchema } from '../src/schema/article.js';

writeFileSync('schema/article.schema.json', JSON.stringify(articleJsonSchema(), null, 2) + '\n');
console.log('schema/article.schema.json written');
