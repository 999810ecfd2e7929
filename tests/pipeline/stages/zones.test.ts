import { describe, expect, it } from 'vitest';
import { analyze, analyzeUpTo, makeDocument } from '../../helpers/documents.js';
import { ZoneStage } from '../../../src/pipeline/stages/zones.js';
import { parseDate } from '../../../src/text/dates.js';

function zoned(text: string, format: 'txt' | 'md' = 'txt') {
  const doc = makeDocument(text, format);
  new ZoneStage().run([doc]);
  const zones = doc.zones.map((z) => [z.kind, text.slice(z.start, z.end)]);
  return { doc, zones };
}

describe('ZoneStage', () => {
  it("zones a reporting credit with its contributors' roles, but not a sentence that reports a contribution", () => {
    const credit = 'Gulf correspondent Dana Saleh contributed to this report.';
    const { zones } = zoned(
      `Talks resume\n\nThe envoy said talks would resume.\n\n${credit}\n\nThe envoy said others contributed research.`,
    );
    expect(zones.filter(([kind]) => kind === 'boilerplate')).toEqual([['boilerplate', credit]]);
  });

  it('finds headline, boilerplate, date and byline in a report header', () => {
    const { doc, zones } = zoned(
      'Iraqi Militias Claim Attacks\nShare this Report:\nOctober 20, 2023\nBy: Y. Carmeli and N. Rosen\n\nThe Islamic Resistance in Iraq said on Sunday that it had attacked a base in Syria with two drones.',
    );
    expect(zones).toEqual([
      ['headline', 'Iraqi Militias Claim Attacks'],
      ['boilerplate', 'Share this Report:'],
      ['date', 'October 20, 2023'],
      ['byline', 'By: Y. Carmeli and N. Rosen'],
    ]);
    expect(doc.metadata).toEqual({ title: 'Iraqi Militias Claim Attacks', date: '2023-10-20', author: 'Y. Carmeli and N. Rosen' });
  });

  it.each([
    [' date 2023-10-07', '2023-10-07'],
    ['October 19, 2023', '2023-10-19'],
    ['May 9, 2024 - 14:18', '2024-05-09'],
    ['Nov. 22, 2023', '2023-11-22'],
    ['Published: 19 October 2023', '2023-10-19'],
  ])('reads the date line %j as %s', (line, iso) => {
    expect(zoned(`A Headline\n${line}\n\nBody text goes here and is long enough to be a body line of the article.`).doc.metadata.date).toBe(
      iso,
    );
  });

  it('does not take a weekday or a date without a year as the article date', () => {
    expect(parseDate('on Tuesday')).toBeUndefined();
    expect(parseDate('Oct. 7')).toBeUndefined();
  });

  it('a date label opening the lead paragraph zones only the label and date, and the rest stays a statement', async () => {
    const text =
      'Flood Warnings Issued\nPublished 4 June 2024 The national weather agency said on Tuesday that rivers in the north would keep rising.';
    const { doc, zones } = zoned(text);
    expect(zones).toContainEqual(['date', 'Published 4 June 2024']);
    expect(doc.metadata.date).toBe('2024-06-04');
    const analyzed = await analyze(text);
    expect(analyzed.statements.map((s) => s.text)).toEqual([
      'The national weather agency said on Tuesday that rivers in the north would keep rising.',
    ]);
  });

  it('finds a dateline and takes its date', () => {
    const { doc, zones } = zoned(
      'Qaani Visits Baghdad\n\nBAGHDAD, Nov. 22, 2023 — The commander of the Quds Force arrived in the Iraqi capital on Tuesday.',
    );
    expect(zones).toContainEqual(['dateline', 'BAGHDAD, Nov. 22, 2023 —']);
    expect(doc.metadata.date).toBe('2023-11-22');
  });

  it('finds a dateline after a title that reads like a sentence, but not in a later paragraph', () => {
    const title = 'The Quds Force commander arrives in Baghdad for talks with the leaders of the armed factions.';
    const { zones } = zoned(`${title}\n\nBAGHDAD, Nov. 22 (AFP) — The commander of the Quds Force arrived in the capital on Tuesday.`);
    expect(zones).toContainEqual(['dateline', 'BAGHDAD, Nov. 22 (AFP) —']);
    const later = zoned(
      `${title}\n\nThe commander of the Quds Force arrived in the capital on Tuesday for two days of closed talks.\n\nBAGHDAD — The talks ended.`,
    );
    expect(later.zones.filter(([kind]) => kind === 'dateline')).toEqual([]);
  });

  it('finds the trailing footnote list and a definitions section', () => {
    const text =
      "Title Line\n\nDefinitions:\nKH: Kata'ib Hizballah\nIRI: Islamic Resistance in Iraq\n\nThe group said it attacked.[1]\n\n[1] Telegram/sabreenS1, October 18, 2023.\n[2] Reuters, October 19, 2023.\n";
    const { zones } = zoned(text);
    expect(zones).toContainEqual(['definitions', "Definitions:\nKH: Kata'ib Hizballah\nIRI: Islamic Resistance in Iraq"]);
    expect(zones).toContainEqual(['footnotes', '[1] Telegram/sabreenS1, October 18, 2023.\n[2] Reuters, October 19, 2023.']);
  });

  it('a trailing numbered list is content, unless a Notes heading opens it or its lines cite links', () => {
    const list = 'The groups below were named.\n\n1. The Badr Organization, led by its chief.\n2. Harakat al-Nujaba, a militia.\n';
    expect(zoned(list).zones.filter(([kind]) => kind === 'footnotes')).toEqual([]);
    expect(zoned(`The group said it attacked.\n\nNotes:\n${list.split('\n\n')[1]}`).zones.map(([kind]) => kind)).toContain('footnotes');
    expect(
      zoned('The group said it attacked.\n\n1. https://t.me/example/123\n2. Army statement, 3 May.\n').zones.map(([kind]) => kind),
    ).toContain('footnotes');
  });

  it('names in a numbered list are found; names in footnotes are not, by any recognizer', async () => {
    const listed = await analyzeUpTo(
      "The report named the groups.\n\n1. Kata'ib Hezbollah, backed by Iran.\n2. The Badr Organization, led by Hadi al-Amiri.\n",
      'entities',
    );
    expect(listed.mentions.map((m) => `${m.text}:${m.type}`)).toEqual(
      expect.arrayContaining(["Kata'ib Hezbollah:ORGANIZATION", 'Badr Organization:ORGANIZATION', 'Hadi al-Amiri:PERSON']),
    );
    const noted = await analyzeUpTo(
      'Hezbollah fired rockets, officials said.\n\n[1] Statement by the Israeli army, 3 May.\n[2] Oruba Tesfanet, Kelvane Water Authority.\n',
      'entities',
    );
    expect(noted.mentions.map((m) => m.text)).toEqual(['Hezbollah']);
  });

  it('takes a Markdown heading as the title and strips emphasis from the byline', () => {
    const { doc } = zoned('# Nujaba’s New Front\n\n**By Hamdi Malik**\n\nOctober 19, 2023\n\nBody.', 'md');
    expect(doc.metadata).toEqual({ title: 'Nujaba’s New Front', date: '2023-10-19', author: 'Hamdi Malik' });
  });

  it('does not take a first line that is a sentence as a headline', () => {
    expect(zoned('The group said it attacked the base.\nMore text.').zones).toEqual([]);
  });

  it.each([
    ['U.S. Senate Backs Aid for Fishing Towns', 'U.S. Senate Backs Aid for Fishing Towns'],
    ['Talks in Geneva, Says U.N. Envoy', 'Talks in Geneva, Says U.N. Envoy'],
    ['Gen. Ruiz Pulls Troops From the Coast', 'Gen. Ruiz Pulls Troops From the Coast'],
    ['Markets Fell. Traders Fled the Floor', null],
  ])('tells abbreviations from sentence ends in a headline: %j', (headline, title) => {
    const { doc } = zoned(`${headline}

The council voted on Monday to close the harbour for the winter months.`);
    expect(doc.metadata.title).toBe(title);
  });
});

