import type { Document, Mention, Sentence, Span, StanceLabel } from '../../document/types.js';
import type { Lexicons } from '../../resources/lexicons.js';
import { findQuotes, type Quote } from '../../text/quotes.js';
import { mentionIndexByToken, trimSpan } from '../../document/spans.js';
import { isFootnoteMarker } from '../../text/sentences.js';
import { isTitleCase } from '../../text/chunks.js';
import type { ModelInfo, StatementCandidate, StatementExtractor } from '../types.js';
import { insideAny, noStatementZones } from '../zones.js';
import { buildCueIndex, type CueIndex, type VerbCue } from './cue-index.js';
import { compromiseTags } from '../compromise/parse.js';
import { englishLexicon } from '../../text/english.js';

/** A cue found in a sentence, outside any quotation. */
interface CueHit {
  /** Token index of the cue's first word, and one past its last. */
  first: number;
  last: number;
  cue: VerbCue;
  text: string;
  /** "according to X": the source follows the cue. */
  sourceAfter: boolean;
}

interface Speaker {
  mention: number | null;
  entity: number | null;
  text: string | null;
}

const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'these', 'those', 'this', 'that', 'such', 'some', 'no', 'any', 'several', 'many']);
const SKIPPED_BEFORE_VERB = new Set([
  'has', 'have', 'had', 'also', 'reportedly', 'later', 'then', 'previously', 'again', 'publicly', 'repeatedly', 'already', 'was', 'were',
  'is', 'are', 'been', 'being', 'would', 'will', 'could', 'can', 'may', 'might', 'recently', 'further', 'separately', 'similarly',
  'openly', 'explicitly', 'officially', 'once', 'previously', 'quickly', 'allegedly', 'subsequently', 'immediately', 'had', 'did', 'does', 'do',
  'not', "n't", 'never', 'since', 'yet', 'still', 'formally', 'flatly', 'firmly',
]);
const THIRD_PERSON_PERSONAL = new Set(['he', 'she']);
const THIRD_PERSON_GROUP = new Set(['it', 'they']);
const COORDINATORS = new Set(['and', 'but', 'or', 'then']);
const PASSIVE_AUXILIARIES = new Set(['was', 'were', 'is', 'are', 'been', 'be', 'being']);
/** Words after which a new clause, with its own subject, begins. */
const SUBORDINATORS = new Set(['when', 'while', 'after', 'because', 'although', 'though', 'whereas', 'that', 'where']);
const TIME_WORDS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'week', 'weekend', 'night', 'morning', 'evening', 'afternoon', 'today', 'yesterday', 'tonight', 'month', 'year', 'day', 'earlier', 'later', 'since', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const TIME_LEADS = new Set(['on', 'last', 'this', 'late', 'early', 'in', 'next', 'that', 'the', 'of', 'a', 'same']);
/** Statements that speak for their author: "the statement said", "Hezbollah's message read". */
const STATEMENT_NOUNS = new Set(['statement', 'message', 'post', 'communique', 'communiqué', 'announcement', 'video', 'letter', 'speech', 'address', 'release']);
const TITLE_WORDS = /^(?:Lt\.|Gen\.|Brig\.|Col\.|Maj\.|Capt\.|Adm\.|Dr\.|Mr\.|Mrs\.|Ms\.|President|Sheikh|Sayyed|General)$/;
const PREPOSITIONS = new Set(['of', 'to', 'for', 'against', 'with', 'on', 'at', 'from', 'about', 'in', 'into', 'over', 'toward', 'towards']);

/**
 * The rule-based statement finder: lemmatised reporting and stance cues,
 * speakers from the cue's subject (or the name after it), pronouns and "the
 * group" resolved to the nearest compatible entity, quotations attributed
 * across sentences, and labels decided by ANNOTATION.md's order: threat and
 * support win over claim, negated stances are claims.
 */
export class RuleStatementExtractor implements StatementExtractor {
  readonly info: ModelInfo;
  readonly index: CueIndex;

  constructor(lexicons: Lexicons) {
    this.index = buildCueIndex(lexicons.cues.data);
    this.info = { name: 'statement-rules', version: '1', kind: 'rules', resources: { 'cues.json': lexicons.cues.sha256 } };
  }

  async extract(docs: readonly Document[]): Promise<StatementCandidate[][]> {
    return docs.map((doc) => this.extractOne(doc));
  }

