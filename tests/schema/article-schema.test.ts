import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ArticleChecked, ArticleSchema, articleJsonSchema } from '../../src/schema/article.js';
import { toArticle } from '../../src/io/article.js';
import { analyze } from '../helpers/documents.js';

const published = JSON.parse(readFileSync('schema/article.schema.json', 'utf8')) as Record<string, unknown>;

describe('published JSON Schema', () => {
  it('is exactly what the zod schema generates (run `npm run schema` after changing it)', () => {
    expect(published).toEqual(articleJsonSchema());
  });

  it('accepts what the zod schema accepts and rejects what it rejects', async () => {
    const validate = new Ajv2020({ strict: false }).compile(published);
    const article = toArticle(await analyze('Hezbollah said it attacked Israel. “We will continue,” Naim Qassem said.'), 'f');
    expect(ArticleSchema.safeParse(article).success).toBe(true);
    expect(validate(article)).toBe(true);

    const broken = [
      { ...article, schemaVersion: 2 },
      { ...article, entities: [{ ...article.entities[0]!, type: 'PLACE' }] },
      { ...article, statements: [{ ...article.statements[0]!, label: 'praise' }] },
      { ...article, source: { ...article.source, sha256: 'xyz' } },
      { ...article, statements: [{ ...article.statements[0]!, confidence: 1.5 }] },
    ];
    for (const bad of broken) {
      expect(ArticleSchema.safeParse(bad).success).toBe(false);
      expect(validate(bad)).toBe(false);
    }
  });
});

describe('ArticleChecked', () => {
  it('catches what JSON Schema cannot: spans that do not match the text and dangling ids', async () => {
    const article = toArticle(await analyze('Hamas praised Hezbollah.'), 'f');
    expect(ArticleChecked.safeParse(article).success).toBe(true);
    const entity = article.entities[0]!;
    const shifted = { ...article, entities: [{ ...entity, mentions: [{ ...entity.mentions[0]!, start: entity.mentions[0]!.start + 1 }] }, ...article.entities.slice(1)] };
    expect(ArticleChecked.safeParse(shifted).error?.issues[0]?.message).toMatch(/does not match text\.slice/);
    const dangling = { ...article, statements: [{ ...article.statements[0]!, speaker: 'e99' }] };
    expect(ArticleChecked.safeParse(dangling).error?.issues[0]?.message).toMatch(/unknown entity e99/);
  });
});
