import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PROVENANCE_SOURCES, type Document, type Entity, type Mention, type ProvenanceSource, type Statement } from '../document/types.js';
import { articleHeader, entityId, schemaFailure } from '../io/article.js';
import { JsonObjectWriter } from '../io/json-writer.js';
import { LineSpool, makeSpoolFolder, removeSpoolFolder } from '../io/spool.js';
import {
  ArticleSchema,
  EntitySchema,
  MentionSchema,
  StatementSchema,
  checkMention,
  checkRoles,
  checkSentence,
  checkStatement,
  type Article,
  type ArticleFrame,
  type IssueSink,
} from '../schema/article.js';
import type { z } from 'zod';
import type { TextSlices } from '../document/utf8-text.js';
import type { Window } from './windows.js';

/**
 * The article of a document processed in windows, built as the windows come
 * and written to a file piece by piece: memory holds the text (or its UTF-8
 * bytes, see utf8-text.ts), compact columns of sentence and mention offsets
 * and the (few) entities; statements
 * wait on disk until the entities are numbered. A window keeps only what
 * starts in its own part; entities merge by knowledge-base id, else by type
 * and name. The file is byte for byte what `toArticle` and
 * `serializeArticle` give for the same merged document.
 */

/** A growable column of 32-bit integers. */
class IntColumn {
  private values = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  at(index: number): number {
    return this.values[index]!;
  }
}

interface MergedEntity extends Omit<Entity, 'mentions'> {
  /** Start of the first mention kept for it, which orders the entities. */
  firstStart: number;
  mentions: number;
}

/** A statement waiting on disk: its entities are indices into the merged entities, its text left out when it is the slice. */
type SpilledStatement = Omit<Statement, 'provenance' | 'text'> & { text: string | null; source: ProvenanceSource; rule?: string };

const EntityHeadSchema = EntitySchema.omit({ mentions: true });
type EntityHead = z.infer<typeof EntityHeadSchema>;
type ArticleMention = Article['entities'][number]['mentions'][number];

const HeaderSchema = ArticleSchema.pick({
  schemaVersion: true,
  docId: true,
  source: true,
  metadata: true,
  pipeline: true,
  stats: true,
  warnings: true,
});

export class LongArticle {
  private metadata: Document['metadata'];
  private readonly warnings: Document['warnings'];
  private tokenCount = 0;
  private readonly sentenceStarts = new IntColumn();
  private readonly sentenceEnds = new IntColumn();
  private readonly mentionColumns = {
    start: new IntColumn(),
    end: new IntColumn(),
    sentence: new IntColumn(),
    entity: new IntColumn(),
    source: new IntColumn(),
  };
  /** Mention texts that are not the text's slice at their offsets (none, when the stages keep their contract). */
  private readonly unusualMentionText = new Map<number, string>();
  private readonly entities: MergedEntity[] = [];
  private readonly entityByKey = new Map<string, number>();

  private constructor(
    private readonly doc: Document,
    private readonly text: TextSlices,
    private readonly folder: string,
    private readonly statements: LineSpool,
  ) {
    this.metadata = doc.metadata;
    this.warnings = [...doc.warnings];
  }

  /** `text` is the document's text (a long one may come as a Utf8Text, and `doc.text` be empty). */
  static async start(doc: Document, text: TextSlices): Promise<LongArticle> {
    const folder = await makeSpoolFolder();
    return new LongArticle(doc, text, folder, await LineSpool.create(join(folder, 'statements.ndjson')));
  }

  /** Takes in a processed window: what starts in its own part, shifted to the whole text's offsets. */
  async add(part: Document, window: Window): Promise<void> {
    const shift = window.contextStart;
    const kept = (offset: number) => offset + shift >= window.start;
    if (window.start === 0) this.metadata = part.metadata;
    for (const token of part.tokens) if (kept(token.start)) this.tokenCount++;
    const sentenceOf = this.addSentences(part, shift, kept);
    const entityOf = this.entityMapper(part);
    for (const mention of part.mentions) {
      if (!kept(mention.start) || mention.entity === undefined) continue;
      this.addMention(
        { start: mention.start + shift, end: mention.end + shift, sentence: sentenceOf(mention.sentence) },
        part.text.slice(mention.start, mention.end) === mention.text ? null : mention.text,
        entityOf(mention.entity),
        mention.provenance.source,
      );
    }
    for (const statement of part.statements) {
      if (kept(statement.start)) await this.spillStatement(statement, part, { shift, sentenceOf, entityOf });
    }
    for (const warning of part.warnings) {
      if (!this.warnings.some((w) => w.code === warning.code && w.message === warning.message)) this.warnings.push(warning);
    }
  }

