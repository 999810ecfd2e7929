import { describe, expect, it } from 'vitest';
import { foldCharacters, nameKey } from '../../src/text/normalize.js';

describe('nameKey', () => {
  it('ignores case, diacritics, apostrophe kinds, articles and hyphens', () => {
    const variants = ["Kata'ib Hizballah", 'Kata’ib Hizballah', 'kataib hizballah', 'Kataʿib Hizballah'];
    expect(new Set(variants.map(nameKey)).size).toBe(1);
    expect(nameKey('Al-Mayadeen')).toBe(nameKey('al Mayadeen'));
    expect(nameKey('Harakat al-Nujaba')).toBe(nameKey('Harakat Nujaba'));
    expect(nameKey('Deir ez-Zor')).toBe('deir ez zor');
    expect(foldCharacters('Türkiye')).toBe('turkiye');
  });

  it('keeps different names apart', () => {
    expect(nameKey('Iran')).not.toBe(nameKey('Iraq'));
    expect(nameKey('Hezbollah')).not.toBe(nameKey('Hezbollah Brigades'));
    expect(nameKey('Hamas')).not.toBe(nameKey('Hamdan'));
  });

  it('keeps a lone article that is the whole name', () => {
    expect(nameKey('Al')).toBe('al');
  });
});
