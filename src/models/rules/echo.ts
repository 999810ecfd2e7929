import type { Document, Mention } from '../../document/types.js';
import { isCapitalized } from '../../text/normalize.js';
import type { EntityRecognizer, MentionCandidate, ModelInfo } from '../types.js';
import { insideAny, noEntityZones } from '../zones.js';
import { fold } from '../../resources/name-lexicon.js';
import { nameParticles, withoutArticle, type NameParticles } from '../../resources/name-particles.js';
import { loadLexicons } from '../../resources/lexicons.js';

/**
 * Surnames and kunyas that repeat a full name found elsewhere in the document:
 * after "Akram al-Kaabi", a bare "Kaabi" or "al-Kaabi" is the same person.
 */
export class NameEchoRecognizer implements EntityRecognizer {
  readonly info: ModelInfo = { name: 'name-echo', version: '2', kind: 'rules' };

  constructor(
    private readonly particles: NameParticles = nameParticles(),
    private readonly score: number = loadLexicons().ruleScores.data.echo,
  ) {}

  async recognize(docs: readonly Document[]): Promise<MentionCandidate[][]> {
    return docs.map((doc) => this.recognizeOne(doc));
  }

  recognizeOne(doc: Document): MentionCandidate[] {
    const blocked = noEntityZones(doc);
    const surnames = new Map<string, Mention>();
    for (const mention of doc.mentions) {
      if (mention.type !== 'PERSON') continue;
      const words = mention.text.split(/\s+/);
      if (words.length < 2) continue;
      const last = words[words.length - 1]!;
      const key = withoutArticle(this.particles, fold(last));
      if (key.length < 3 || this.particles.insidePersonalNames.has(key)) continue;
      if (!surnames.has(key)) surnames.set(key, mention);
    }
    const out: MentionCandidate[] = [];
    if (surnames.size === 0) return out;
    for (const token of doc.tokens) {
      if (!isCapitalized(token.text) && !this.particles.articledName.test(token.text)) continue;
      const key = withoutArticle(this.particles, fold(token.text));
      const full = surnames.get(key);
      if (!full || insideAny(blocked, token.start)) continue;
      out.push({
        start: token.start,
        end: token.end,
        type: 'PERSON',
        aliasOf: { start: full.start, end: full.end },
        provenance: { source: 'echo', model: this.info.name, rule: 'surname', score: this.score },
      });
    }
    return out;
  }
}
