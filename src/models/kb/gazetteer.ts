import type { Document, EntityType, Token } from '../../document/types.js';
import type { KbEntry, KnowledgeBase } from '../../resources/kb.js';
import { englishLexicon } from '../../text/english.js';
import { isAllCaps, isCapitalized, nameKey } from '../../text/normalize.js';
import { phoneticKey, sameTransliteration } from '../../text/transliteration.js';
import { isNameWord } from '../../text/chunks.js';
import type { EntityRecognizer, MentionCandidate, ModelInfo } from '../types.js';
import { noEntityZones, insideAny } from '../zones.js';
import { nameParticles } from '../../resources/name-particles.js';
import { loadLexicons, type RuleScores } from '../../resources/lexicons.js';
import { languageIndex } from '../../resources/language.js';
import { fold } from '../../resources/name-lexicon.js';

type Form = 'name' | 'alias' | 'ambiguous';

interface IndexedForm {
  entryId: string;
  type: EntityType;
  form: Form;
  /** "Al-Monitor" without its article is the word "monitor": only the form with the article is unambiguous. */
  needsArticle?: boolean;
}

interface PhoneticForm extends IndexedForm {
  key: string;
}

const FORM_RANK: Record<Form, number> = { name: 0, alias: 1, ambiguous: 2 };

/** A surface whose only word after the article is an ordinary English word: "Al-Monitor", "Al-Arab". */
function needsArticle(surface: string): boolean {
  const key = nameKey(surface);
  return startsWithArticle(surface) && !key.includes(' ') && englishLexicon[key] !== undefined;
}
const MAX_WINDOW = 10;
const TRANSLITERATION_RULE = 'kb:transliteration';

/** "Al-Monitor", "al Mayadeen": a surface that opens with a free-standing article form. */
function startsWithArticle(surface: string): boolean {
  const first = surface.split(/[-‐\s]/, 1)[0]!.toLowerCase();
  return nameParticles().standaloneArticles.has(first);
}