  extractOne(doc: Document): StatementCandidate[] {
    const words = doc.tokens.map((t) => t.text.toLowerCase().replace(/’/g, "'"));
    const quotes = findQuotes(doc.text, doc.tokens, doc.sentences);
    const blocked = noStatementZones(doc);
    const out: StatementCandidate[] = [];
    const attributedQuotes = new Map<Quote, StatementCandidate>();
    const mentionAt = mentionIndexByToken(doc);

    // Pass 1: sentences with a cue of their own.
    const pending: Sentence[] = [];
    for (const sentence of doc.sentences) {
      if (blocked.some((z) => z.start <= sentence.start && sentence.end <= z.end)) continue;
      const span = statementSpan(doc, sentence, blocked);
      if (!span || isTitleCase(doc, sentence)) continue;
      const hits = this.findCues(doc, words, sentence, quotes, mentionAt);
      if (hits.length === 0) {
        pending.push(sentence);
        continue;
      }
      for (const candidate of this.fromCues(doc, words, sentence, span, hits, quotes, out)) {
        out.push(candidate);
        for (const quote of quotes) if (quote.start < sentence.end && quote.end > sentence.start) attributedQuotes.set(quote, candidate);
      }
    }

    // Pass 2: quoted sentences with no cue take the speaker of their quotation, or of the quote just before in the paragraph.
    for (const sentence of pending) {
      const quote = quotes.find((q) => q.start <= sentence.start + 1 && sentence.start < q.end && mostlyInside(sentence, q));
      if (!quote) continue;
      let source = attributedQuotes.get(quote);
      if (!source) {
        const earlier = out
          .filter((s) => doc.sentences[s.sentence]!.paragraph >= sentence.paragraph - 1 && s.sentence < sentence.index && s.sentence >= sentence.index - 2)
          .at(-1);
        const later = out.find((s) => s.sentence === sentence.index + 1 && doc.sentences[s.sentence]!.paragraph === sentence.paragraph);
        source = earlier ?? later;
      }
      if (!source) continue;
      const span = statementSpan(doc, sentence, blocked)!;
      const stance = this.contentStance(words, sentence.tokenStart, sentence.tokenEnd);
      const label: StanceLabel = stance.threat ? 'threat' : stance.support ? 'support' : 'claim';
      out.push({
        ...span,
        sentence: sentence.index,
        label,
        speakerMention: source.speakerMention,
        speakerEntity: source.speakerEntity,
        speakerText: source.speakerText,
        cue: source.cue,
        confidence: round(label === 'claim' ? 0.55 : 0.6),
        provenance: { source: 'rule', model: this.info.name, rule: 'quote-continuation', score: 0.55 },
      });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  private findCues(doc: Document, words: string[], sentence: Sentence, quotes: readonly Quote[], mentionAt: Int32Array): CueHit[] {
    const hits: CueHit[] = [];
    const tags = compromiseTags(doc);
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      if (insideAny(quotes, doc.tokens[i]!.start)) continue;
      const word = words[i]!;
      const preposition = this.index.sourcePrepositions.find((p) => p.words.every((w, k) => words[i + k] === w));
      if (preposition) {
        const last = i + preposition.words.length;
        hits.push({ first: i, last, text: spanText(doc, i, last), sourceAfter: true, cue: { lemma: preposition.words.join(' '), label: 'claim', strength: preposition.strength, requiresHarm: false, requiresSupport: false } });
        i = last - 1;
        continue;
      }
      // One adverb may sit inside a phrase: "stood firmly with", "sent its condolences".
      const gap = /ly$|^its$|^their$|^his$|^her$/.test(words[i + 1] ?? '') ? 1 : 0;
      const phrase =
        this.index.phrases.get(word)?.find((p) => p.rest.every((w, k) => words[i + 1 + k] === w)) ??
        (gap ? this.index.phrases.get(word)?.find((p) => p.rest.every((w, k) => words[i + 2 + k] === w)) : undefined);
      if (phrase && !(phrase.noVerb && hits.length > 0)) {
        const skipped = phrase.rest.every((w, k) => words[i + 1 + k] === w) ? 0 : gap;
        const last = i + 1 + skipped + phrase.rest.length;
        if (!phrase.noVerb || !this.hasVerbCue(words, sentence, quotes, doc)) {
          hits.push({ first: i, last, text: spanText(doc, i, last), sourceAfter: false, cue: phrase });
          i = last - 1;
          continue;
        }
      }
      const verb = this.index.verbs.get(word);
      if (!verb) continue;
      // A cue word inside a name ("Blessed Mhlanga") or followed by a word that makes it another verb ("hail from") is no cue.
      if (mentionAt[i] !== -1 || verb.notBefore?.includes(words[i + 1] ?? '')) continue;
      // A capitalised cue word before another capitalised word is a name the recognizers missed ("Blessed Okonkwo");
      // a participle opening a sentence is not ("Condemning Hamas, the minister said").
      if (/^\p{Lu}/u.test(doc.tokens[i]!.text) && !word.endsWith('ing') && /^\p{Lu}\p{Ll}/u.test(doc.tokens[i + 1]?.text ?? '')) continue;
      const previous = words[i - 1];
      // "the claims", "its report", "army posts": the cue word is a noun here.
      if (previous !== undefined && DETERMINERS.has(previous) && !word.endsWith('ed')) continue;
      if (tags.get(doc.tokens[i]!.start)?.has('Noun') && !tags.get(doc.tokens[i]!.start)?.has('Verb')) continue;
      // "Demand for chips …": a present-tense cue opening a sentence or capitalised inside one is a noun or a heading.
      if (/^\p{Lu}/u.test(doc.tokens[i]!.text) && verb.label === 'claim' && !word.endsWith('ed')) continue;
      // "Intel, which reports …", "the result, if confirmed, …": things do not speak, conditions are not reports.
      if (previous === 'which' || previous === 'if') continue;
      hits.push({ first: i, last: i + 1, text: doc.tokens[i]!.text, sourceAfter: false, cue: verb });
    }
    return hits;
  }

  /** A speaker that is an entity, or a phrase whose words say who speaks ("a senior official", "the group"). */
  private isSpeaker(speaker: Speaker): boolean {
    if (speaker.entity !== null) return true;
    const words = (speaker.text ?? '').toLowerCase().split(/\s+/);
    // "In a statement posted on Telegram, X praised …": a subject does not start with a preposition.
    if (PREPOSITIONS.has(words[0] ?? '')) return false;
    return words.some((w) => this.index.sourceNouns.has(w) || this.index.personNouns.has(w) || this.index.groupNouns.has(w));
  }

  private hasVerbCue(words: string[], sentence: Sentence, quotes: readonly Quote[], doc: Document): boolean {
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      if (!insideAny(quotes, doc.tokens[i]!.start) && this.index.verbs.has(words[i]!)) return true;
    }
    return false;
  }

