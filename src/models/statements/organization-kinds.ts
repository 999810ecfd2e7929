import type { Entity } from '../../document/types.js';
import type { OrganizationKindsData } from '../../resources/lexicons.js';

/** Kinds that a generic head ("the group") does not describe. */
const NOT_A_GROUP = new Set(['media', 'government', 'company']);

/**
 * What kind of organization an entity is (news outlet, government body,
 * armed force, company), read from the words of its names and of its
 * knowledge-base description, and whether a description's head ("the
 * ministry", "the group") can refer to it.
 */
export class OrganizationKinds {
  private readonly kindOfWord = new Map<string, string>();
  private readonly genericHeads: ReadonlySet<string>;

  /** `descriptions`: knowledge-base id → description, where the knowledge base gives one. */
  constructor(
    data: OrganizationKindsData,
    private readonly descriptions: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const [kind, words] of Object.entries(data.kinds)) for (const word of words) this.kindOfWord.set(word.toLowerCase(), kind);
    this.genericHeads = new Set(data.genericHeads.map((w) => w.toLowerCase()));
  }

  /**
   * Whether "the <head>" can be `entity`: a head that names a kind ("the
   * ministry", "the daily") needs an entity of that kind; a generic head
   * ("the group") any entity but an outlet, a government body or a company;
   * other heads any entity.
   */
  fits(head: string, entity: Entity): boolean {
    const word = head.toLowerCase();
    const kinds = this.kindsOf(entity);
    const headKind = this.kindOfWord.get(word);
    if (headKind !== undefined) return kinds.has(headKind);
    if (this.genericHeads.has(word)) return kinds.size === 0 || [...kinds].some((kind) => !NOT_A_GROUP.has(kind));
    return true;
  }

  private kindsOf(entity: Entity): Set<string> {
    const description = entity.kbId === undefined ? undefined : this.descriptions.get(entity.kbId);
    const text = [entity.name, ...entity.aliases, description ?? ''].join(' ').toLowerCase();
    const kinds = new Set<string>();
    for (const word of text.split(/[^\p{L}]+/u)) {
      const kind = this.kindOfWord.get(word);
      if (kind !== undefined) kinds.add(kind);
    }
    return kinds;
  }
}
