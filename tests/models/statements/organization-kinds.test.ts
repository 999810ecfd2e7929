import { describe, expect, it } from 'vitest';
import type { Entity } from '../../../src/document/types.js';
import { loadLexicons } from '../../../src/resources/lexicons.js';
import { OrganizationKinds } from '../../../src/models/statements/organization-kinds.js';
import { analyze } from '../../helpers/documents.js';

const organization = (name: string, kbId?: string): Entity => ({
  type: 'ORGANIZATION',
  name,
  aliases: [],
  mentions: [],
  ...(kbId ? { kbId } : {}),
});

describe('OrganizationKinds', () => {
  const kinds = new OrganizationKinds(loadLexicons().organizationKinds.data, new Map([['sun-tv', 'Lebanese television channel']]));

  it('reads an organization kind from its name or its knowledge-base description', () => {
    expect(kinds.fits('ministry', organization('Ministry of Health'))).toBe(true);
    expect(kinds.fits('ministry', organization('Sun TV', 'sun-tv'))).toBe(false);
    expect(kinds.fits('channel', organization('Sun TV', 'sun-tv'))).toBe(true);
  });

  it('needs a named kind for a head that names one, and lets a generic head fit all but outlets, governments and companies', () => {
    expect(kinds.fits('ministry', organization('Arcadia Partners'))).toBe(false);
    expect(kinds.fits('group', organization('Arcadia Partners'))).toBe(true);
    expect(kinds.fits('group', organization('Kyodo News'))).toBe(false);
    expect(kinds.fits('group', organization('Quds Force'))).toBe(true);
  });
});

describe('"the ministry" and "the group" as speakers', () => {
  it('do not resolve to a news outlet that spoke before them', async () => {
    const doc = await analyze(
      'Strikes\n\nAl-Manar reported that three buildings were destroyed overnight.\n\nThe ministry said 12 people were killed.',
    );
    const [outlet, ministry] = doc.statements;
    expect(doc.entities[outlet!.speaker!]!.name).toBe('Al-Manar');
    expect([ministry!.speaker, ministry!.speakerText]).toEqual([null, 'The ministry']);
  });
});

describe('a reporting credit inside a paragraph', () => {
  it('is no statement', async () => {
    const doc = await analyze('Talks\n\nThe envoy said talks would resume on Monday. Dana Saleh contributed reporting from Gaza.');
    expect(doc.statements.map((s) => s.text)).toEqual(['The envoy said talks would resume on Monday.']);
  });
});
