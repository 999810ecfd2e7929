import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/document/types.js';
import { buildDefaultPipeline } from '../../src/pipeline/default.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { DOCUMENT_PARTS, type DocumentPart } from '../../src/pipeline/stage.js';
import { makeDocument } from '../helpers/documents.js';

const NEWS = `Harbour board votes on new pier
By Oruba Tesfanet

The Kelvane Water Authority said on Monday it would support the pier. Its spokesman, Tomas Veller, told reporters the board "will fight any delay".`;

/** An opinion piece: its evaluative narration is the byline author's statement, so the statement stage reads the metadata. */
const OPINION = `Opinion: The pier deserves a yes
By Oruba Tesfanet

The Kelvane board should approve the pier this week. I believe the harbour cannot wait another year.`;

/** A part's value, as the contract sees it: a mention's `entity` index belongs to `entities`, an entity's `roles` to `roles`. */
function partOf(doc: Document, part: DocumentPart): unknown {
  switch (part) {
    case 'mentions':
      return doc.mentions.map(({ entity: _entity, ...rest }) => rest);
    case 'entities':
      return doc.entities.map(({ roles: _roles, ...rest }) => rest);
    case 'roles':
      return doc.entities.map((e) => e.roles);
    default:
      return doc[part];
  }
}

function poison(part: DocumentPart): never {
  return new Proxy([], {
    get(_target, key) {
      if (key === Symbol.toPrimitive || key === 'toJSON') return undefined;
      throw new Error(`read the undeclared part "${part}"`);
    },
  }) as never;
}

/**
 * A copy of the document in which every part the stage neither requires nor
 * assigns throws when read; `untouched` says whether those parts are still the
 * very values put there (a stage that replaced one wrote a part it does not assign).
 */
function guarded(doc: Document, allowed: ReadonlySet<DocumentPart>): { copy: Document; untouched: () => DocumentPart[] } {
  const copy = structuredClone(doc);
  const poisoned = new Map<DocumentPart, unknown>();
  for (const part of DOCUMENT_PARTS) {
    if (allowed.has(part) || part === 'text') continue;
    if (part === 'roles' && !allowed.has('entities')) continue; // out of reach with the entities
    if (part === 'roles') {
      for (const entity of copy.entities) Object.defineProperty(entity, 'roles', { get: () => poison('roles'), configurable: true });
      continue;
    }
    poisoned.set(part, poison(part));
    (copy as unknown as Record<string, unknown>)[part] = poisoned.get(part);
  }
  const record = copy as unknown as Record<string, unknown>;
  const untouched = () => [...poisoned].filter(([part, value]) => record[part] === value).map(([part]) => part);
  return { copy, untouched };
}

describe('stage contract', () => {
  it.each([
    ['a news report', NEWS],
    ['an opinion piece', OPINION],
  ])('every default stage reads only what it requires and writes only what it assigns, on %s', async (_kind, text) => {
    const { pipeline } = buildDefaultPipeline();
    const doc = makeDocument(text);
    for (const stage of pipeline.stages) {
      const allowed = new Set<DocumentPart>([...stage.requires, ...stage.assigns]);
      const before = structuredClone(doc);
      const { copy, untouched } = guarded(doc, allowed);
      const poisoned = untouched();
      await stage.run([copy]);
      expect(untouched(), `${stage.name} replaced a part it does not assign`).toEqual(poisoned);
      for (const part of DOCUMENT_PARTS) {
        if (!allowed.has(part) || stage.assigns.includes(part)) continue;
        expect(partOf(copy, part), `${stage.name} changed ${part}, which it does not assign`).toEqual(partOf(before, part));
      }
      await stage.run([doc]);
    }
    expect(doc.statements.length).toBeGreaterThan(0);
  });

  it('the news report exercises roles, the opinion piece the author', async () => {
    const { pipeline } = buildDefaultPipeline();
    const [news, opinion] = [makeDocument(NEWS), makeDocument(OPINION, 'txt', 'opinion')];
    expect(await pipeline.process([news, opinion])).toEqual([]);
    expect(news.entities.some((e) => (e.roles ?? []).length > 0)).toBe(true);
    expect(opinion.statements.some((s) => s.provenance.rule === 'author-opinion' || s.speakerText === 'Oruba Tesfanet')).toBe(true);
  });

  it('a pipeline without the roles stage does not build: statements need roles', () => {
    const { pipeline } = buildDefaultPipeline();
    const withoutRoles = pipeline.stages.filter((s) => s.name !== 'roles');
    expect(() => new Pipeline(withoutRoles)).toThrow(/stage "statements" requires roles/);
  });
});