  private fromCues(doc: Document, words: string[], sentence: Sentence, span: Span, hits: CueHit[], quotes: readonly Quote[], earlier: readonly StatementCandidate[]): StatementCandidate[] {
    const decided = hits.map((hit) => ({ hit, label: this.decideLabel(words, sentence, hit) }));
    // One sentence, two stances: "praised the attack and vowed to respond" becomes two clauses.
    const stances = decided.filter((d) => d.label !== 'claim');
    const clauses: Array<{ span: Span; hits: typeof decided }> = [];
    const first = stances[0];
    const second = stances.find((d) => first !== undefined && d.label !== first.label && d.hit.first > first.hit.last);
    const splitAt = second ? findConjunction(words, first!.hit.last, second.hit.first) : -1;
    if (second && splitAt !== -1) {
      const boundary = doc.tokens[splitAt]!;
      clauses.push({ span: { start: span.start, end: trimEnd(doc.text, boundary.start) }, hits: decided.filter((d) => d.hit.first < splitAt) });
      clauses.push({ span: { start: doc.tokens[splitAt + 1]!.start, end: span.end }, hits: decided.filter((d) => d.hit.first > splitAt) });
    } else {
      clauses.push({ span, hits: decided });
    }

    const out: StatementCandidate[] = [];
    let sharedSpeaker: Speaker | undefined;
    for (const clause of clauses) {
      const withSpeakers = clause.hits.map((d) => ({ ...d, speaker: this.findSpeaker(doc, words, sentence, d.hit, quotes, earlier) }));
      // The source is whoever speaks first in the clause, named or not: in "Biden said the United States stood with
      // Israel" it is Biden, and in "a source close to Hezbollah said the group would respond" the unnamed source, not
      // the group of the inner cue. "According to X" yields to a speaker ("according to Al-Manar, Nasrallah said"),
      // being only the channel.
      const main =
        withSpeakers.find((d) => !d.hit.sourceAfter && this.isSpeaker(d.speaker)) ??
        withSpeakers.find((d) => hasSource(d.speaker)) ??
        withSpeakers.find((d) => d.label !== 'claim') ??
        withSpeakers[0];
      if (!main) continue;
      let speaker = main.speaker;
      if (!hasSource(speaker) && sharedSpeaker) speaker = sharedSpeaker;
      sharedSpeaker ??= hasSource(speaker) ? speaker : undefined;
      if (!hasSource(speaker) && main.hit.cue.noVerb) continue;
      const stanceHit = withSpeakers.find((d) => d.label === 'threat') ?? withSpeakers.find((d) => d.label === 'support');
      let label: StanceLabel = stanceHit?.label ?? 'claim';
      if (label === 'claim') {
        const content = this.contentStance(words, sentence.tokenStart, sentence.tokenEnd);
        if (content.threat && !content.negated) label = 'threat';
        else if (content.support) label = 'support';
      }
      const cueHit = stanceHit?.hit ?? main.hit;
      let confidence = cueHit.cue.strength;
      if (label !== cueHit.cue.label) confidence = 0.65;
      if (speaker.entity !== null) confidence += 0.1;
      else if (speaker.text === null) confidence -= 0.2;
      out.push({
        ...clause.span,
        sentence: sentence.index,
        label,
        speakerMention: speaker.mention,
        speakerEntity: speaker.entity,
        speakerText: speaker.text,
        cue: cueHit.text,
        confidence: round(confidence),
        provenance: { source: 'rule', model: this.info.name, rule: `cue:${cueHit.cue.lemma}`, score: round(confidence) },
      });
    }
    return out;
  }

