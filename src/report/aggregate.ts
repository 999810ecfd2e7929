import type { StanceLabel } from '../document/types.js';
import type { Article } from '../schema/article.js';
import { ActorTally, commonestName, type ActorCandidate } from './actors.js';
import { LABEL_INDEX, type Actor, type Edge, type Timeline, type WeekCounts } from './model.js';

export interface GraphLimits {
  /** An actor without a knowledge-base id needs this many documents to count. */
  minDocs: number;
  /** The graph keeps the actors with the most support and threat statements, up to this many. */
  maxActors: number;
}

export const DEFAULT_LIMITS: GraphLimits = { minDocs: 2, maxActors: 150 };

/** The Monday of the ISO week of a YYYY-MM-DD date, as YYYY-MM-DD. */
export function weekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

function bump(weeks: WeekCounts, week: string, label: StanceLabel): void {
  const counts = (weeks[week] ??= [0, 0, 0]);
  counts[LABEL_INDEX[label]] += 1;
}

/**
 * Streams articles into the graph and the timeline. Every entity gets an actor
 * key as it passes; which keys become actors (linked, or frequent enough) is
 * only known at the end, so edges and per-actor weeks are kept for every key
 * and filtered in `graph()`.
 */
export class StanceAggregator {
  private readonly tally = new ActorTally();
  private readonly edges = new Map<string, Edge>();
  private readonly actorWeeks = new Map<string, WeekCounts>();
  private readonly allWeeks: WeekCounts = {};
  private undated = 0;

  /** Adds one article (its position in the index is `doc`) and returns its entity ids' actor keys. */
  add(article: Article, doc: number): Map<string, string> {
    const keyOf = this.tally.addDocument(article.entities);
    const week = article.metadata.date === null ? null : weekOf(article.metadata.date);
    for (const statement of article.statements) {
      const speaker = statement.speaker === null ? undefined : keyOf.get(statement.speaker);
      const targets = [...new Set(statement.targets.map((t) => keyOf.get(t)!))];
      if (week === null) this.undated += 1;
      else this.addWeek({ week, label: statement.label, involved: [speaker, ...targets] });
      if (speaker === undefined || statement.label === 'claim') continue;
      for (const target of targets) this.addEdge({ source: speaker, target, label: statement.label, refs: [[doc, statement.id]] });
    }
    return keyOf;
  }

  private addWeek(entry: { week: string; label: StanceLabel; involved: Array<string | undefined> }): void {
    bump(this.allWeeks, entry.week, entry.label);
    for (const key of new Set(entry.involved)) {
      if (key === undefined) continue;
      let weeks = this.actorWeeks.get(key);
      if (weeks === undefined) this.actorWeeks.set(key, (weeks = {}));
      bump(weeks, entry.week, entry.label);
    }
  }

  private addEdge(edge: Edge): void {
    const id = `${edge.label} ${edge.source} ${edge.target}`;
    const known = this.edges.get(id);
    if (known) known.refs.push(...edge.refs);
    else this.edges.set(id, edge);
  }

  /** The actors and edges of the graph under `limits`, heaviest actors first, and the timeline of those actors. */
  graph(limits: GraphLimits): { actors: Actor[]; edges: Edge[]; timeline: Timeline } {
    const candidates = this.tally.candidates;
    const eligible = (key: string): boolean => {
      const actor = candidates.get(key);
      return actor !== undefined && (actor.kbId !== null || actor.docs >= limits.minDocs);
    };
    const kept = [...this.edges.values()].filter((e) => eligible(e.source) && eligible(e.target));
    const weight = new Map<string, number>();
    for (const edge of kept)
      for (const key of new Set([edge.source, edge.target])) weight.set(key, (weight.get(key) ?? 0) + edge.refs.length);
    const ranked = [...weight].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limits.maxActors);
    const chosen = new Set(ranked.map(([key]) => key));
    const actors = ranked.map(([key, statements]) => toActor(candidates.get(key)!, statements));
    const edges = kept.filter((e) => chosen.has(e.source) && chosen.has(e.target)).sort(byWeight);
    const byActor = Object.fromEntries(actors.map((a) => [a.id, this.actorWeeks.get(a.id) ?? {}]));
    return { actors, edges, timeline: { all: this.allWeeks, byActor, undated: this.undated } };
  }
}

function toActor(candidate: ActorCandidate, statements: number): Actor {
  return {
    id: candidate.key,
    name: commonestName(candidate.names),
    type: candidate.type,
    kbId: candidate.kbId,
    docs: candidate.docs,
    statements,
  };
}

function byWeight(a: Edge, b: Edge): number {
  return b.refs.length - a.refs.length || (a.source + a.target + a.label < b.source + b.target + b.label ? -1 : 1);
}