  /** Validates and writes the article into the spool folder; returns the file's path. */
  async write(fingerprint: string): Promise<string> {
    const path = join(this.folder, 'article.json');
    const handle = await open(path, 'w');
    try {
      const writer = new JsonObjectWriter(handle);
      const numbering = this.numberEntities();
      const frame: ArticleFrame = {
        text: this.text,
        sentenceCount: this.sentenceStarts.length,
        hasEntity: (id) => /^e[1-9]\d*$/.test(id) && Number(id.slice(1)) <= numbering.order.length,
      };
      await this.writeHeader(writer, fingerprint);
      await writer.longString('text', this.text);
      await this.writeSentences(writer);
      await this.writeEntities(writer, numbering, frame);
      await this.writeStatements(writer, numbering.renumber, frame);
      await writer.end();
    } finally {
      await handle.close();
    }
    return path;
  }

  /** Removes what was spooled; the written article too, once it has been moved or copied away. */
  async discard(): Promise<void> {
    await this.statements.close();
    await removeSpoolFolder(this.folder);
  }

  /** The document's warnings and those of every window, each once. */
  get allWarnings(): Document['warnings'] {
    return this.warnings;
  }

  private addSentences(part: Document, shift: number, kept: (offset: number) => boolean): (local: number) => number {
    const map = new Map<number, number>();
    for (const sentence of part.sentences) {
      if (!kept(sentence.start)) continue;
      map.set(sentence.index, this.sentenceStarts.length);
      this.sentenceStarts.push(sentence.start + shift);
      this.sentenceEnds.push(sentence.end + shift);
    }
    return (local) => map.get(local) ?? 0;
  }

  /** `unusualText`: the mention's text when it is not the text's slice at its offsets. */
  private addMention(
    mention: Pick<Mention, 'start' | 'end' | 'sentence'>,
    unusualText: string | null,
    entity: number,
    source: ProvenanceSource,
  ): void {
    const { start, end, sentence } = mention;
    const columns = this.mentionColumns;
    const index = columns.start.length;
    if (unusualText !== null) this.unusualMentionText.set(index, unusualText);
    columns.start.push(start);
    columns.end.push(end);
    columns.sentence.push(sentence);
    columns.entity.push(entity);
    columns.source.push(PROVENANCE_SOURCES.indexOf(source));
    const merged = this.entities[entity]!;
    if (merged.mentions++ === 0) merged.firstStart = start;
  }