  /** The label a cue gives on its own, after negation and the harm/support conditions. */
  private decideLabel(words: string[], sentence: Sentence, hit: CueHit): StanceLabel {
    const negated = [1, 2, 3].some((k) => hit.first - k >= sentence.tokenStart && this.negates(words, hit.first - k));
    if (hit.cue.label === 'claim' || negated) return 'claim';
    const content = this.contentStance(words, hit.last, sentence.tokenEnd);
    // The stance verb is itself the intention: "vowed to strike", "threatened to respond".
    for (let k = hit.last; k < Math.min(sentence.tokenEnd, hit.last + 4); k++) {
      if (this.index.harmVerbs.has(words[k]!) && !this.negates(words, k - 1)) content.threat = true;
    }
    // What a pledge or offer gives: "pledged $100 million", "offered assistance".
    const gives = words.slice(hit.last, Math.min(sentence.tokenEnd, hit.last + 6)).some((w) => this.index.supportObjects.has(w));
    if (hit.cue.requiresSupport) return content.threat ? 'threat' : content.support || gives ? 'support' : 'claim';
    if (hit.cue.requiresHarm && gives && !content.threat) return 'support';
    if (hit.cue.requiresHarm) return content.threat ? 'threat' : content.support && hit.cue.lemma !== 'warn' ? 'support' : 'claim';
    return hit.cue.label;
  }

  /**
   * What the lexicon sees in a statement's words, as feature names for a
   * learned model: cue lemmas and labels, intention to harm, support phrases,
   * negation.
   */
  signals(words: string[]): string[] {
    const found = new Set<string>();
    words.forEach((word, i) => {
      const verb = this.index.verbs.get(word);
      if (verb) {
        found.add(`cue_${verb.lemma}`);
        found.add(`cue_${verb.label}`);
      }
      if (this.negates(words, i)) found.add('negation');
    });
    const stance = this.contentStance(words, 0, words.length);
    if (stance.threat) found.add('harm_intent');
    if (stance.support) found.add('support_phrase');
    if (stance.negated) found.add('negated_harm');
    return [...found].sort();
  }

  /** A negator that really negates: "will not hesitate to respond" is no negation. */
  private negates(words: string[], at: number): boolean {
    return this.index.negators.has(words[at]!) && words[at + 1] !== 'hesitate' && words[at + 1] !== 'stop' && words[at + 1] !== 'remain';
  }

