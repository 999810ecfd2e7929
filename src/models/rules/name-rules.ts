import nlp from 'compromise';
import { englishLexicon } from '../../text/english.js';
import type { Document, EntityType } from '../../document/types.js';
import type { Lexicons } from '../../resources/lexicons.js';
import { isNameWord, isTitleCase, nameChunks } from '../../text/chunks.js';
import { isCapitalized } from '../../text/normalize.js';
import type { EntityRecognizer, MentionCandidate, ModelInfo } from '../types.js';
import { insideAny, noEntityZones } from '../zones.js';
import { statementLexicon } from '../statements/grammar.js';
import { buildNameLexicon, fold, phraseAt, phraseEndingAt, type NameLexicon } from './lexicon-sets.js';

const KUNYA = new Set(['abu', 'abou', 'umm', 'um']);
const NAME_PARTICLES = new Set(['bin', 'ibn', 'bint']);
const MAX_PERSON_WORDS = 6;
/** Lower-case words inside a person's name ("Marine Le Pen", "Mohammed bin Salman", "Ursula von der Leyen"). */
const NAME_JOINERS = new Set(['al', 'el', 'bin', 'ibn', 'bint', 'de', 'le', 'la', 'van', 'von', 'der', 'du', 'da', 'dos', 'abu']);
/** Connectors that start a complement rather than continue a name. */
const STOP_CONNECTORS = new Set(['of', 'for', 'the', 'and', '&', 'in', 'on']);
const GROUP_NOUNS = new Set(['militia', 'militias', 'faction', 'factions', 'movement', 'group', 'brigade', 'brigades', 'network', 'outfit', 'party']);
const englishWords = new Map<string, boolean>();

/** A word compromise knows as English, other than as a name ("Critics", "Police" are words; "Smith" is a name). */
function isEnglishWord(folded: string): boolean {
  let known = englishWords.get(folded);
  if (known === undefined) {
    const tags = englishLexicon[folded];
    // Plurals of common nouns the lexicon lacks ("authorities", "lawmakers"); surnames like "Haas" or "Reeves" are not caught.
    known = tags === undefined ? /(?:ies|ers|ors|ists|ants|ents|ians)$/.test(folded) && nlp(folded).has('#Plural') : !/Name|Person|Honorific/.test(String(tags));
    englishWords.set(folded, known);
  }
  return known;
}

/** Words allowed between a name and its speech verb: "Tuchel also said", "Wei had told". */
const SKIPPABLE = new Set(['also', 'later', 'has', 'had', 'then', 'again', 'previously', 'recently']);

/** What the rules remember while walking one document's chunks. */
interface ChunkState {
  /** Ends of place names introduced by a place noun, so later conjuncts ("… and Y") join them. */
  placeListEnds: Set<number>;
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
  private readonly speechVerbs: ReadonlySet<string>;

