import type { Document, Mention } from '../../document/types.js';
import { fold, type NameLexicon } from '../../resources/name-lexicon.js';
import { languageIndex } from '../../resources/language.js';
import type { Lexicons } from '../../resources/lexicons.js';
import { mentionIndexByToken } from '../../document/spans.js';
import type { Stage } from '../stage.js';

const MAX_ROLE_WORDS = 6;

/**
 * Roles and affiliations people are given in the text, kept on their entity
 * as `{ title, of }`:
 * - "Naim Qassem, deputy secretary-general of Hezbollah" / "…, Hezbollah's deputy leader"
 * - "Hezbollah deputy leader Naim Qassem" / "Hezbollah’s deputy leader Naim Qassem"
 * - "the head of Hamas's political bureau, Ismail Haniyeh"
 */
export class RoleStage implements Stage {
  readonly name = 'roles';
  readonly requires = ['tokens', 'mentions', 'entities'] as const;
  readonly assigns = ['roles'] as const;
  private readonly lexicon: NameLexicon;
  private readonly determiners: ReadonlySet<string>;
  private readonly prepositions: ReadonlySet<string>;
  private readonly titleModifiers: ReadonlySet<string>;

  constructor(lexicons: Lexicons) {
    const language = languageIndex(lexicons);
    this.lexicon = language.names;
    this.determiners = language.particles.openingDeterminers;
    // Read from the grammar file itself: the statement lexicon conjugates every cue verb, which a run without
    // statements need not pay for.
    const grammar = lexicons.statementGrammar.data;
    this.prepositions = new Set(grammar.prepositions.map(fold));
    this.titleModifiers = new Set(grammar.titleModifiers.map(fold));
  }

  run(docs: readonly Document[]): void {
    for (const doc of docs) this.annotate(doc);
  }

  annotate(doc: Document): void {
    const { tokens } = doc;
    const words = tokens.map((t) => fold(t.text));
    const tokenAt = new Map(tokens.map((t, i) => [t.start, i]));
    const tokenEnding = new Map(tokens.map((t, i) => [t.end, i]));
    const mentionStarting = new Map(doc.mentions.map((m) => [m.start, m]));
    const mentionEnding = new Map(doc.mentions.map((m) => [m.end, m]));
    const mentionOfToken = mentionIndexByToken(doc);
    const titleOf = (segment: { first: number; last: number }) => this.titleText(doc, segment, mentionOfToken);
    const add = (person: Mention, title: string, of: Mention | undefined) => {
      const entity = doc.entities[person.entity!];
      if (!entity || entity.type !== 'PERSON' || !this.isRole(title)) return;
      const role = { title, of: of?.entity !== undefined && doc.entities[of.entity]?.type !== 'PERSON' ? of.entity : null };
      entity.roles ??= [];
      if (!entity.roles.some((r) => r.title === role.title && r.of === role.of)) entity.roles.push(role);
    };

    for (const person of doc.mentions.filter((m) => m.type === 'PERSON')) {
      const first = tokenAt.get(person.start);
      const last = tokenEnding.get(person.end);
      if (first === undefined || last === undefined) continue;

      // After: "X, deputy secretary-general of Y," / "X, Y's spokesman,".
      if (words[last + 1] === ',') {
        const segment = this.segment(words, last + 2, (i) => /^[,.;:()“”"]$/.test(words[i]!));
        if (segment) add(person, titleOf(segment), this.affiliation(doc, segment, mentionStarting));
      }
      // Before: "Y deputy leader X", "Y’s spokesman X", "the head of Y's political bureau, X".
      let end = first - 1;
      const comma = words[end] === ',';
      if (comma) end--;
      let start = end;
      while (
        start >= 0 &&
        end - start < MAX_ROLE_WORDS &&
        !/^[,.;:()“”"]$/.test(words[start]!) &&
        !(comma ? false : (mentionEnding.has(tokens[start]!.end) && start !== end) || this.endsRoleBefore(words[start]!))
      )
        start--;
      const segment = { first: start + 1, last: end + 1 };
      if (segment.last > segment.first) {
        const org = mentionEnding.get(tokens[segment.first - 1]?.end ?? -1) ?? this.affiliation(doc, segment, mentionStarting);
        add(person, titleOf(segment), org);
      }
    }
  }

  /**
   * A word a role right before a name does not reach back over: a preposition
   * ("on the orders of Judge X" gives "judge") or a past verb ("A judge
   * ordered prominent journalist X" gives "prominent journalist").
   */
  private endsRoleBefore(word: string): boolean {
    return this.prepositions.has(word) || (/ed$/.test(word) && !this.titleModifiers.has(word));
  }

  /** Token range from `from` up to a stop token, at most a few words long. */
  private segment(words: string[], from: number, stop: (i: number) => boolean): { first: number; last: number } | undefined {
    let i = from;
    while (i < words.length && !stop(i) && i - from < MAX_ROLE_WORDS + 3) i++;
    return i > from ? { first: from, last: i } : undefined;
  }

  /** The words that are the role itself, without determiners, possessives and the organization's name. */
  private titleText(doc: Document, segment: { first: number; last: number }, mentionOfToken: Int32Array): string {
    const kept: string[] = [];
    for (let i = segment.first; i < segment.last; i++) {
      const token = doc.tokens[i]!;
      const inName = mentionOfToken[i] !== -1;
      if (inName || this.determiners.has(fold(token.text)) || /^['’]s$/.test(token.text)) continue;
      kept.push(token.text.toLowerCase());
    }
    return kept
      .join(' ')
      .replace(/\s+(?:of|for|at|in)$/, '')
      .replace(/^(?:of|for|at|in)\s+/, '')
      .trim();
  }

  private affiliation(doc: Document, segment: { first: number; last: number }, mentionStarting: Map<number, Mention>): Mention | undefined {
    for (let i = segment.first; i < segment.last; i++) {
      const mention = mentionStarting.get(doc.tokens[i]!.start);
      if (mention && mention.type !== 'PERSON') return mention;
    }
    return undefined;
  }

  /** A role phrase names a role word or title, and is short. */
  private isRole(title: string): boolean {
    const parts = title.split(' ');
    if (title === '' || parts.length > MAX_ROLE_WORDS) return false;
    return parts.some((w) => {
      const folded = fold(w);
      return this.lexicon.roleNouns.has(folded) || this.lexicon.titles.some((t) => t.length === 1 && t[0] === folded);
    });
  }
}