  /** Threat: an intention marker before a harm verb, or a threat phrase. Support: a support phrase. */
  contentStance(words: string[], from: number, to: number): { threat: boolean; support: boolean; negated: boolean } {
    let threat = false;
    let support = false;
    let negated = false;
    const at = (phrase: string[], i: number) => phrase.every((w, k) => words[i + k] === w);
    for (let i = from; i < to; i++) {
      if (this.index.threatPhrases.some((p) => at(p, i))) threat = true;
      // "did not deserve anything": a negated support phrase is none.
      if (this.index.supportPhrases.some((p) => at(p, i)) && ![1, 2].some((k) => i - k >= from && this.negates(words, i - k))) support = true;
      const marker = this.index.intentMarkers.find((p) => at(p, i));
      if (marker) {
        let j = i + marker.length;
        let localNegation = false;
        for (; j < Math.min(to, i + marker.length + 5); j++) {
          if (this.negates(words, j)) localNegation = true;
          if (this.index.harmVerbs.has(words[j]!)) {
            if (localNegation) negated = true;
            else threat = true;
            break;
          }
        }
      }
    }
    return { threat, support, negated };
  }

  private findSpeaker(doc: Document, words: string[], sentence: Sentence, hit: CueHit, quotes: readonly Quote[], earlier: readonly StatementCandidate[]): Speaker {
    const none: Speaker = { mention: null, entity: null, text: null };
    const tokens = doc.tokens;
    const after = () => this.speakerAfter(doc, words, sentence, hit.last);
    if (hit.sourceAfter) return after();
    // Passive: "the suspension was announced by Kata'ib Hizballah".
    if (words[hit.last] === 'by' && PASSIVE_AUXILIARIES.has(words[hit.first - 1] ?? '')) return this.speakerAfter(doc, words, sentence, hit.last + 1);

    // Clause start: the sentence start (after any dateline), or just after a quotation, semicolon or subordinator before the cue.
    let clauseStart = sentence.tokenStart;
    const dateline = doc.zones.find((z) => z.kind === 'dateline' && z.start <= tokens[clauseStart]!.start && tokens[clauseStart]!.start < z.end);
    if (dateline) while (clauseStart < hit.first && tokens[clauseStart]!.start < dateline.end) clauseStart++;
    for (let i = hit.first - 1; i >= clauseStart; i--) {
      const t = tokens[i]!;
      if (t.text === ';' || t.text === '”' || (t.text === '"' && insideAny(quotes, t.start)) || (SUBORDINATORS.has(words[i]!) && i < hit.first - 1 && (words[i] !== 'that' || this.index.verbs.has(words[i - 1] ?? '')))) {
        clauseStart = i + 1;
        break;
      }
    }
    let j = hit.first - 1;
    j = this.skipToSubjectEnd(words, j, clauseStart);
    if (j >= clauseStart && words[j] === ')') {
      // "Kata'ib Hizballah (KH) said": the subject is before the parenthesis.
      let k = j - 1;
      while (k >= clauseStart && words[k] !== '(') k--;
      if (k > clauseStart) j = k - 1;
    }
    if (j >= clauseStart && words[j] === ',') {
      // Appositives and asides between subject and verb: "Abu Obeida, the spokesman for Hamas’s armed wing, the
      // Qassam Brigades, said"; "The Houthis' military spokesman, Yahya Saree, said": the first part that is a name.
      const named = this.namedSegment(doc, words, clauseStart, j);
      if (named) return named;
      let k = j - 1;
      while (k >= clauseStart && words[k] !== ',') k--;
      if (k >= clauseStart) j = this.skipToSubjectEnd(words, k - 1, clauseStart);
    }
    if (j < clauseStart) return clauseStart > sentence.tokenStart || hit.first === sentence.tokenStart ? after() : none;
    // "..., said X" where the words before are not a subject.
    if (words[j] === ',' || words[j] === ':') return after();
    // A coordinated verb ("praised the attack and vowed to …") shares the first verb's subject.
    if (COORDINATORS.has(words[j]!)) return none;

    const mention = mentionEndingAt(doc, tokens[j]!.end);
    if (mention !== undefined) {
      const m = doc.mentions[mention]!;
      // The head of "a spokesperson for the State Department" or "a source close to Hezbollah" is the noun before the
      // preposition, not the name after it.
      let before = firstTokenOf(doc, m.start) - 1;
      while (before > clauseStart && DETERMINERS.has(words[before]!)) before--;
      const preposition = PREPOSITIONS.has(words[before] ?? '') && (words[before] !== 'to' || words[before - 1] === 'close');
      // "Faisal Mekdad of Syria", "X in Iraq": a name before the preposition is the head.
      const nameBefore = before > clauseStart ? mentionEndingAt(doc, tokens[before - 1]!.end) : undefined;
      if (preposition && nameBefore !== undefined && doc.mentions[nameBefore]!.type !== 'LOCATION') {
        return { mention: nameBefore, entity: doc.mentions[nameBefore]!.entity ?? null, text: doc.mentions[nameBefore]!.text };
      }
      if (before >= clauseStart && preposition) {
        return this.nounPhraseSpeaker(doc, words, clauseStart, j, earlier, sentence);
      }
      return { mention, entity: m.entity ?? null, text: m.text };
    }
    const word = words[j]!;
    if (THIRD_PERSON_PERSONAL.has(word)) return this.salient(doc, earlier, sentence, ['PERSON'], tokens[j]!.text, word === 'she' ? 'female' : 'male') ?? antecedent(doc, tokens[j]!.start, ['PERSON'], tokens[j]!.text, 8, word === 'she' ? 'female' : 'male');
    if (THIRD_PERSON_GROUP.has(word)) return this.salient(doc, earlier, sentence, ['ORGANIZATION', 'LOCATION'], tokens[j]!.text) ?? antecedent(doc, tokens[j]!.start, ['ORGANIZATION', 'LOCATION'], tokens[j]!.text);
    return this.nounPhraseSpeaker(doc, words, clauseStart, j, earlier, sentence);
  }

