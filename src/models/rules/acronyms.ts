import type { Document, EntityType, Mention, Span, Token } from '../../document/types.js';
import { firstEndingAfter, mentionIndexByToken } from '../../document/spans.js';
import { isCapitalized } from '../../text/normalize.js';
import type { EntityRecognizer, MentionCandidate, ModelInfo } from '../types.js';
import { insideAny, noEntityZones } from '../zones.js';
import { fold } from '../../resources/name-lexicon.js';
import { isNameParticle, nameParticles, type NameParticles } from '../../resources/name-particles.js';
import { loadLexicons, type RuleScores } from '../../resources/lexicons.js';

const ACRONYM = /^[A-Z][A-Za-z&]*[A-Z][A-Za-z&-]*$/;
const SEPARATOR = /^(?::|–|—|-|=)$/;
/** An acronym the text may use without defining it: two to six capitals. */
const IMPLIED_ACRONYM = /^[A-Z]{2,6}$/;
const QUOTES = new Set(['"', '“', '”', "'", '‘', '’']);

interface Definition {
  acronym: string;
  longForm: Span;
  type: EntityType;
  at: Span;
}

/**
 * In-document aliases: acronyms defined in parentheses ("Lebanese Hizbullah
 * (LH)"), lines of a "Definitions:" section ("KH: Kata'ib Hizballah"), every
 * later — or earlier — use of a defined acronym, and other names given for a
 * name ("also known as Abu Alaa al-Walai", "(Abu Fadak)").
 */
export class AcronymRecognizer implements EntityRecognizer {
  readonly info: ModelInfo = { name: 'acronym-rules', version: '2', kind: 'rules' };
  constructor(
    private readonly particles: NameParticles = nameParticles(),
    private readonly scores: RuleScores['definitions'] = loadLexicons().ruleScores.data.definitions,
  ) {}

