import nlp from 'compromise';
import { englishLexicon } from '../../text/english.js';
import type { Document, EntityType } from '../../document/types.js';
import type { Lexicons, RuleScores } from '../../resources/lexicons.js';
import { isNameWord, nameChunks } from '../../text/chunks.js';
import { isCapitalized } from '../../text/normalize.js';
import type { EntityRecognizer, MentionCandidate, ModelInfo } from '../types.js';
import { insideAny, isTitleCaseHeading, noEntityZones } from '../zones.js';
import { languageIndex } from '../../resources/language.js';
import { fold, phraseAt, phraseEndingAt, type NameLexicon } from '../../resources/name-lexicon.js';
import { isNameParticle, type NameParticles } from '../../resources/name-particles.js';

const MAX_PERSON_WORDS = 6;
/** Rules that type a name by its own shape; names typed by their surroundings score as 'context'. */
type ShapeRule = Exclude<keyof RuleScores['nameRules'], 'context'>;
const englishWords = new Map<string, boolean>();

/** A word compromise knows as English, other than as a name ("Critics", "Police" are words; "Smith" is a name). */
function isEnglishWord(folded: string): boolean {
  let known = englishWords.get(folded);
  if (known === undefined) {
    const tags = englishLexicon[folded];
    // Plurals of common nouns the lexicon lacks ("authorities", "lawmakers"); surnames like "Haas" or "Reeves" are not caught.
    known =
      tags === undefined
        ? /(?:ies|ers|ors|ists|ants|ents|ians)$/.test(folded) && nlp(folded).has('#Plural')
        : !/Name|Person|Honorific/.test(String(tags));
    englishWords.set(folded, known);
  }
  return known;
}

/** One document's walk through its name chunks: its folded words, the mentions found so far, and what earlier chunks left behind. */
interface NameScan {
  doc: Document;
  words: string[];
  out: MentionCandidate[];
  /** Ends of place names introduced by a place noun, so later conjuncts ("… and Y") join them. */
  placeListEnds: Set<number>;
}

/** Tokens [first, last) of a chunk. */
interface TokenRange {
  first: number;
  last: number;
}

/**
 * Names no list holds, found from their shape: a title before a person
 * ("Brig. Gen. Yahya Rasool", "spokesman Yahya Saree"), kunyas ("Abu Fadak"),
 * Arabic name particles ("Mohammed bin Salman"), organization designators at
 * either end ("Sayyid al-Shuhada Brigades", "Harakat al-Nujaba") and
 * facilities named with a place word ("Ain al-Asad Airbase", "Tower 22").
 */
export class NameRulesRecognizer implements EntityRecognizer {
  readonly info: ModelInfo;
  private readonly lexicon: NameLexicon;
  private readonly particles: NameParticles;
  private readonly speechVerbs: ReadonlySet<string>;
  /** Words allowed between a name and its speech verb: "Tuchel also said", "Wei had told". */
  private readonly skippedBeforeVerb: ReadonlySet<string>;
  private readonly determiners: ReadonlySet<string>;
  private readonly scores: RuleScores['nameRules'];