  private async spillStatement(
    statement: Statement,
    part: Document,
    { shift, sentenceOf, entityOf }: { shift: number; sentenceOf: (local: number) => number; entityOf: (local: number) => number },
  ): Promise<void> {
    const spilled: SpilledStatement = {
      label: statement.label,
      sentence: sentenceOf(statement.sentence),
      start: statement.start + shift,
      end: statement.end + shift,
      text: part.text.slice(statement.start, statement.end) === statement.text ? null : statement.text,
      speaker: statement.speaker === null ? null : entityOf(statement.speaker),
      speakerText: statement.speakerText,
      targets: statement.targets.map(entityOf),
      cue: statement.cue,
      confidence: statement.confidence,
      source: statement.provenance.source,
      ...(statement.provenance.rule !== undefined ? { rule: statement.provenance.rule } : {}),
    };
    await this.statements.append(JSON.stringify(spilled));
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
        const fresh: MergedEntity = {
          type: entity.type,
          name: entity.name,
          aliases: [],
          ...(entity.kbId ? { kbId: entity.kbId } : {}),
          firstStart: 0,
          mentions: 0,
        };
        global = this.entities.push(fresh) - 1;
        this.entityByKey.set(key, global);
      }
      cache.set(local, global);
      this.joinEntity(this.entities[global]!, entity, map);
      return global;
    };
    return map;
  }

  private joinEntity(target: MergedEntity, entity: Entity, map: (local: number) => number): void {
    for (const alias of entity.aliases) if (!target.aliases.includes(alias)) target.aliases.push(alias);
    for (const role of entity.roles ?? []) {
      const of = role.of === null ? null : map(role.of);
      target.roles ??= [];
      if (!target.roles.some((r) => r.title === role.title && r.of === of)) target.roles.push({ title: role.title, of });
    }
  }

  /** Entities in order of first mention; those left without a mention are dropped, and so are references to them. */
  private numberEntities(): { order: number[]; renumber: Map<number, number> } {
    const { entities } = this;
    const order = entities
      .map((_, e) => e)
      .filter((e) => entities[e]!.mentions > 0)
      .sort((a, b) => entities[a]!.firstStart - entities[b]!.firstStart || a - b);
    return { order, renumber: new Map(order.map((old, index) => [old, index])) };
  }

  private async writeHeader(writer: JsonObjectWriter, fingerprint: string): Promise<void> {
    const stats = { chars: this.text.length, sentences: this.sentenceStarts.length, tokens: this.tokenCount };
    const header = articleHeader({ ...this.doc, metadata: this.metadata, warnings: this.warnings }, fingerprint, stats);
    assertSchema(HeaderSchema, header, []);
    for (const [key, value] of Object.entries(header)) await writer.field(key, value);
  }

  private async writeSentences(writer: JsonObjectWriter): Promise<void> {
    await writer.arrayStart('sentences');
    for (let index = 0; index < this.sentenceStarts.length; index++) {
      const sentence = { index, start: this.sentenceStarts.at(index), end: this.sentenceEnds.at(index) };
      checkSentence(sentence, index, this.text, throwIssue);
      await writer.item(sentence);
    }
    await writer.arrayEnd();
  }

  private async writeEntities(
    writer: JsonObjectWriter,
    numbering: ReturnType<LongArticle['numberEntities']>,
    frame: ArticleFrame,
  ): Promise<void> {
    const mentionsOf = this.mentionsByEntity();
    await writer.arrayStart('entities');
    for (const [index, old] of numbering.order.entries()) {
      const head = this.entityHead(old, index, numbering.renumber);
      assertSchema(EntityHeadSchema, head, ['entities', index]);
      checkRoles(head, index, frame, throwIssue);
      // Mention by mention: the most named entity of a book has too many to hold as one object, or one string.
      await writer.itemWithArray(head, 'mentions', this.checkedMentions(mentionsOf(old), index, frame));
    }
    await writer.arrayEnd();
  }

  private entityHead(old: number, index: number, renumber: ReadonlyMap<number, number>): EntityHead {
    const entity = this.entities[old]!;
    const roles = entity.roles?.map((r) => ({ title: r.title, of: r.of === null ? null : (renumber.get(r.of) ?? null) }));
    return {
      id: entityId(index),
      type: entity.type,
      name: entity.name,
      aliases: entity.aliases,
      ...(entity.kbId !== undefined ? { kbId: entity.kbId } : {}),
      ...(roles?.length ? { roles: roles.map((r) => ({ title: r.title, of: r.of === null ? null : entityId(r.of) })) } : {}),
    };
  }

  private *checkedMentions(mentions: Int32Array, entity: number, frame: ArticleFrame): Generator<ArticleMention> {
    const columns = this.mentionColumns;
    for (const [k, m] of mentions.entries()) {
      const start = columns.start.at(m);
      const end = columns.end.at(m);
      const mention = {
        start,
        end,
        text: this.unusualMentionText.get(m) ?? frame.text.slice(start, end),
        sentence: columns.sentence.at(m),
        source: PROVENANCE_SOURCES[columns.source.at(m)]!,
      };
      assertSchema(MentionSchema, mention, ['entities', entity, 'mentions', k]);
      checkMention(mention, [entity, k], frame, throwIssue);
      yield mention;
    }
  }

  /** Each merged entity's mentions in the order they were kept: a counting sort over the entity column. */
  private mentionsByEntity(): (entity: number) => Int32Array {
    const { entity: column } = this.mentionColumns;
    const firsts = new Int32Array(this.entities.length + 1);
    for (let m = 0; m < column.length; m++) firsts[column.at(m) + 1]!++;
    for (let e = 0; e < this.entities.length; e++) firsts[e + 1]! += firsts[e]!;
    const sorted = new Int32Array(column.length);
    const next = firsts.slice();
    for (let m = 0; m < column.length; m++) sorted[next[column.at(m)]!++] = m;
    return (entity) => sorted.subarray(firsts[entity]!, firsts[entity + 1]!);
  }

  private async writeStatements(writer: JsonObjectWriter, renumber: ReadonlyMap<number, number>, frame: ArticleFrame): Promise<void> {
    await writer.arrayStart('statements');
    let k = 0;
    for await (const line of this.statements.lines()) {
      const s = JSON.parse(line) as SpilledStatement;
      const speaker = s.speaker === null ? null : (renumber.get(s.speaker) ?? null);
      const statement: Article['statements'][number] = {
        id: `s${k + 1}`,
        label: s.label,
        sentence: s.sentence,
        start: s.start,
        end: s.end,
        text: s.text ?? this.text.slice(s.start, s.end),
        speaker: speaker === null ? null : entityId(speaker),
        speakerText: s.speakerText,
        targets: s.targets.flatMap((t) => (renumber.has(t) ? [entityId(renumber.get(t)!)] : [])),
        cue: s.cue,
        confidence: s.confidence,
        source: s.source,
        ...(s.rule !== undefined ? { rule: s.rule } : {}),
      };
      assertSchema(StatementSchema, statement, ['statements', k]);
      checkStatement(statement, k++, frame, throwIssue);
      await writer.item(statement);
    }
    await writer.arrayEnd();
  }
}

const throwIssue: IssueSink = (path, message) => {
  throw schemaFailure({ path, message });
};

/** E110 for the first issue `schema` finds in `value`, placed at `at` inside the article. */
function assertSchema(schema: z.ZodType, value: unknown, at: Array<string | number>): void {
  const checked = schema.safeParse(value);
  if (!checked.success) throw schemaFailure({ ...checked.error.issues[0]!, path: [...at, ...checked.error.issues[0]!.path] });
}
