import { describe, expect, it } from 'vitest';
import { buildLayoutPatterns, layoutPatterns } from '../../src/resources/layout.js';
import { loadLexicons } from '../../src/resources/lexicons.js';

const layout = layoutPatterns();

describe('layout patterns (layout.json)', () => {
  it('match whole furniture lines, and lines a furniture prefix opens', () => {
    for (const line of ['Share this article', '  PRINT ', 'Read more: the harbour plan', 'Related stories:', '*Advertisement*'])
      expect(layout.boilerplate.test(line), line).toBe(true);
    for (const line of ['Sharing the harbour costs was agreed.', 'The printers struck on Monday.', 'Subscribers rose.'])
      expect(layout.boilerplate.test(line), line).toBe(false);
  });

  it('read stage directions, bylines, date labels and headings', () => {
    expect(layout.stageDirection.test('(LAUGHTER)')).toBe(true);
    expect(layout.stageDirection.test('(Laughter from the back of the hall)')).toBe(false);
    expect(layout.byline.exec('Written by: Oruba Tesfanet')?.[1]).toBe('Oruba Tesfanet');
    expect(layout.byline.test('by the river')).toBe(false);
    expect(layout.dateLabel.exec('Last updated: 3 May 2024')?.[0]).toBe('Last updated: ');
    expect(layout.definitionsHeading.test('Key terms:')).toBe(true);
    expect(layout.notesHeading.test('Endnotes')).toBe(true);
    expect(layout.notesHeading.test('Notes on the budget')).toBe(false);
  });

  it('are built from the data file, so a new phrase needs no code', () => {
    const data = { ...loadLexicons().layout.data, stageDirections: ['gavel (struck)'] };
    const patterns = buildLayoutPatterns(data);
    expect(patterns.stageDirection.test('(Gavel (struck))')).toBe(true);
    expect(patterns.stageDirection.test('(Laughter)')).toBe(false);
  });
});
