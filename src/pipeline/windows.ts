import { createDocument, type Document, type Entity, type Mention } from '../document/types.js';

/**
 * Long documents (reports, transcripts, books) go through the pipeline in
 * windows, so that time and memory stay proportional to the window and not
 * to the document. A window is cut at a paragraph break and starts with some
 * paragraphs of the one before it as context (pronouns, quotations running on
 * and surnames resolve against them); each window keeps only what lies in its
 * own part, and the parts are merged into one document: entities by
 * knowledge-base id, else by type and name.
 */

export interface WindowSettings {
  /** Documents longer than this (in characters) are processed in windows of about this size. */
  size: number;
  /** Characters of the preceding text each window reads as context (rounded out to a paragraph start). */
  overlap: number;
}

export const DEFAULT_WINDOWS: WindowSettings = { size: 100_000, overlap: 4_000 };

/** A window: the text it reads [contextStart, end), of which it keeps what starts in [start, end). */
export interface Window {
  contextStart: number;
  start: number;
  end: number;
}

/** The next paragraph break ("\n\n" or more) at or after `from`, as the offset after it; the text's end if none. */
function paragraphStartAfter(text: string, from: number): number {
  const match = /\n[ \t]*\n\s*/g;
  match.lastIndex = from;
  const found = match.exec(text);
  return found ? found.index + found[0].length : text.length;
}

/** The start of the paragraph holding `offset`. */
function paragraphStartBefore(text: string, offset: number): number {
  const found = text.lastIndexOf('\n\n', offset);
  return found === -1 ? 0 : found + 2;
}

export function windowsOf(text: string, settings: WindowSettings): Window[] {
  const windows: Window[] = [];
  let start = 0;
  while (start < text.length) {
    let end = paragraphStartAfter(text, start + settings.size);
    // A text with no paragraph break for a whole window is cut at a line break, else anywhere after a space.
    if (end - start > 2 * settings.size) end = cutWithin(text, start + settings.size);
    windows.push({ contextStart: contextStartFor(text, start, settings.overlap), start, end });
    start = end;
  }
  return windows;
}

/**
 * Where a window starting at `start` begins reading: the start of the
 * paragraph holding the point `overlap` back, or, when that paragraph is
 * itself long, the word there.
 */
function contextStartFor(text: string, start: number, overlap: number): number {
  if (start === 0) return 0;
  const target = Math.max(0, start - overlap);
  const paragraph = paragraphStartBefore(text, target);
  if (target - paragraph <= overlap) return paragraph;
  return text.lastIndexOf(' ', target - 1) + 1;
}

function cutWithin(text: string, at: number): number {
  const line = text.indexOf('\n', at);
  if (line !== -1 && line < at + 10_000) return line + 1;
  const space = text.indexOf(' ', at);
  return space === -1 ? text.length : space + 1;
}

/** The window's text as a document of its own, with the whole document's id, source and metadata. */
export function windowDocument(doc: Document, window: Window): Document {
  return createDocument({
    id: doc.id,
    text: doc.text.slice(window.contextStart, window.end),
    source: doc.source,
    metadata: { ...doc.metadata },
  });
}

/** Builds one document out of processed windows, taken in text order. */
export class WindowMerger {
  readonly merged: Document;
  private tokenCount = 0;
  private readonly entityByKey = new Map<string, number>();

  constructor(doc: Document) {
    this.merged = { ...doc, warnings: [...doc.warnings], tokens: [], sentences: [], mentions: [], entities: [], statements: [] };
  }

  /** Tokens of the whole document (the merged document keeps none, to stay small). */
  get tokens(): number {
    return this.tokenCount;
  }

