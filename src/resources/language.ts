import { perLexicons, type Lexicons } from './lexicons.js';
import { buildNameLexicon, type NameLexicon } from './name-lexicon.js';
import { nameParticles, type NameParticles } from './name-particles.js';
import { buildStatementLexicon, type StatementLexicon } from './statement-lexicon.js';

/**
 * The look-ups every stage reads, derived from one loaded set of lexicons and
 * shared by all of them. Each part is built on first use and once only:
 * conjugating the cue verbs costs hundreds of milliseconds, and is paid
 * only by a run that reads statements or the name rules (which know the
 * speech verbs).
 */
export interface LanguageIndex {
  readonly lexicons: Lexicons;
  readonly names: NameLexicon;
  readonly particles: NameParticles;
  readonly statements: StatementLexicon;
}

class LazyLanguageIndex implements LanguageIndex {
  private builtNames?: NameLexicon;
  private builtStatements?: StatementLexicon;

  constructor(readonly lexicons: Lexicons) {}

  get names(): NameLexicon {
    return (this.builtNames ??= buildNameLexicon(this.lexicons, this.particles));
  }

  get particles(): NameParticles {
    return nameParticles(this.lexicons);
  }

  get statements(): StatementLexicon {
    return (this.builtStatements ??= buildStatementLexicon(this.lexicons));
  }
}

/** The shared index of a set of lexicons (by default the built-in ones, loaded once per process). */
export const languageIndex: (lexicons?: Lexicons) => LanguageIndex = perLexicons((lexicons) => new LazyLanguageIndex(lexicons));