  /** The subject is a noun phrase ending at token `head`: "the group", "an Iraqi security official". */
  private nounPhraseSpeaker(doc: Document, words: string[], clauseStart: number, head: number, earlier: readonly StatementCandidate[], sentence: Sentence): Speaker {
    let start = head;
    // A capitalised cue word inside the phrase is part of a name ("the State Department"), not a verb.
    while (start > clauseStart && !/^[,;:(“”"]$/.test(words[start - 1]!) && !(this.index.verbs.has(words[start - 1]!) && !/^\p{Lu}/u.test(doc.tokens[start - 1]!.text))) start--;
    const phraseStart = start;
    const text = spanText(doc, phraseStart, head + 1);
    const headWord = words[head]!;
    const determiner = words[phraseStart]!;
    if (STATEMENT_NOUNS.has(headWord)) {
      // "The Lebanese Hizbullah statement said", "Kataib Hezbollah's statement warned": whose statement it is.
      const owner = mentionsIn(doc, doc.tokens[phraseStart]!.start, doc.tokens[head]!.end).find((m) => doc.mentions[m]!.type !== 'LOCATION');
      if (owner !== undefined) return { mention: owner, entity: doc.mentions[owner]!.entity ?? null, text };
      // "The statement added": the source of the statement just reported.
      if (determiner === 'the') return this.salient(doc, earlier, sentence, ['ORGANIZATION', 'PERSON', 'LOCATION'], text) ?? { mention: null, entity: null, text };
    }
    if (determiner === 'the' && this.index.groupNouns.has(headWord)) {
      const inside = mentionsIn(doc, doc.tokens[phraseStart]!.start, doc.tokens[head]!.end).find((m) => doc.mentions[m]!.type !== 'LOCATION');
      if (inside !== undefined) return { mention: inside, entity: doc.mentions[inside]!.entity ?? null, text };
      return { ...(this.salient(doc, earlier, sentence, ['ORGANIZATION'], text) ?? antecedent(doc, doc.tokens[phraseStart]!.start, ['ORGANIZATION'], text)), text };
    }
    // "the movement's spokesman", "the Hezbollah leader": the person the text gave that role.
    const byRole = this.personWithRole(doc, phraseStart, head, headWord);
    if (byRole !== undefined) return { mention: null, entity: byRole, text };
    if ((determiner === 'the' || /'s$/.test(words[phraseStart + 1] ?? '')) && this.index.personNouns.has(headWord)) {
      const found = antecedent(doc, doc.tokens[phraseStart]!.start, ['PERSON'], text, 3);
      if (found.entity !== null) return { ...found, text };
    }
    if (this.index.sourceNouns.has(headWord) || this.index.personNouns.has(headWord) || this.index.groupNouns.has(headWord)) {
      return { mention: null, entity: null, text };
    }
    if (head - phraseStart <= 6 && /[\p{L}]/u.test(text)) return { mention: null, entity: null, text };
    return { mention: null, entity: null, text: null };
  }

  /** Moves left from `j` over auxiliaries, adverbs and time phrases ("has since", "on Wednesday", "late on Tuesday"). */
  private skipToSubjectEnd(words: string[], j: number, clauseStart: number): number {
    for (;;) {
      const before = j;
      while (j >= clauseStart && SKIPPED_BEFORE_VERB.has(words[j]!)) j--;
      if (j >= clauseStart && TIME_WORDS.has(words[j]!)) {
        j--;
        while (j >= clauseStart && (TIME_LEADS.has(words[j]!) || /^\d+$/.test(words[j]!))) j--;
      }
      if (j === before) return j;
    }
  }

  /**
   * Among comma-separated parts before the verb, the first that is just a
   * name (maybe after a title): the subject of "X, the spokesman for Y, said"
   * and of "Y's spokesman, X, said".
   */
  private namedSegment(doc: Document, words: string[], clauseStart: number, lastComma: number): Speaker | undefined {
    const bounds: Array<[number, number]> = [];
    let from = clauseStart;
    for (let i = clauseStart; i <= lastComma; i++) {
      if (words[i] === ',') {
        bounds.push([from, i]);
        from = i + 1;
      }
    }
    for (const [first, end] of bounds) {
      let a = first;
      while (a < end && (DETERMINERS.has(words[a]!) || TITLE_WORDS.test(doc.tokens[a]!.text))) a++;
      let b = end;
      if (words[b - 1] === ')') {
        while (b > a && words[b - 1] !== '(') b--;
        b--;
      }
      if (a >= b) continue;
      const mention = doc.mentions.findIndex((m) => m.start === doc.tokens[a]!.start && m.end === doc.tokens[b - 1]!.end);
      if (mention !== -1 && doc.mentions[mention]!.type !== 'LOCATION') return { mention, entity: doc.mentions[mention]!.entity ?? null, text: doc.mentions[mention]!.text };
    }
    return undefined;
  }

  /**
   * The most salient compatible source: the speaker of the latest statement
   * in this paragraph or the two sentences before, if it is of a fitting type
   * (and gender, for "he" and "she").
   */
  private salient(doc: Document, earlier: readonly StatementCandidate[], sentence: Sentence, types: Array<Mention['type']>, text: string, gender?: 'male' | 'female'): Speaker | undefined {
    for (let k = earlier.length - 1; k >= 0; k--) {
      const previous = earlier[k]!;
      const previousSentence = doc.sentences[previous.sentence]!;
      if (previousSentence.paragraph !== sentence.paragraph && previous.sentence < sentence.index - 2) break;
      if (previous.speakerEntity === null) continue;
      const entity = doc.entities[previous.speakerEntity]!;
      if (!types.includes(entity.type) || (gender && !genderFits(entity.name, gender))) continue;
      return { mention: previous.speakerMention, entity: previous.speakerEntity, text };
    }
    return undefined;
  }

  /**
   * A person whose entity has the role named by `roleWord` (from the role
   * stage), within the organization the phrase names if it names one; only
   * when exactly one person fits.
   */
  private personWithRole(doc: Document, phraseStart: number, head: number, roleWord: string): number | undefined {
    if (!this.index.personNouns.has(roleWord) && !this.index.sourceNouns.has(roleWord)) return undefined;
    if (['a', 'an', 'some', 'one'].includes(doc.tokens[phraseStart]!.text.toLowerCase())) return undefined;
    const org = mentionsIn(doc, doc.tokens[phraseStart]!.start, doc.tokens[head]!.end)
      .map((m) => doc.mentions[m]!.entity)
      .find((e) => e !== undefined && doc.entities[e]!.type !== 'PERSON');
    const fits = doc.entities
      .map((entity, index) => ({ entity, index }))
      .filter(({ entity }) => entity.roles?.some((r) => r.title.split(' ').includes(roleWord) && (org === undefined || r.of === org)));
    return fits.length === 1 ? fits[0]!.index : undefined;
  }

  /** "said Nasrallah", "according to the group's statement", "said an official". */
  private speakerAfter(doc: Document, words: string[], sentence: Sentence, from: number): Speaker {
    let i = from;
    while (i < sentence.tokenEnd && DETERMINERS.has(words[i]!)) i++;
    if (i >= sentence.tokenEnd) return { mention: null, entity: null, text: null };
    const mention = doc.mentions.findIndex((m) => m.start === doc.tokens[i]!.start);
    if (mention !== -1) {
      const m = doc.mentions[mention]!;
      const afterMention = firstTokenOf(doc, m.end);
      const next = words[afterMention];
      // "according to Hezbollah officials": the mention only modifies the source.
      if (next !== undefined && this.index.sourceNouns.has(next)) return { mention: null, entity: null, text: spanText(doc, from, afterMention + 1) };
      return { mention, entity: m.entity ?? null, text: m.text };
    }
    let end = i;
    while (end < sentence.tokenEnd && !/^[,.;:!?“”"()]$/.test(words[end]!) && end - i < 8) end++;
    if (end === i) return { mention: null, entity: null, text: null };
    const inside = mentionsIn(doc, doc.tokens[i]!.start, doc.tokens[end - 1]!.end);
    const text = spanText(doc, from, end);
    const head = words[end - 1]!;
    if (inside.length > 0 && !this.index.sourceNouns.has(head) && !this.index.personNouns.has(head)) {
      const m = inside[inside.length - 1]!;
      return { mention: m, entity: doc.mentions[m]!.entity ?? null, text: doc.mentions[m]!.text };
    }
    return { mention: null, entity: null, text };
  }
}

function hasSource(speaker: Speaker): boolean {
  return speaker.entity !== null || speaker.text !== null;
}

/** The nearest mention of a compatible type before `offset` (a pronoun's antecedent), within `maxSentences` back. */
function antecedent(doc: Document, offset: number, types: Array<Mention['type']>, text: string, maxSentences = 4, gender?: 'male' | 'female'): Speaker {
  const sentence = doc.mentions.find((m) => m.start >= offset)?.sentence ?? doc.sentences.length;
  for (let i = doc.mentions.length - 1; i >= 0; i--) {
    const m = doc.mentions[i]!;
    if (m.start >= offset) continue;
    if (m.sentence < sentence - maxSentences) break;
    if (!types.includes(m.type)) continue;
    const name = m.entity !== undefined ? doc.entities[m.entity]!.name : m.text;
    if (gender && !genderFits(name, gender)) continue;
    return { mention: i, entity: m.entity ?? null, text };
  }
  return { mention: null, entity: null, text };
}

/** Whether a person's given name could be "he" or "she": a name tagged for the other gender is ruled out. */
function genderFits(name: string, gender: 'male' | 'female'): boolean {
  const tag = englishLexicon[name.split(/\s+/)[0]!.toLowerCase()];
  if (tag === 'FemaleName') return gender === 'female';
  if (tag === 'MaleName') return gender === 'male';
  return true;
}

function mentionEndingAt(doc: Document, end: number): number | undefined {
  const index = doc.mentions.findIndex((m) => m.end === end);
  return index === -1 ? undefined : index;
}

function mentionsIn(doc: Document, start: number, end: number): number[] {
  const out: number[] = [];
  doc.mentions.forEach((m, i) => {
    if (m.start >= start && m.end <= end) out.push(i);
  });
  return out;
}

function firstTokenOf(doc: Document, offset: number): number {
  const index = doc.tokens.findIndex((t) => t.end > offset);
  return index === -1 ? doc.tokens.length : index;
}

function spanText(doc: Document, first: number, lastExclusive: number): string {
  return doc.text.slice(doc.tokens[first]!.start, doc.tokens[lastExclusive - 1]!.end);
}

function mostlyInside(sentence: Sentence, quote: Quote): boolean {
  const overlap = Math.min(sentence.end, quote.end) - Math.max(sentence.start, quote.start);
  return overlap >= (sentence.end - sentence.start) * 0.6;
}

function findConjunction(words: string[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (words[i] === 'and' || words[i] === ';' || words[i] === 'but') return i;
  return -1;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /[\s,]/.test(text[end - 1]!)) end--;
  return end;
}

function round(value: number): number {
  return Math.round(Math.min(0.99, Math.max(0.05, value)) * 100) / 100;
}

/** A sentence's statement span: without a leading dateline or a trailing footnote marker; undefined if nothing is left. */
export function statementSpan(doc: Document, sentence: Sentence, blocked: readonly Span[]): Span | undefined {
  let start = sentence.start;
  for (const zone of doc.zones) {
    if (zone.kind === 'dateline' && zone.start <= start && start < zone.end) start = zone.end;
  }
  let lastToken = sentence.tokenEnd - 1;
  while (lastToken - 2 >= sentence.tokenStart && isFootnoteMarker(doc.tokens, lastToken - 2)) lastToken -= 3;
  const span = trimSpan(doc.text, { start, end: doc.tokens[lastToken]!.end });
  if (span.end - span.start < 3 || insideAny(blocked, span.start)) return undefined;
  return span;
}
