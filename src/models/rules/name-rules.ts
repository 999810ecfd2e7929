import type { Document, EntityType } from '../../document/types.js';
import type { Lexicons } from '../../resources/lexicons.js';
import { nameChunks } from '../../text/chunks.js';
import { isCapitalized } from '../../text/normalize.js';
import type { EntityRecognizer, MentionCandidate, ModelInfo } from '../types.js';
import { insideAny, noEntityZones } from '../zones.js';
import { buildNameLexicon, fold, phraseAt, phraseEndingAt, type NameLexicon } from './lexicon-sets.js';

const KUNYA = new Set(['abu', 'abou', 'umm', 'um']);
const NAME_PARTICLES = new Set(['bin', 'ibn', 'bint']);
const MAX_PERSON_WORDS = 6;

/**
 * A headline or section heading in Title Case ("Kata'ib Hizballah Threatens
 * American Forces"): every word is capitalised, so capitalisation says nothing
 * about where names end, and the chunk rules would swallow the whole line.
 */
function isTitleCase(doc: Document, sentence: { tokenStart: number; tokenEnd: number }): boolean {
  const words = doc.tokens.slice(sentence.tokenStart, sentence.tokenEnd).filter((t) => /^\p{L}/u.test(t.text) && t.text.length > 3);
  if (words.length < 4 || /[.!?]$/.test(doc.tokens[sentence.tokenEnd - 1]!.text)) return false;
  return words.filter((t) => isCapitalized(t.text)).length / words.length >= 0.8;
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

  constructor(lexicons: Lexicons) {
    this.lexicon = buildNameLexicon(lexicons);
    this.info = {
      name: 'name-rules',
      version: '1',
      kind: 'rules',
      resources: { 'titles.json': lexicons.titles.sha256, 'org-designators.json': lexicons.designators.sha256 },
    };
  }

  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return docs.map((doc) => this.recognizeOne(doc));
  }

  recognizeOne(doc: Document): MentionCandidate[] {
    const words = doc.tokens.map((t) => fold(t.text));
    const blocked = noEntityZones(doc);
    const out: MentionCandidate[] = [];
    for (const sentence of doc.sentences) {
      if (insideAny(blocked, sentence.start) || isTitleCase(doc, sentence)) continue;
      for (const chunk of nameChunks(doc.text, doc.tokens, sentence, this.lexicon.connectors)) {
        let first = chunk.first;
        // A sentence opener joined by "of" is usually a common noun: "Members of the Zulfiqar Brigades".
        if (first === sentence.tokenStart && this.lexicon.connectors.has(words[first + 1] ?? '') && !this.isNameOpener(words, first)) first++;
        this.classify(doc, words, first, chunk.last, false, out);
      }
    }
    return out;
  }

  private isNameOpener(words: string[], at: number): boolean {
    const lex = this.lexicon;
    return phraseAt(words, at, lex.organizationLeads) > 0 || phraseAt(words, at, lex.facilityLeads) > 0 || phraseAt(words, at, lex.titles) > 0 || KUNYA.has(words[at]!);
  }

  /** Classifies tokens [first, last) of a name chunk, splitting it at titles inside it. */
  private classify(doc: Document, words: string[], first: number, last: number, titled: boolean, out: MentionCandidate[]): void {
    const lex = this.lexicon;
    while (first < last && (lex.functionWords.has(words[first]!) || lex.connectors.has(words[first]!))) first++;
    while (last > first && lex.connectors.has(words[last - 1]!)) last--;
    if (first >= last) return;

    for (let k = first; k < last; k++) {
      if (lex.titlesKept.has(words[k]!)) continue;
      const length = phraseAt(words, k, lex.titles);
      if (length > 0 && k + length < last) {
        this.classify(doc, words, first, k, false, out);
        const afterTitle = k + length;
        if (lex.connectors.has(words[afterTitle]!)) this.classify(doc, words, afterTitle, last, false, out);
        else this.classify(doc, words, afterTitle, last, true, out);
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
  }
}
