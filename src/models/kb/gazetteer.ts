import type { Document, EntityType, Token } from '../../document/types.js';
import type { KbEntry, KnowledgeBase } from '../../resources/kb.js';
import { isAllCaps, isCapitalized, nameKey } from '../../text/normalize.js';
import { isNameWord } from '../../text/chunks.js';
import type { EntityRecognizer, MentionCandidate, ModelInfo } from '../types.js';
import { noEntityZones, insideAny } from '../zones.js';

type Form = 'name' | 'alias' | 'ambiguous';

interface IndexedForm {
  entryId: string;
  type: EntityType;
  form: Form;
}

const FORM_RANK: Record<Form, number> = { name: 0, alias: 1, ambiguous: 2 };
const MAX_WINDOW = 10;
const CONNECTOR = /^(?:of|the|and|for|al|el|bin|ibn|bint|de|la|du|del|van|von|der|in|on|&|-)$/i;

/**
 * The knowledge-base recognizer: finds every listed name, alias and acronym,
 * matching names by `nameKey` (case, diacritics, apostrophes, articles and
 * hyphens do not matter) and acronyms by exact case. Ambiguous forms ("Amal",
 * "Jordan") count only in documents that also name the entry unambiguously.
 */
export class KbRecognizer implements EntityRecognizer {
  readonly info: ModelInfo;
  private readonly names = new Map<string, IndexedForm[]>();
  private readonly acronyms = new Map<string, IndexedForm[]>();

  constructor(kb: KnowledgeBase) {
    this.info = {
      name: 'kb-gazetteer',
      version: '1',
      kind: 'kb',
      resources: Object.fromEntries(kb.files.map((f) => [f.path.split('/').pop()!, f.sha256])),
    };
    for (const entry of kb.entries.values()) this.index(entry);
    for (const list of [...this.names.values(), ...this.acronyms.values()]) {
      list.sort((a, b) => FORM_RANK[a.form] - FORM_RANK[b.form] || a.entryId.localeCompare(b.entryId));
    }
  }

  private index(entry: KbEntry): void {
    const add = (map: Map<string, IndexedForm[]>, key: string, form: Form) => {
      if (!key) return;
      const list = map.get(key) ?? [];
      if (!list.some((f) => f.entryId === entry.id && FORM_RANK[f.form] <= FORM_RANK[form])) {
        list.push({ entryId: entry.id, type: entry.type, form });
      }
      map.set(key, list);
    };
    add(this.names, nameKey(entry.name), entry.ambiguous.includes(entry.name) ? 'ambiguous' : 'name');
    for (const alias of entry.aliases) add(this.names, nameKey(alias), 'alias');
    for (const acronym of entry.acronyms) add(this.acronyms, acronym, 'alias');
    for (const form of entry.ambiguous) {
      if (isAllCaps(form) && !form.includes(' ')) add(this.acronyms, form, 'ambiguous');
      else add(this.names, nameKey(form), 'ambiguous');
    }
  }

  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return docs.map((doc) => this.recognizeOne(doc));
  }

  recognizeOne(doc: Document): MentionCandidate[] {
    const blocked = noEntityZones(doc);
    const found: Array<MentionCandidate & { form: Form }> = [];
    for (const sentence of doc.sentences) {
      if (insideAny(blocked, sentence.start)) continue;
      let i = sentence.tokenStart;
      while (i < sentence.tokenEnd) {
        const match = this.longestMatchAt(doc, i, sentence.tokenEnd);
        if (match) {
          found.push(match.candidate);
          i = match.next;
        } else i++;
      }
    }
    const namedUnambiguously = new Set(found.filter((c) => c.form !== 'ambiguous').map((c) => c.kbId));
    return found
      .filter((c) => c.form !== 'ambiguous' || namedUnambiguously.has(c.kbId))
      .map(({ form: _form, ...candidate }) => candidate);
  }

  private longestMatchAt(doc: Document, first: number, sentenceEnd: number) {
    const tokens = doc.tokens;
    const start = tokens[first]!;
    if (!isNameWord(start) && !/^\p{Lu}/u.test(start.text)) return undefined;

    const acronymHit = this.acronyms.get(start.text);
    let best: { last: number; form: IndexedForm } | undefined;
    for (let last = first; last < Math.min(sentenceEnd, first + MAX_WINDOW); last++) {
      const token = tokens[last]!;
      if (last > first) {
        const previous = tokens[last - 1]!;
        if (doc.text.slice(previous.end, token.start).includes('\n')) break;
        if (!/[\p{L}\p{N}]/u.test(token.text) && !CONNECTOR.test(token.text)) break;
      }
      if (!endsName(token)) continue;
      const forms = this.names.get(nameKey(doc.text.slice(start.start, token.end)));
      if (forms?.[0]) best = { last, form: forms[0] };
    }
    if (!best && acronymHit?.[0]) best = { last: first, form: acronymHit[0] };
    if (!best) return undefined;
    const end = tokens[best.last]!;
    const candidate: MentionCandidate & { form: Form } = {
      start: start.start,
      end: end.end,
      type: best.form.type,
      kbId: best.form.entryId,
      provenance: { source: 'kb', model: this.info.name, rule: `kb:${best.form.form}`, score: best.form.form === 'ambiguous' ? 0.7 : 0.95 },
      form: best.form.form,
    };
    return { candidate, next: best.last + 1 };
  }
}

function endsName(token: Token): boolean {
  return isCapitalized(token.text) || /^\d+$/.test(token.text) || /[-‐]\p{Lu}/u.test(token.text);
}