/** Punctuation and lower-case words a knowledge-base name may hold: "Islamic State in Iraq and Syria", "Ansar al-Sharia", "Hay'at Tahrir al-Sham". */
function isConnector(word: string): boolean {
  const particles = nameParticles();
  const folded = word.toLowerCase();
  return word === '-' || particles.minorWords.has(folded) || particles.insidePersonalNames.has(folded);
}

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
  /** Names and aliases by phonetic key, for spellings the entry does not list. */
  private readonly phonetic = new Map<string, PhoneticForm[]>();

  constructor(
    kb: KnowledgeBase,
    private readonly scores: RuleScores['knowledgeBase'] = loadLexicons().ruleScores.data.knowledgeBase,
  ) {
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
    const add = (map: Map<string, IndexedForm[]>, key: string, form: Form, articleOnly = false) => {
      if (!key) return;
      const list = map.get(key) ?? [];
      if (!list.some((f) => f.entryId === entry.id && FORM_RANK[f.form] <= FORM_RANK[form] && !f.needsArticle)) {
        list.push({ entryId: entry.id, type: entry.type, form, ...(articleOnly ? { needsArticle: true } : {}) });
      }
      map.set(key, list);
    };
    add(this.names, nameKey(entry.name), entry.ambiguous.includes(entry.name) ? 'ambiguous' : 'name', needsArticle(entry.name));
    for (const alias of entry.aliases) add(this.names, nameKey(alias), 'alias', needsArticle(alias));
    for (const surface of [entry.name, ...entry.aliases]) {
      if (entry.ambiguous.includes(surface)) continue;
      const key = nameKey(surface);
      const phonetic = phoneticKey(key);
      const list = this.phonetic.get(phonetic) ?? [];
      if (!list.some((f) => f.entryId === entry.id && f.key === key))
        list.push({ entryId: entry.id, type: entry.type, form: 'alias', key });
      this.phonetic.set(phonetic, list);
    }
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
    const surnames = found.some((c) => c.provenance.rule === TRANSLITERATION_RULE) ? surnamesIn(doc) : undefined;
    // "Omar al-Bashir … Bashir said": a word the document gives a person as a surname is that person's, not a
    // transliteration of a listed entry ("Bushire").
    const personal = (c: MentionCandidate) =>
      surnames !== undefined && c.provenance.rule === TRANSLITERATION_RULE && surnames.has(nameKey(doc.text.slice(c.start, c.end)));
    return found
      .filter((c) => (c.form !== 'ambiguous' || namedUnambiguously.has(c.kbId)) && !personal(c))
      .map(({ form: _form, ...candidate }) => candidate);
  }

  /** The one entry a spelling the knowledge base does not list is a transliteration of, if exactly one. */
  private transliterationOf(key: string): IndexedForm | undefined {
    const candidates = (this.phonetic.get(phoneticKey(key)) ?? []).filter((f) => sameTransliteration(key, f.key));
    const ids = new Set(candidates.map((f) => f.entryId));
    return ids.size === 1 ? candidates[0] : undefined;
  }

  private longestMatchAt(doc: Document, first: number, sentenceEnd: number) {
    const tokens = doc.tokens;
    const start = tokens[first]!;
    if (!isNameWord(start) && !/^\p{Lu}/u.test(start.text)) return undefined;

    const acronymHit = this.acronyms.get(start.text);
    let best: { last: number; form: IndexedForm; fuzzy: boolean } | undefined;
    for (let last = first; last < Math.min(sentenceEnd, first + MAX_WINDOW); last++) {
      const token = tokens[last]!;
      if (last > first) {
        const previous = tokens[last - 1]!;
        if (doc.text.slice(previous.end, token.start).includes('\n')) break;
        if (!/[\p{L}\p{N}]/u.test(token.text) && !isConnector(token.text)) break;
      }
      if (!endsName(token)) continue;
      const key = nameKey(doc.text.slice(start.start, token.end));
      const forms = this.names.get(key);
      if (forms?.[0]) {
        const withArticle = startsWithArticle(doc.text.slice(start.start, token.end));
        const form = forms[0].needsArticle && !withArticle ? { ...forms[0], form: 'ambiguous' as const } : forms[0];
        best = { last, form, fuzzy: false };
      } else {
        const variant = this.transliterationOf(key);
        if (variant) best = { last, form: variant, fuzzy: true };
      }
    }
    if (!best && acronymHit?.[0]) best = { last: first, form: acronymHit[0], fuzzy: false };
    if (!best) return undefined;
    const end = tokens[best.last]!;
    const candidate: MentionCandidate & { form: Form } = {
      start: start.start,
      end: end.end,
      type: best.form.type,
      kbId: best.form.entryId,
      provenance: {
        source: 'kb',
        model: this.info.name,
        rule: best.fuzzy ? TRANSLITERATION_RULE : `kb:${best.form.form}`,
        score: best.form.form === 'ambiguous' ? this.scores.ambiguous : best.fuzzy ? this.scores.transliteration : this.scores.name,
      },
      form: best.form.form,
    };
    return { candidate, next: best.last + 1 };
  }
}

/** Name keys the document writes right after a given name ("Omar al-Bashir" → "bashir"). */
function surnamesIn(doc: Document): Set<string> {
  const { givenNames } = languageIndex(loadLexicons()).names;
  const out = new Set<string>();
  for (let k = 1; k < doc.tokens.length; k++) {
    const previous = doc.tokens[k - 1]!.text;
    const word = doc.tokens[k]!.text;
    if (!isCapitalized(previous) || !givenNames.has(fold(previous))) continue;
    if (isCapitalized(word) || /^\p{Ll}+[-‐]\p{Lu}/u.test(word)) out.add(nameKey(word));
  }
  return out;
}

function endsName(token: Token): boolean {
  return isCapitalized(token.text) || /^\d+$/.test(token.text) || /[-‐]\p{Lu}/u.test(token.text);
}