  add(part: Document, window: Window): void {
    const shift = window.contextStart;
    const kept = (offset: number) => offset + shift >= window.start;
    if (window.start === 0) this.merged.metadata = part.metadata;
    this.tokenCount += part.tokens.filter((t) => kept(t.start)).length;
    const sentenceMap = this.addSentences(part, shift, kept);
    const entityMap = this.entityMapper(part);
    for (const mention of part.mentions) {
      if (!kept(mention.start) || mention.entity === undefined) continue;
      const entity = entityMap(mention.entity);
      this.merged.entities[entity]!.mentions.push(this.merged.mentions.length);
      this.merged.mentions.push(shifted(mention, shift, sentenceMap, entity));
    }
    for (const statement of part.statements) {
      if (!kept(statement.start)) continue;
      this.merged.statements.push({
        ...statement,
        start: statement.start + shift,
        end: statement.end + shift,
        sentence: sentenceMap.get(statement.sentence) ?? 0,
        speaker: statement.speaker === null ? null : entityMap(statement.speaker),
        targets: statement.targets.map(entityMap),
      });
    }
    for (const warning of part.warnings) {
      if (!this.merged.warnings.some((w) => w.code === warning.code && w.message === warning.message)) this.merged.warnings.push(warning);
    }
  }

  /** The merged document, entities in order of first mention; references to an entity left without a mention are dropped. */
  finish(): Document {
    const doc = this.merged;
    const firstMention = (e: Entity) => (e.mentions.length > 0 ? doc.mentions[e.mentions[0]!]!.start : Number.POSITIVE_INFINITY);
    const order = doc.entities.map((_, e) => e).sort((a, b) => firstMention(doc.entities[a]!) - firstMention(doc.entities[b]!) || a - b);
    const kept = order.filter((e) => doc.entities[e]!.mentions.length > 0);
    const renumber = new Map(kept.map((old, index) => [old, index]));
    doc.entities = kept.map((old) => {
      const entity = doc.entities[old]!;
      const roles = entity.roles?.map((r) => ({ title: r.title, of: r.of === null ? null : (renumber.get(r.of) ?? null) }));
      return { ...entity, ...(roles ? { roles } : {}) };
    });
    // Every mention belongs to an entity that has one, so none is left without a number.
    for (const mention of doc.mentions) mention.entity = renumber.get(mention.entity!)!;
    for (const statement of doc.statements) {
      statement.speaker = statement.speaker === null ? null : (renumber.get(statement.speaker) ?? null);
      statement.targets = statement.targets.flatMap((t) => (renumber.has(t) ? [renumber.get(t)!] : []));
    }
    return doc;
  }

  private addSentences(part: Document, shift: number, kept: (offset: number) => boolean): Map<number, number> {
    const map = new Map<number, number>();
    for (const sentence of part.sentences) {
      if (!kept(sentence.start)) continue;
      map.set(sentence.index, this.merged.sentences.length);
      this.merged.sentences.push({
        ...sentence,
        index: this.merged.sentences.length,
        start: sentence.start + shift,
        end: sentence.end + shift,
      });
    }
    return map;
  }

  /** Maps a window's entity index to the merged one, creating or joining it (with its roles) on first use. */
  private entityMapper(part: Document): (local: number) => number {
    const cache = new Map<number, number>();
    const map = (local: number): number => {
      const known = cache.get(local);
      if (known !== undefined) return known;
      const entity = part.entities[local]!;
      const key = entity.kbId !== undefined ? `kb:${entity.kbId}` : `${entity.type}:${entity.name.toLowerCase()}`;
      let global = this.entityByKey.get(key);
      if (global === undefined) {
        global =
          this.merged.entities.push({
            type: entity.type,
            name: entity.name,
            aliases: [],
            ...(entity.kbId ? { kbId: entity.kbId } : {}),
            mentions: [],
          }) - 1;
        this.entityByKey.set(key, global);
      }
      cache.set(local, global);
      this.joinEntity(this.merged.entities[global]!, entity, map);
      return global;
    };
    return map;
  }

  private joinEntity(target: Entity, entity: Entity, map: (local: number) => number): void {
    for (const alias of entity.aliases) if (!target.aliases.includes(alias)) target.aliases.push(alias);
    for (const role of entity.roles ?? []) {
      const of = role.of === null ? null : map(role.of);
      target.roles ??= [];
      if (!target.roles.some((r) => r.title === role.title && r.of === of)) target.roles.push({ title: role.title, of });
    }
  }
}

function shifted(mention: Mention, shift: number, sentences: ReadonlyMap<number, number>, entity: number): Mention {
  return { ...mention, start: mention.start + shift, end: mention.end + shift, sentence: sentences.get(mention.sentence) ?? 0, entity };
}