  constructor(lexicons: Lexicons) {
    const index = languageIndex(lexicons);
    this.lexicon = index.names;
    this.particles = index.particles;
    const personal = new Set(lexicons.cues.data.verbs.filter((v) => !v.namesNoPerson).map((v) => v.lemma));
    this.speechVerbs = new Set([...index.statements.cues.verbs].filter(([, cue]) => personal.has(cue.lemma)).map(([form]) => form));
    this.skippedBeforeVerb = index.particles.wordsBeforeSpeechVerb;
    this.determiners = index.particles.openingDeterminers;
    this.scores = lexicons.ruleScores.data.nameRules;
    this.info = {
      name: 'name-rules',
      version: '1',
      kind: 'rules',
      resources: {
        'titles.json': lexicons.titles.sha256,
        'org-designators.json': lexicons.designators.sha256,
        'cues.json': lexicons.cues.sha256,
        'name-words.json': lexicons.nameWords.sha256,
        'function-words.json': lexicons.functionWords.sha256,
        'given-names.json': lexicons.givenNames.sha256,
        'rule-scores.json': lexicons.ruleScores.sha256,
      },
    };
  }

  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return docs.map((doc) => this.recognizeOne(doc));
  }

  recognizeOne(doc: Document): MentionCandidate[] {
    const words = doc.tokens.map((t) => fold(t.text));
    const blocked = noEntityZones(doc);
    const scan: NameScan = { doc, words, out: [], placeListEnds: new Set() };
    for (const sentence of doc.sentences) {
      if (insideAny(blocked, sentence.start) || isTitleCaseHeading(doc, sentence)) continue;
      for (const chunk of nameChunks(doc.text, doc.tokens, sentence, this.lexicon.connectors)) {
        let first = chunk.first;
        // A sentence opener joined by "of" is usually a common noun: "Members of the Zulfiqar Brigades".
        if (first === sentence.tokenStart && this.lexicon.connectors.has(words[first + 1] ?? '') && !this.isNameOpener(words, first))
          first++;
        this.classify(scan, { first, last: chunk.last }, false);
      }
    }
    return scan.out;
  }

  private isNameOpener(words: string[], at: number): boolean {
    const lex = this.lexicon;
    return (
      phraseAt(words, at, lex.organizationLeads) > 0 ||
      phraseAt(words, at, lex.facilityLeads) > 0 ||
      phraseAt(words, at, lex.titles) > 0 ||
      this.particles.kunya.has(words[at]!)
    );
  }

  /** Classifies a name chunk, splitting it at titles inside it; `titled` when a title opened it. */
  private classify(scan: NameScan, chunk: TokenRange, titled: boolean): void {
    const { words } = scan;
    const lex = this.lexicon;
    let { first, last } = chunk;
    while (first < last && (lex.functionWords.has(words[first]!) || lex.connectors.has(words[first]!))) first++;
    while (last > first && lex.connectors.has(words[last - 1]!)) last--;
    if (first >= last || this.splitAtTitle(scan, { first, last })) return;
    this.classifyName(scan, { first, last }, titled || phraseEndingAt(words, first, lex.titles) > 0);
  }

  /** "Defence Minister Yoav Gallant": a title inside a chunk ends one name and opens the next. */
  private splitAtTitle(scan: NameScan, { first, last }: TokenRange): boolean {
    const { words } = scan;
    const lex = this.lexicon;
    for (let k = first; k < last; k++) {
      if (lex.titlesKept.has(words[k]!)) continue;
      const length = phraseAt(words, k, lex.titles);
      if (length > 0 && k + length < last) {
        this.classify(scan, { first, last: k }, false);
        const afterTitle = k + length;
        this.classify(scan, { first: afterTitle, last }, !lex.connectors.has(words[afterTitle]!));
        return true;
      }
    }
    return false;
  }

  /** Types a trimmed chunk by its shape (given name, designators, facility words, kunya, title), else by its context. */
  private classifyName(scan: NameScan, { first, last }: TokenRange, titledBefore: boolean): void {
    const { doc, words } = scan;
    const lex = this.lexicon;
    const push = (type: EntityType, rule: string, end: number, score: number): void => {
      scan.out.push({
        start: doc.tokens[first]!.start,
        end: doc.tokens[end - 1]!.end,
        type,
        provenance: { source: 'rule', model: this.info.name, rule, score },
      });
    };
    const emit = (type: EntityType, rule: ShapeRule, end = last): void => push(type, rule, end, this.scores[rule]);

    const personEnd = this.givenNameEnd(scan, { first, last }, titledBefore);
    if (personEnd !== undefined) {
      emit('PERSON', 'given-name', personEnd);
      if (personEnd < last) this.classify(scan, { first: personEnd, last }, false);
      return;
    }

    if (phraseAt(words, first, lex.organizationLeads) > 0 && last - first >= 2) return emit('ORGANIZATION', 'org-lead', last);
    if (last - first >= 2 && lex.organizationHeads.has(words[last - 1]!) && isCapitalized(doc.tokens[last - 1]!.text)) {
      return emit('ORGANIZATION', 'org-head', last);
    }
    // A designator followed by its complement: "Syrian Observatory for Human Rights", "Popular Front for the Liberation of Palestine".
    for (let k = first; k < last - 1; k++) {
      if (lex.organizationHeads.has(words[k]!) && isCapitalized(doc.tokens[k]!.text) && lex.connectors.has(words[k + 1]!)) {
        return emit('ORGANIZATION', 'org-head-complement', last);
      }
    }
    const facilityHead = phraseEndingAt(words, last, lex.facilityHeads);
    if (facilityHead > 0 && last - first > facilityHead) {
      const numbered = /^\d+$/.test(doc.tokens[last]?.text ?? '') && doc.tokens[last]!.start === doc.tokens[last - 1]!.end + 1;
      return emit('LOCATION', 'facility-head', numbered ? last + 1 : last);
    }
    if (facilityHead > 0 && /^\d+$/.test(doc.tokens[last]?.text ?? '') && doc.tokens[last]!.start === doc.tokens[last - 1]!.end + 1) {
      return emit('LOCATION', 'facility-number', last + 1);
    }
    if (phraseAt(words, first, lex.facilityLeads) > 0 && last - first >= 2) return emit('LOCATION', 'facility-lead', last);

    const personLike =
      last - first <= MAX_PERSON_WORDS && !doc.tokens.slice(first, last).some((t) => t.text.endsWith('.') && t.text.length > 2);
    if (!personLike) return;
    if (this.particles.kunya.has(words[first]!) && last - first >= 2) return emit('PERSON', 'kunya', last);
    if (words.slice(first + 1, last - 1).some((w) => this.particles.patronymics.has(w))) return emit('PERSON', 'name-particle', last);
    if (titledBefore) return emit('PERSON', 'title', last);
    const context = this.fromContext(scan, { first, last });
    if (context) push(context.type, context.rule, last, this.scores.context);
  }

  /** A given name opens a person's name, which ends where a connector starts a complement: "Marine Le Pen of the National Rally". Returns that end. */
  private givenNameEnd({ doc, words }: NameScan, { first, last }: TokenRange, titledBefore: boolean): number | undefined {
    const lex = this.lexicon;
    const opensWithGivenName = lex.givenNames.has(words[first]!) && !this.particles.kunya.has(words[first]!) && !titledBefore;
    if (!opensWithGivenName || first + 1 >= last || !isNameWord(doc.tokens[first + 1]!) || lex.organizationHeads.has(words[first + 1]!))
      return undefined;
    let end = first + 1;
    const continuesName = (k: number) =>
      (isNameWord(doc.tokens[k]!) || this.particles.insidePersonalNames.has(words[k]!)) && !this.particles.minorWords.has(words[k]!);
    while (end < last && continuesName(end)) end++;
    while (end > first + 1 && this.particles.insidePersonalNames.has(words[end - 1]!)) end--;
    const head = words[end - 1]!;
    const isPerson =
      end - first <= MAX_PERSON_WORDS &&
      !lex.organizationHeads.has(head) &&
      phraseEndingAt(words, end, lex.facilityHeads) === 0 &&
      phraseAt(words, first, lex.organizationLeads) === 0;
    return isPerson ? end : undefined;
  }

  /**
   * Names whose shape says nothing, typed by what surrounds them: initials
   * ("C. C. Wei"), a byline, a copyright line, an apposition with a role
   * ("Carsten Brzeski, an economist at ING"), the subject of a speech verb
   * ("Thomas Tuchel said"), a place noun ("the villages of X and Y") or a
   * known place after a comma ("Nyon, Switzerland").
   */
  private fromContext(scan: NameScan, { first, last }: TokenRange): { type: EntityType; rule: string } | undefined {
    const { doc, words } = scan;
    const tokens = doc.tokens;
    const lex = this.lexicon;
    const length = last - first;
    if (/^\p{Lu}\.$/u.test(tokens[first]!.text) && length >= 2 && /^\p{Lu}\p{Ll}/u.test(tokens[last - 1]!.text))
      return { type: 'PERSON', rule: 'initials' };
    const start = tokens[first]!.start;
    if (doc.zones.some((z) => z.kind === 'byline' && z.start <= start && start < z.end)) return { type: 'PERSON', rule: 'byline' };
    if (tokens[first - 2]?.text === '©' || tokens[first - 1]?.text === '©') return { type: 'ORGANIZATION', rule: 'copyright' };

    // "Amina Diallo, who …": "who" refers to a person.
    if (words[last] === ',' && words[last + 1] === 'who' && length >= 2 && length <= 4) return { type: 'PERSON', rule: 'relative-who' };
    if (words[last] === ',') {
      let k = last + 1;
      if (this.determiners.has(words[k] ?? '')) k++;
      for (let n = 0; n < 4 && k < tokens.length; n++, k++) {
        if (lex.roleNouns.has(words[k]!)) return length <= MAX_PERSON_WORDS ? { type: 'PERSON', rule: 'apposition' } : undefined;
        if (!/^[\p{L}-]+$/u.test(tokens[k]!.text)) break;
      }
      const next = doc.mentions.find((m) => m.start === tokens[last + 1]?.start);
      if (next?.type === 'LOCATION' && next.kbId !== undefined) return { type: 'LOCATION', rule: 'place-apposition' };
    }
    // "the villages of Aita al-Shaab and Beit Yahoun": the place noun covers every conjunct.
    let before = first - 1;
    while (before >= 0 && (words[before] === 'and' || words[before] === ',')) before--;
    const conjunct = before < first - 1 && scan.placeListEnds.has(tokens[before]?.end ?? -1);
    if ((words[first - 1] === 'of' && lex.placeNouns.has(words[first - 2] ?? '')) || conjunct) {
      scan.placeListEnds.add(tokens[last - 1]!.end);
      return { type: 'LOCATION', rule: 'place-noun' };
    }
    // "the Iran-backed Nujaba militia", "the Zulfiqar faction": a name that a group noun follows.
    const backedBefore = lex.backingParticiples.has(
      fold(tokens[first - 1]?.text ?? '')
        .split(/[-‐]/)
        .slice(1)
        .pop() ?? '',
    );
    if (lex.groupNounsAfterName.has(words[last] ?? '') && (backedBefore || words[first - 1] === 'the'))
      return { type: 'ORGANIZATION', rule: 'group-noun' };
    // "X said", "X also said", and an apposed name between commas: "Another passenger, X, told VOA".
    const apposedSpeaker = words[first - 1] === ',' && words[last] === ',' && this.speechVerbs.has(words[last + 1] ?? '');
    const speechAfter =
      this.speechVerbs.has(words[last] ?? '') ||
      (this.skippedBeforeVerb.has(words[last] ?? '') && this.speechVerbs.has(words[last + 1] ?? '')) ||
      apposedSpeaker;
    const speechBefore = this.speechVerbs.has(words[first - 1] ?? '') && /^[,”"]$/.test(words[first - 2] ?? '');
    if (
      (speechAfter || speechBefore) &&
      length >= 2 &&
      length <= 4 &&
      tokens.slice(first, last).every((t) => /^\p{Lu}\p{Ll}/u.test(t.text) || isNameParticle(this.particles, t.text))
    ) {
      return { type: 'PERSON', rule: 'speaker-shape' };
    }
    // One word that speaks and is no English word is a name: "Wasuge said", "said Ozor."; an acronym is an organization.
    if ((speechAfter || speechBefore) && length === 1 && !isEnglishWord(words[first]!)) {
      const text = tokens[first]!.text;
      if (/^\p{Lu}{2,6}$/u.test(text)) return { type: 'ORGANIZATION', rule: 'speaker-acronym' };
      if (/^\p{Lu}\p{Ll}{2,}$|^\p{Lu}\p{Ll}+(?:[-‐]\p{Lu}\p{Ll}+)+$/u.test(text)) return { type: 'PERSON', rule: 'speaker-surname' };
    }
    return undefined;
  }
}
