import { describe, expect, it } from 'vitest';
import type { MentionCandidate } from '../../src/models/types.js';
import { joinAdjacentPersons, SpanCleaner } from '../../src/models/mention-spans.js';
import { languageIndex } from '../../src/resources/language.js';
import { segmented } from '../helpers/documents.js';

const cleaner = new SpanCleaner(languageIndex());

function cleaned(text: string, phrase: string, source: MentionCandidate['provenance']['source']): string | undefined {
  const doc = segmented(text);
  const start = text.indexOf(phrase);
  const candidate: MentionCandidate = {
    start,
    end: start + phrase.length,
    type: 'ORGANIZATION',
    provenance: { source, model: 'test', score: 0.9 },
  };
  const result = cleaner.clean(doc, candidate);
  return result && text.slice(result.start, result.end);
}

describe('SpanCleaner', () => {
  it('drops the common noun a statistical model takes after a name', () => {
    expect(cleaned('The Kelvane Unity party expelled him.', 'Kelvane Unity party', 'model')).toBe('Kelvane Unity');
    expect(cleaned('Troops left the Ostrava Tower 22 base.', 'Ostrava Tower 22', 'model')).toBe('Ostrava Tower 22');
    expect(cleaned('Fighters of the Liwa al-Qadiri held the town.', 'Liwa al-Qadiri', 'model')).toBe('Liwa al-Qadiri');
  });

  it('trims titles, a leading "the", punctuation and possessives, and keeps a knowledge-base span whole', () => {
    expect(cleaned('Spokesman Tomas Veller said so.', 'Spokesman Tomas Veller', 'rule')).toBe('Tomas Veller');
    expect(cleaned("The Kelvane Water Authority's plan failed.", "The Kelvane Water Authority's", 'rule')).toBe('Kelvane Water Authority');
    expect(cleaned('Troops from the Iran-backed group left.', 'Iran', 'rule')).toBeUndefined();
  });

  it('takes no preposition or number word that opens a sentence into a name, nor keeps one alone', () => {
    expect(cleaned('Like Varga, Tomas Veller said so.', 'Like Varga', 'model')).toBe('Varga');
    expect(cleaned('Nine activists were held.', 'Nine', 'model')).toBeUndefined();
    expect(cleaned('Maybe it will rain.', 'Maybe', 'model')).toBeUndefined();
    expect(cleaned("All I'm asking is care.", "I'm", 'model')).toBeUndefined();
  });
});

describe('joinAdjacentPersons', () => {
  it('joins two person mentions a single space apart into one name without a knowledge-base id', () => {
    const doc = segmented('Oruba Tesfanet spoke.');
    const person = (start: number, end: number, kbId?: string) => ({
      start,
      end,
      text: doc.text.slice(start, end),
      type: 'PERSON' as const,
      sentence: 0,
      ...(kbId ? { kbId } : {}),
      provenance: { source: 'kb' as const, model: 'test', score: 0.9 },
    });
    doc.mentions = [person(0, 5, 'oruba'), person(6, 14)];
    joinAdjacentPersons(doc);
    expect(doc.mentions.map((m) => [m.text, m.kbId])).toEqual([['Oruba Tesfanet', undefined]]);
  });
});