  /** Words a long form holds that its initials skip: "of", "and", "al", and a lower-case particle ("de", "bin"); a capitalised one ("Van Lang", "Bin Rashid") has its initial. */
  private readonly skippedInInitials = (text: string): boolean => {
    const word = fold(text);
    const { minorWords, standaloneArticles, insidePersonalNames, kunya } = this.particles;
    if (minorWords.has(word) || standaloneArticles.has(word)) return true;
    return insidePersonalNames.has(word) && !kunya.has(word) && !isCapitalized(text);
  };

  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return docs.map((doc) => this.recognizeOne(doc));
  }

  recognizeOne(doc: Document): MentionCandidate[] {
    const blocked = noEntityZones(doc);
    const explicit = [...this.parenthesised(doc), ...this.definitionLines(doc)];
    const definitions = [...explicit, ...this.impliedDefinitions(doc, explicit)].filter((d) => !insideAny(blocked, d.at.start));
    const out: MentionCandidate[] = [];
    const byAcronym = new Map<string, Definition>();
    for (const definition of definitions) {
      if (!byAcronym.has(definition.acronym)) byAcronym.set(definition.acronym, definition);
      out.push({
        ...definition.longForm,
        type: definition.type,
        provenance: { source: 'definition', model: this.info.name, rule: 'long-form', score: this.scores['long-form'] },
      });
    }
    out.push(...this.namedAliases(doc).filter((c) => !insideAny(blocked, c.start)));
    for (const token of doc.tokens) {
      const definition = byAcronym.get(token.text);
      if (!definition || insideAny(blocked, token.start)) continue;
      out.push({
        start: token.start,
        end: token.end,
        type: definition.type,
        aliasOf: definition.longForm,
        provenance: { source: 'acronym', model: this.info.name, rule: 'acronym', score: this.scores.acronym },
      });
    }
    return out;
  }

  /**
   * Other names a text gives for what it just named: "Abdul Aziz
   * al-Mohammadawi (Abu Fadak)", "Hashim al-Saraji, also known as Abu Alaa
   * al-Walai", "aka 'Abu Izra'il'". The alias takes the named mention's type.
   */
  private namedAliases(doc: Document): MentionCandidate[] {
    const { tokens } = doc;
    const out: MentionCandidate[] = [];
    for (const mention of doc.mentions) {
      let i = firstEndingAfter(tokens, mention.end);
      if (i >= tokens.length) continue;
      let closing: string | undefined;
      if (tokens[i]!.text === '(') {
        closing = ')';
        i++;
      } else if (tokens[i]!.text === ',') i++;
      const cue = this.particles.aliasCues.find((c) => c.every((w, k) => fold(tokens[i + k]?.text ?? '') === w));
      if (cue) i += cue.length;
      else if (!closing || mention.type !== 'PERSON' || !this.particles.kunya.has(fold(tokens[i]?.text ?? ''))) continue;
      while (QUOTES.has(tokens[i]?.text ?? '')) i++;
      const first = i;
      while (
        i < tokens.length &&
        (isCapitalized(tokens[i]!.text) || isNameParticle(this.particles, tokens[i]!.text) || tokens[i]!.text.startsWith("'"))
      )
        i++;
      // A name never ends in a bare particle: "Abu Fadak de facto chief" is "Abu Fadak".
      while (i > first && this.particles.insidePersonalNames.has(fold(tokens[i - 1]!.text)) && !isCapitalized(tokens[i - 1]!.text)) i--;
      if (i === first || (closing && tokens[i]?.text !== closing && !QUOTES.has(tokens[i]?.text ?? ''))) continue;
      out.push({
        start: tokens[first]!.start,
        end: tokens[i - 1]!.end,
        type: mention.type,
        aliasOf: { start: mention.start, end: mention.end },
        provenance: {
          source: 'definition',
          model: this.info.name,
          rule: cue ? 'also-known-as' : 'parenthesised-kunya',
          score: this.scores.alias,
        },
      });
    }
    return out;
  }

  /** "Long Name (ACR)": the long form is a mention found so far, or the capitalised words whose initials spell the acronym. */
  private *parenthesised(doc: Document): Generator<Definition> {
    const { tokens } = doc;
    for (let i = 1; i + 2 < tokens.length; i++) {
      const acronym = tokens[i + 1]!.text;
      if (tokens[i]!.text !== '(' || tokens[i + 2]!.text !== ')' || !ACRONYM.test(acronym)) continue;
      const before = tokens[i - 1]!;
      const known = doc.mentions.find((m) => m.end === before.end);
      if (known) {
        yield { acronym, longForm: { start: known.start, end: known.end }, type: known.type, at: tokens[i + 1]! };
        continue;
      }
      const longForm = initialsMatch(doc, i - 1, acronym, this.skippedInInitials);
      if (longForm) yield { acronym, longForm, type: typeInside(doc.mentions, longForm) ?? 'ORGANIZATION', at: tokens[i + 1]! };
    }
  }

  /**
   * "the Baloch Liberation Army, or BLA,", and an acronym the text never
   * defines whose letters are the initials of exactly one organization it
   * names ("the Mekong River Commission … The MRC said"). An acronym the
   * knowledge base knows is left alone.
   */
  private *impliedDefinitions(doc: Document, explicit: readonly Definition[]): Generator<Definition> {
    const defined = new Set(explicit.map((d) => d.acronym));
    // Each organization's initials once, so every acronym is looked up, not matched against every name.
    const byInitials = new Map<string, Map<string, Mention>>();
    for (const mention of doc.mentions) {
      const initials = mention.type === 'ORGANIZATION' ? this.initialsOf(doc, mention) : undefined;
      if (initials === undefined) continue;
      const named = byInitials.get(initials) ?? new Map<string, Mention>();
      named.set(fold(mention.text), mention);
      byInitials.set(initials, named);
    }
    // Each acronym's first use, or null where the knowledge base names it.
    const mentionAt = mentionIndexByToken(doc);
    const firstUse = new Map<string, Token | null>();
    doc.tokens.forEach((token, i) => {
      if (!IMPLIED_ACRONYM.test(token.text) || defined.has(token.text)) return;
      const known = mentionAt[i] !== -1 && doc.mentions[mentionAt[i]!]!.kbId !== undefined;
      if (known) firstUse.set(token.text, null);
      else if (!firstUse.has(token.text)) firstUse.set(token.text, token);
    });
    for (const [acronym, at] of firstUse) {
      const named = byInitials.get(acronym);
      if (at === null || named?.size !== 1) continue;
      const mention = [...named.values()][0]!;
      yield { acronym, longForm: { start: mention.start, end: mention.end }, type: mention.type, at };
    }
  }

  /** The initials of a name's capitalised words (hyphenated parts each), past the words initials skip; undefined if a word is neither. */
  private initialsOf(doc: Document, mention: Mention): string | undefined {
    let initials = '';
    for (let k = firstEndingAfter(doc.tokens, mention.start); k < doc.tokens.length && doc.tokens[k]!.end <= mention.end; k++) {
      const text = doc.tokens[k]!.text;
      if (this.skippedInInitials(text)) continue;
      if (!isCapitalized(text)) return undefined;
      initials += initialsOfWord(text);
    }
    return initials.length >= 2 ? initials : undefined;
  }

  /** Lines after a "Definitions:" heading: "ACR: Long Name", "ACR – Long Name", "Long Name (ACR)" (the last is caught above). */
  private *definitionLines(doc: Document): Generator<Definition> {
    for (const zone of doc.zones.filter((z) => z.kind === 'definitions')) {
      const inside = doc.tokens.filter((t) => t.start >= zone.start && t.end <= zone.end);
      for (let i = 0; i + 2 < inside.length; i++) {
        const acronym = inside[i]!;
        const lineStart = i === 0 || doc.text.slice(inside[i - 1]!.end, acronym.start).includes('\n');
        if (!lineStart || !ACRONYM.test(acronym.text) || !SEPARATOR.test(inside[i + 1]!.text)) continue;
        let last = i + 2;
        while (last + 1 < inside.length && !doc.text.slice(inside[last]!.end, inside[last + 1]!.start).includes('\n')) {
          const next = inside[last + 1]!;
          if (!isCapitalized(next.text) && !this.skippedInInitials(next.text) && !/[-'’]/.test(next.text)) break;
          last++;
        }
        while (last > i + 2 && this.skippedInInitials(inside[last]!.text)) last--;
        const longForm = { start: inside[i + 2]!.start, end: inside[last]!.end };
        yield { acronym: acronym.text, longForm, type: typeInside(doc.mentions, longForm) ?? 'ORGANIZATION', at: acronym };
      }
    }
  }
}

/** A capitalised word's initial, one per capitalised part of a hyphenated word ("Tehrik-e-Labbaik" → "TL"). */
function initialsOfWord(word: string): string {
  return word
    .split(/[-‐]/)
    .filter((p) => isCapitalized(p))
    .map((p) => p.replace(/^['’]/, '')[0]!.toUpperCase())
    .join('');
}

/** Walks back from `lastIndex` over capitalised words until their initials spell the acronym. */
function initialsMatch(doc: Document, lastIndex: number, acronym: string, skipped: (text: string) => boolean): Span | undefined {
  const letters = acronym.replace(/[^A-Z]/g, '');
  let initials = '';
  for (let i = lastIndex; i >= 0 && lastIndex - i < letters.length * 2 + 2; i--) {
    const token = doc.tokens[i]!;
    if (doc.text.slice(token.end, doc.tokens[i + 1]?.start ?? token.end).includes('\n')) return undefined;
    if (skipped(token.text)) continue;
    if (!isCapitalized(token.text)) return undefined;
    initials = initialsOfWord(token.text) + initials;
    if (initials === letters) return { start: token.start, end: doc.tokens[lastIndex]!.end };
    if (!letters.endsWith(initials)) return undefined;
  }
  return undefined;
}

/** The type of a mention that is the whole long form; a place inside a longer name ("United Kingdom Maritime Trade Operations") says nothing. */
function typeInside(mentions: readonly Mention[], span: Span): EntityType | undefined {
  return mentions.find((m) => m.start === span.start && m.end === span.end)?.type;
}