  constructor(lexicons: Lexicons) {
    this.lexicon = buildNameLexicon(lexicons);
    this.speechVerbs = new Set([...statementLexicon(lexicons).cues.verbs.keys()]);
    this.info = {
      name: 'name-rules',
      version: '1',
      kind: 'rules',
      resources: { 'titles.json': lexicons.titles.sha256, 'org-designators.json': lexicons.designators.sha256, 'cues.json': lexicons.cues.sha256 },
    };
  }

  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return docs.map((doc) => this.recognizeOne(doc));
  }

  recognizeOne(doc: Document): MentionCandidate[] {
    const words = doc.tokens.map((t) => fold(t.text));
    const blocked = noEntityZones(doc);
    const out: MentionCandidate[] = [];
    const state: ChunkState = { placeListEnds: new Set() };
    for (const sentence of doc.sentences) {
      if (insideAny(blocked, sentence.start) || isTitleCase(doc, sentence)) continue;
      for (const chunk of nameChunks(doc.text, doc.tokens, sentence, this.lexicon.connectors)) {
        let first = chunk.first;
        // A sentence opener joined by "of" is usually a common noun: "Members of the Zulfiqar Brigades".
        if (first === sentence.tokenStart && this.lexicon.connectors.has(words[first + 1] ?? '') && !this.isNameOpener(words, first)) first++;
        this.classify(doc, words, first, chunk.last, false, out, state);
      }
    }
    return out;
  }

  private isNameOpener(words: string[], at: number): boolean {
    const lex = this.lexicon;
    return phraseAt(words, at, lex.organizationLeads) > 0 || phraseAt(words, at, lex.facilityLeads) > 0 || phraseAt(words, at, lex.titles) > 0 || KUNYA.has(words[at]!);
  }

  /** Classifies tokens [first, last) of a name chunk, splitting it at titles inside it. */
  private classify(doc: Document, words: string[], first: number, last: number, titled: boolean, out: MentionCandidate[], state: ChunkState): void {
    const lex = this.lexicon;
    while (first < last && (lex.functionWords.has(words[first]!) || lex.connectors.has(words[first]!))) first++;
    while (last > first && lex.connectors.has(words[last - 1]!)) last--;
    if (first >= last) return;

    for (let k = first; k < last; k++) {
      if (lex.titlesKept.has(words[k]!)) continue;
      const length = phraseAt(words, k, lex.titles);
      if (length > 0 && k + length < last) {
        this.classify(doc, words, first, k, false, out, state);
        const afterTitle = k + length;
        if (lex.connectors.has(words[afterTitle]!)) this.classify(doc, words, afterTitle, last, false, out, state);
        else this.classify(doc, words, afterTitle, last, true, out, state);
        return;
      }
    }
    const titledBefore = titled || phraseEndingAt(words, first, lex.titles) > 0;

    const emit = (type: EntityType, rule: string, end = last, score = 0.75): void => {
      out.push({
        start: doc.tokens[first]!.start,
        end: doc.tokens[end - 1]!.end,
        type,
        provenance: { source: 'rule', model: this.info.name, rule, score },
      });
    };

    // A given name opens a person's name, which ends where a connector starts a complement: "Marine Le Pen of the National Rally".
    const opensWithGivenName = lex.givenNames.has(words[first]!) && !KUNYA.has(words[first]!) && !titledBefore;
    if (opensWithGivenName && first + 1 < last && isNameWord(doc.tokens[first + 1]!) && !lex.organizationHeads.has(words[first + 1]!)) {
      let end = first + 1;
      while (end < last && (isNameWord(doc.tokens[end]!) || NAME_JOINERS.has(words[end]!)) && !STOP_CONNECTORS.has(words[end]!)) end++;
      while (end > first + 1 && NAME_JOINERS.has(words[end - 1]!)) end--;
      const head = words[end - 1]!;
      if (end - first <= MAX_PERSON_WORDS && !lex.organizationHeads.has(head) && phraseEndingAt(words, end, lex.facilityHeads) === 0 && phraseAt(words, first, lex.organizationLeads) === 0) {
        emit('PERSON', 'given-name', end, 0.75);
        if (end < last) this.classify(doc, words, end, last, false, out, state);
        return;
      }
    }

    if (phraseAt(words, first, lex.organizationLeads) > 0 && last - first >= 2) return emit('ORGANIZATION', 'org-lead', last, 0.8);
    if (last - first >= 2 && lex.organizationHeads.has(words[last - 1]!) && isCapitalized(doc.tokens[last - 1]!.text)) {
      return emit('ORGANIZATION', 'org-head', last, 0.8);
    }
    // A designator followed by its complement: "Syrian Observatory for Human Rights", "Popular Front for the Liberation of Palestine".
    for (let k = first; k < last - 1; k++) {
      if (lex.organizationHeads.has(words[k]!) && isCapitalized(doc.tokens[k]!.text) && lex.connectors.has(words[k + 1]!)) {
        return emit('ORGANIZATION', 'org-head-complement', last, 0.75);
      }
    }
    const facilityHead = phraseEndingAt(words, last, lex.facilityHeads);
    if (facilityHead > 0 && last - first > facilityHead) {
      const numbered = /^\d+$/.test(doc.tokens[last]?.text ?? '') && doc.tokens[last]!.start === doc.tokens[last - 1]!.end + 1;
      return emit('LOCATION', 'facility-head', numbered ? last + 1 : last, 0.75);
    }
    if (facilityHead > 0 && /^\d+$/.test(doc.tokens[last]?.text ?? '') && doc.tokens[last]!.start === doc.tokens[last - 1]!.end + 1) {
      return emit('LOCATION', 'facility-number', last + 1, 0.7);
    }
    if (phraseAt(words, first, lex.facilityLeads) > 0 && last - first >= 2) return emit('LOCATION', 'facility-lead', last, 0.7);

    const personLike = last - first <= MAX_PERSON_WORDS && !doc.tokens.slice(first, last).some((t) => t.text.endsWith('.') && t.text.length > 2);
    if (!personLike) return;
    if (KUNYA.has(words[first]!) && last - first >= 2) return emit('PERSON', 'kunya', last, 0.8);
    if (words.slice(first + 1, last - 1).some((w) => NAME_PARTICLES.has(w))) return emit('PERSON', 'name-particle', last, 0.75);
    if (titledBefore) return emit('PERSON', 'title', last, 0.8);
    const context = this.fromContext(doc, words, first, last, state);
    if (context) emit(context.type, context.rule, last, 0.65);
  }

  /**
   * Names whose shape says nothing, typed by what surrounds them: initials
   * ("C. C. Wei"), a byline, a copyright line, an apposition with a role
   * ("Carsten Brzeski, an economist at ING"), the subject of a speech verb
   * ("Thomas Tuchel said"), a place noun ("the villages of X and Y") or a
   * known place after a comma ("Nyon, Switzerland").
   */
  private fromContext(doc: Document, words: string[], first: number, last: number, state: ChunkState): { type: EntityType; rule: string } | undefined {
    const tokens = doc.tokens;
    const lex = this.lexicon;
    const length = last - first;
    if (/^\p{Lu}\.$/u.test(tokens[first]!.text) && length >= 2 && /^\p{Lu}\p{Ll}/u.test(tokens[last - 1]!.text)) return { type: 'PERSON', rule: 'initials' };
    const start = tokens[first]!.start;
    if (doc.zones.some((z) => z.kind === 'byline' && z.start <= start && start < z.end)) return { type: 'PERSON', rule: 'byline' };
    if (tokens[first - 2]?.text === '©' || (tokens[first - 1]?.text === '©')) return { type: 'ORGANIZATION', rule: 'copyright' };

    // "Amina Diallo, who …": "who" refers to a person.
    if (words[last] === ',' && words[last + 1] === 'who' && length >= 2 && length <= 4) return { type: 'PERSON', rule: 'relative-who' };
    if (words[last] === ',') {
      let k = last + 1;
      if (['a', 'an', 'the', 'its', 'his', 'her', 'their'].includes(words[k] ?? '')) k++;
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
    const conjunct = before < first - 1 && state.placeListEnds.has(tokens[before]?.end ?? -1);
    if ((words[first - 1] === 'of' && lex.placeNouns.has(words[first - 2] ?? '')) || conjunct) {
      state.placeListEnds.add(tokens[last - 1]!.end);
      return { type: 'LOCATION', rule: 'place-noun' };
    }
    // "the Iran-backed Nujaba militia", "the Zulfiqar faction": a name that a group noun follows.
    const backedBefore = /[-‐](?:backed|aligned|affiliated|linked|allied|sponsored|supported)$/i.test(tokens[first - 1]?.text ?? '');
    if (GROUP_NOUNS.has(words[last] ?? '') && (backedBefore || words[first - 1] === 'the')) return { type: 'ORGANIZATION', rule: 'group-noun' };
    // "X said", "X also said", and an apposed name between commas: "Another passenger, X, told VOA".
    const apposedSpeaker = words[first - 1] === ',' && words[last] === ',' && this.speechVerbs.has(words[last + 1] ?? '');
    const speechAfter = this.speechVerbs.has(words[last] ?? '') || (SKIPPABLE.has(words[last] ?? '') && this.speechVerbs.has(words[last + 1] ?? '')) || apposedSpeaker;
    const speechBefore = this.speechVerbs.has(words[first - 1] ?? '') && /^[,”"]$/.test(words[first - 2] ?? '');
    if ((speechAfter || speechBefore) && length >= 2 && length <= 4 && tokens.slice(first, last).every((t) => /^\p{Lu}\p{Ll}/u.test(t.text) || /^(?:al|el|bin|de|van|von)(?:[-‐]\p{Lu}.*)?$/u.test(t.text))) {
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
