import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/text/dates.js';
import { layoutPatterns } from '../../src/resources/layout.js';

const DATE_LABEL = layoutPatterns().dateLabel;

describe('parseDate', () => {
  it('reads a full date as ISO, covering the whole line', () => {
    expect(parseDate('4 March 2025')).toEqual({ iso: '2025-03-04', coverage: 1, end: 12 });
    expect(parseDate('March 4, 2025')).toEqual({ iso: '2025-03-04', coverage: 1, end: 13 });
  });

  it('skips a date label, and counts it in `end` but not in the coverage', () => {
    expect(parseDate('Published: 4 March 2025')).toEqual({ iso: '2025-03-04', coverage: 1, end: 23 });
    expect(parseDate('Last updated 9 November 2024')).toEqual({ iso: '2024-11-09', coverage: 1, end: 28 });
  });

  it('pads month and day to two digits', () => {
    expect(parseDate('Posted 2 February 2023')?.iso).toBe('2023-02-02');
  });

  it('reads a slashed date month first', () => {
    expect(parseDate('Updated 12/03/2024')?.iso).toBe('2024-12-03');
  });

  it('gives a low coverage when the date is a small part of a line of prose', () => {
    const line = 'Port Halvey, 2 February 2023 — The Kelvane Water Authority said';
    const found = parseDate(line)!;
    expect(found.iso).toBe('2023-02-02');
    expect(found.end).toBe(line.indexOf(' —'));
    // "2February2023" (13) of "PortHalvey2February2023TheKelvaneWaterAuthoritysaid" (51).
    expect(found.coverage).toBeCloseTo(13 / 51, 10);
  });

  it('refuses dates without a certain year, month and day', () => {
    expect(parseDate('March 2025')).toBeUndefined();
    expect(parseDate('4 March')).toBeUndefined();
    expect(parseDate('Date: Tuesday')).toBeUndefined();
    expect(parseDate('The Kelvane Water Authority met yesterday.')).toBeUndefined();
  });

  it('finds nothing in a line without a date', () => {
    expect(parseDate('By Oruba Tesfanet')).toBeUndefined();
    expect(parseDate('')).toBeUndefined();
  });
});

describe('DATE_LABEL', () => {
  it('matches the labels a date line opens with, in any case, with or without a colon', () => {
    expect(['Date: ', 'published ', 'POSTED: ', 'Updated ', 'Last updated: '].map((l) => DATE_LABEL.exec(`${l}4 March 2025`)?.[0])).toEqual(
      ['Date: ', 'published ', 'POSTED: ', 'Updated ', 'Last updated: '],
    );
  });

  it('does not match a label inside a longer word', () => {
    expect(DATE_LABEL.exec('Dated 4 March 2025')).toBeNull();
    expect(DATE_LABEL.exec('Reposted 4 March 2025')).toBeNull();
  });
});
