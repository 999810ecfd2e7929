import { FatalError } from '../errors.js';
import type { EntityRecognizer } from '../models/types.js';
import type { KnowledgeBase } from '../resources/kb.js';
import type { Lexicons } from '../resources/lexicons.js';
import type { Stage } from './stage.js';

/** What a component may read when it is built: the loaded resources and the pipeline's options. */
export interface BuildContext<Options> {
  lexicons: Lexicons;
  knowledgeBase: KnowledgeBase;
  options: Options;
}

export interface RecognizerEntry<Options> {
  /** The name a configuration uses ("kb", "tagger"). */
  readonly name: string;
  /** Bumped when the entry's output changes, so configurations and fingerprints can tell. */
  readonly version: string;
  /**
   * Order of trust: recognizers run by ascending rank and an earlier one's
   * mention wins a tie, so a knowledge-base id outranks a guess.
   */
  readonly rank: number;
  /** Its mentions are features of the learned tagger, which must see them as in training. */
  readonly feedsTagger?: boolean;
  /** Chosen by the options rather than by name (a loaded transformer); never in a default list. */
  readonly fromOptions?: boolean;
  create(context: BuildContext<Options>): EntityRecognizer;
}

export interface StageEntry<Options> {
  readonly name: string;
  readonly version: string;
  create(context: BuildContext<Options> & { recognizers: readonly EntityRecognizer[] }): Stage;
}

/** Named, versioned components; a configuration lists names and the registry builds them. */
export class Registry<Entry extends { name: string }> {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly kind: string) {}

  register(entry: Entry): this {
    if (this.entries.has(entry.name)) throw new FatalError('E006', `${this.kind} "${entry.name}" is registered twice`);
    this.entries.set(entry.name, entry);
    return this;
  }

  get(name: string): Entry {
    const entry = this.entries.get(name);
    if (!entry) throw new FatalError('E006', `unknown ${this.kind} "${name}"; known: ${this.names().join(', ')}`);
    return entry;
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  all(): Entry[] {
    return [...this.entries.values()];
  }
}