describe('ZoneStage on Markdown', () => {
  const yaml = [
    '---',
    'title: "Harbour Board Votes to Dredge"',
    'date: 2024-03-02',
    'author: Oruba Tesfanet',
    'tags:',
    '  - Marrowby',
    '---',
    '',
    '# Dredging Plan Approved',
    '',
    'The Marrowby harbour board said on Monday that it would deepen the channel.',
    '',
  ].join('\n');

  it('zones YAML front matter and takes title, date and author from it; the text keeps it, offsets unchanged', () => {
    const { doc, zones } = zoned(yaml, 'md');
    expect(zones).toEqual([
      ['frontmatter', yaml.slice(0, yaml.indexOf('\n\n'))],
      ['headline', '# Dredging Plan Approved'],
    ]);
    expect(doc.text).toBe(yaml);
    expect(doc.metadata).toEqual({ title: 'Harbour Board Votes to Dredge', date: '2024-03-02', author: 'Oruba Tesfanet' });
  });

  it('zones TOML front matter', () => {
    const toml =
      "+++\ntitle = 'Ferry Fares Rise'\ndate = 2024-05-09T08:00:00Z\n+++\nFares on the island ferry rose by a tenth on Friday, the operator said.\n";
    const { doc, zones } = zoned(toml, 'md');
    expect(zones).toEqual([['frontmatter', "+++\ntitle = 'Ferry Fares Rise'\ndate = 2024-05-09T08:00:00Z\n+++"]]);
    expect(doc.metadata).toMatchObject({ title: 'Ferry Fares Rise', date: '2024-05-09' });
  });

  it('an unclosed fence or a fence after the first line is no front matter', () => {
    expect(zoned('---\ntitle: x\n\nThe board met.', 'md').zones.map(([kind]) => kind)).not.toContain('frontmatter');
    expect(zoned('Intro line.\n\n---\ntitle: x\n---\n', 'md').zones.map(([kind]) => kind)).not.toContain('frontmatter');
  });

  const withHeadings = [
    yaml.trimEnd(),
    '',
    '## Minister vows to block the plan',
    '',
    'Fishermen warn the dredging will ruin them',
    '===========================================',
    '',
    '```',
    '# not a heading inside code',
    '```',
    '',
    'Oruba Tesfanet said the dredging would start in May.',
    '',
  ].join('\n');

  it('zones ATX and Setext headings, not lines in fenced code', () => {
    const { zones } = zoned(withHeadings, 'md');
    expect(zones.filter(([kind]) => kind === 'heading').map(([, text]) => text)).toEqual([
      '## Minister vows to block the plan',
      'Fishermen warn the dredging will ruin them\n===========================================',
    ]);
  });

  it('makes no statement of a heading or of the front matter, and finds no entity in the front matter', async () => {
    const doc = await analyze(withHeadings, 'md');
    expect(doc.statements.map((s) => s.text)).toEqual([
      'The Marrowby harbour board said on Monday that it would deepen the channel.',
      'Oruba Tesfanet said the dredging would start in May.',
    ]);
    for (const s of doc.statements) expect(withHeadings.slice(s.start, s.end)).toBe(s.text);
    expect(doc.mentions.filter((m) => m.start < withHeadings.indexOf('\n\n'))).toEqual([]);
  });
});
