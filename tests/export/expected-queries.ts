import type { Article } from '../../src/schema/article.js';

/**
 * The README queries' answers worked out from the JSON files directly, to
 * compare with what each database answers. Rows as sorted JSON strings, so
 * that the comparison ignores order (checked separately).
 */
type Tally = Map<string, { row: Record<string, unknown>; count: number; docs: Set<string>; statements: Set<string> }>;

function add(tally: Tally, row: Record<string, unknown>, docId: string, statement?: string, by = 1): void {
  const key = JSON.stringify(row);
  const entry = tally.get(key) ?? { row, count: 0, docs: new Set<string>(), statements: new Set<string>() };
  entry.count += by;
  entry.docs.add(docId);
  if (statement !== undefined) entry.statements.add(statement);
  tally.set(key, entry);
}

const sorted = (rows: Array<Record<string, unknown>>): string[] => rows.map((r) => JSON.stringify(r)).sort();

export function expectedAnswers(articles: Iterable<Article>): Record<string, string[]> {
  const byMonth: Tally = new Map();
  const graph: Tally = new Map();
  const byDocuments: Tally = new Map();
  for (const a of articles) {
    const entity = new Map(a.entities.map((e) => [e.id, e]));
    for (const s of a.statements) {
      const speaker = s.speaker === null ? undefined : entity.get(s.speaker)!;
      if (speaker === undefined) continue;
      if (a.metadata.date !== null)
        add(byMonth, { month: a.metadata.date.slice(0, 7), speaker: speaker.kbId ?? speaker.name, label: s.label }, a.docId);
      if (s.label === 'claim' || speaker.kbId === undefined) continue;
      for (const t of s.targets.map((id) => entity.get(id)!)) {
        if (t.kbId === undefined || t.kbId === speaker.kbId) continue;
        add(graph, { speaker_kb_id: speaker.kbId, label: s.label, target_kb_id: t.kbId }, a.docId, `${a.docId}/${s.id}`);
      }
    }
    for (const e of a.entities) add(byDocuments, { entity: e.kbId ?? e.name, type: e.type }, a.docId, undefined, e.mentions.length);
  }
  return {
    'statements-by-label-per-speaker-per-month': sorted([...byMonth.values()].map((t) => ({ ...t.row, statements: t.count }))),
    'actor-graph': sorted([...graph.values()].map((t) => ({ ...t.row, statements: t.statements.size, documents: t.docs.size }))),
    'entities-by-documents': sorted([...byDocuments.values()].map((t) => ({ ...t.row, documents: t.docs.size, mentions: t.count }))),
  };
}

/** A database's answer in the same form: the columns compared, counts as numbers (PostgreSQL returns bigint as text). */
export function answerAsSorted(name: string, rows: Array<Record<string, unknown>>): string[] {
  const pick: Record<string, string[]> = {
    'statements-by-label-per-speaker-per-month': ['month', 'speaker', 'label', 'statements'],
    'actor-graph': ['speaker_kb_id', 'label', 'target_kb_id', 'statements', 'documents'],
    'entities-by-documents': ['entity', 'type', 'documents', 'mentions'],
  };
  const counts = new Set(['statements', 'documents', 'mentions']);
  return sorted(rows.map((r) => Object.fromEntries(pick[name]!.map((c) => [c, counts.has(c) ? Number(r[c]) : r[c]]))));
}
