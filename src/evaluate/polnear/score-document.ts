import { overlapLength } from '../../document/spans.js';
import { isValidSpan } from '../prediction.js';
import {
  field,
  isBarePronoun,
  judgeSource,
  readGoldSource,
  sourceNameKey,
  speakerTextOccurrences,
  type PredictedSpeaker,
  type Range,
} from './source-rules.js';
import { byPairingOrder, canPair, greedyPairs, type PairCandidate } from '../pairing.js';

/**
 * Scores one PolNeAR gold document against one contract-shaped prediction
 * (../shared/tools/polnear.mjs header, "score"): detection pairs statements
 * with attributions one-to-one, then each pair's source is judged. Returns raw
 * counts; attribution.ts sums them and computes the ratios.
 */

export interface ScoringOptions {
  /** Measure overlap over the covering content span instead of its fragments. */
  covering: boolean;
  /** How far (characters) around statement and content a speakerText occurrence may lie. */
  window: number;
}

export interface SourceTally {
  total: number;
  correct: number;
  viaEntity: number;
  viaTextOnly: number;
  predNullSpeaker: number;
  predNoSource: number;
  predUnresolved: number;
  textUnavailable: number;
  pronounTotal: number;
  pronounCorrect: number;
  otherTotal: number;
  otherCorrect: number;
  lenientCorrect: number;
  goldNoSourcePairs: number;
  goldNoSourcePredNone: number;
}

export interface DocumentTally {
  gold: { attributions: number; withSource: number; pronounSource: number; withCoref: number };
  tp: number;
  fp: number;
  fn: number;
  invalidPredictions: number;
  source: SourceTally;
}

export function emptyTally(): DocumentTally {
  return {
    gold: { attributions: 0, withSource: 0, pronounSource: 0, withCoref: 0 },
    tp: 0,
    fp: 0,
    fn: 0,
    invalidPredictions: 0,
    source: {
      total: 0,
      correct: 0,
      viaEntity: 0,
      viaTextOnly: 0,
      predNullSpeaker: 0,
      predNoSource: 0,
      predUnresolved: 0,
      textUnavailable: 0,
      pronounTotal: 0,
      pronounCorrect: 0,
      otherTotal: 0,
      otherCorrect: 0,
      lenientCorrect: 0,
      goldNoSourcePairs: 0,
      goldNoSourcePredNone: 0,
    },
  };
}

type Warn = (message: string) => void;

/** A gold attribution ready for matching: what counts as its content, and how long that is. */
interface GoldUnit {
  attribution: unknown;
  content: Range;
  pieces: Range[];
  length: number;
}

/** Valid gold attributions; content is its fragments unless `covering` (the "he said" between two halves of a quote is not content). */
function goldUnits(gold: unknown, covering: boolean, docId: string, warn: Warn): GoldUnit[] {
  const attributions = field(gold, 'attributions');
  const units: GoldUnit[] = [];
  (Array.isArray(attributions) ? attributions : []).forEach((attribution, i) => {
    const content = field(attribution, 'content');
    if (!isValidSpan(content)) {
      warn(`${docId}: gold attribution #${i} has no valid content span; skipped`);
      return;
    }
    const fragments = field(content, 'fragments');
    const useCover = covering || !Array.isArray(fragments) || fragments.length === 0;
    const pieces = useCover ? [{ start: content.start, end: content.end }] : (fragments as unknown[]).filter(isValidSpan);
    units.push({ attribution, content, pieces, length: pieces.reduce((sum, p) => sum + p.end - p.start, 0) });
  });
  return units;
}

function countGold(units: readonly GoldUnit[], tally: DocumentTally): void {
  for (const unit of units) {
    tally.gold.attributions++;
    const source = field(unit.attribution, 'source');
    if (!source) continue;
    tally.gold.withSource++;
    if (isBarePronoun(field(source, 'text'))) tally.gold.pronounSource++;
    const coref = field(source, 'coref');
    if (Array.isArray(coref) && coref.length > 0) tally.gold.withCoref++;
  }
}

/** Statements with a valid span; the others are counted and named in a warning. */
function validStatements(pred: unknown, docId: string, warn: Warn, tally: DocumentTally): Array<Range & Record<string, unknown>> {
  const statements = field(pred, 'statements');
  const valid: Array<Range & Record<string, unknown>> = [];
  (Array.isArray(statements) ? statements : []).forEach((statement, i) => {
    if (isValidSpan(statement)) valid.push(statement as Range & Record<string, unknown>);
    else {
      tally.invalidPredictions++;
      warn(`${docId}: predicted statement #${i} has no valid span; skipped`);
    }
  });
  return valid;
}

type Pair = PairCandidate;

/**
 * One-to-one greedy pairing: a statement and an attribution can pair when they
 * overlap by at least half the shorter of the two; the best shares pair
 * first, then longer overlaps, then gold order, then prediction order.
 */
function pairStatements(units: readonly GoldUnit[], statements: readonly Range[]): Pair[] {
  const candidates: Pair[] = [];
  units.forEach((unit, g) =>
    statements.forEach((statement, p) => {
      const overlap = unit.pieces.reduce((sum, piece) => sum + overlapLength(statement, piece), 0);
      if (overlap === 0) return;
      const share = overlap / Math.min(statement.end - statement.start, unit.length);
      if (canPair(overlap, unit.length, statement.end - statement.start)) candidates.push({ gold: g, pred: p, overlap, share });
    }),
  );
  return greedyPairs(candidates.sort(byPairingOrder));
}

/** Predicted entities by id (as a string); the first entity with an id wins. */
function entitiesById(pred: unknown): Map<string, unknown> {
  const entities = field(pred, 'entities');
  const byId = new Map<string, unknown>();
  for (const entity of Array.isArray(entities) ? entities : []) {
    const id = field(entity, 'id');
    if (entity !== null && typeof entity === 'object' && id !== null && id !== undefined && !byId.has(String(id)))
      byId.set(String(id), entity);
  }
  return byId;
}

/** One document to score: its gold, the prediction (any JSON) and the corpus text (null when unavailable). */
export interface AttributionDocument {
  docId: string;
  gold: unknown;
  pred: unknown;
  text: string | null;
}

export function scoreAttributionDocument(
  { docId, gold, pred, text }: AttributionDocument,
  options: ScoringOptions,
  warn: Warn,
): DocumentTally {
  const tally = emptyTally();
  const prediction = pred !== null && typeof pred === 'object' ? pred : {};
  const units = goldUnits(gold, options.covering, docId, warn);
  countGold(units, tally);
  const statements = validStatements(prediction, docId, warn, tally);
  const pairs = pairStatements(units, statements);
  tally.tp = pairs.length;
  tally.fn = units.length - pairs.length;
  tally.fp = statements.length - pairs.length;
  if (text === null && pairs.some((pair) => field(units[pair.gold]!.attribution, 'source'))) {
    warn(`${docId}: corpus text unavailable; speakerText substring rule (T2) not applied`);
  }
  const entities = entitiesById(prediction);
  for (const pair of pairs) {
    scorePairSource(units[pair.gold]!, statements[pair.pred]!, { entities, text, options, docId, warn }, tally.source);
  }
  return tally;
}

interface PairContext {
  entities: Map<string, unknown>;
  text: string | null;
  options: ScoringOptions;
  docId: string;
  warn: Warn;
}

/** A statement's `speaker` id (null, undefined and '' mean none) and its trimmed `speakerText`. */
function offeredSpeaker(statement: Record<string, unknown>): { id: unknown; hasSpeaker: boolean; speakerText: string } {
  const id = statement.speaker;
  const speakerText = typeof statement.speakerText === 'string' ? statement.speakerText.trim() : '';
  return { id, hasSpeaker: id !== null && id !== undefined && id !== '', speakerText };
}

/** The speaker a statement offers: its entity (when its id resolves) and its speakerText. */
function predictedSpeaker(statement: Record<string, unknown>, context: PairContext, tally: SourceTally): PredictedSpeaker {
  const { id, hasSpeaker, speakerText } = offeredSpeaker(statement);
  const entity = hasSpeaker ? context.entities.get(String(id)) : undefined;
  if (!hasSpeaker) tally.predNullSpeaker++;
  else if (entity === undefined) {
    tally.predUnresolved++;
    context.warn(`${context.docId}: predicted speaker id ${JSON.stringify(id)} not among predicted entities`);
  }
  if (!hasSpeaker && !speakerText) tally.predNoSource++;
  const mentions = field(entity, 'mentions');
  const aliases = field(entity, 'aliases');
  const names = entity === undefined ? [] : [field(entity, 'name'), ...(Array.isArray(aliases) ? aliases : [])];
  return {
    hasSpeaker,
    speakerText,
    mentions: Array.isArray(mentions) ? mentions.filter(isValidSpan) : [],
    names: names.filter((n): n is string => typeof n === 'string' && sourceNameKey(n) !== ''),
  };
}

function scorePairSource(unit: GoldUnit, statement: Range & Record<string, unknown>, context: PairContext, tally: SourceTally): void {
  const source = field(unit.attribution, 'source');
  if (!source) {
    // Attributions without a source: only whether the prediction also names none is counted.
    const { hasSpeaker, speakerText } = offeredSpeaker(statement);
    tally.goldNoSourcePairs++;
    if (!hasSpeaker && !speakerText) tally.goldNoSourcePredNone++;
    return;
  }
  tally.total++;
  const gold = readGoldSource(source);
  const speaker = predictedSpeaker(statement, context, tally);
  let occurrences: Range[] = [];
  if (speaker.speakerText !== '' && context.text === null) tally.textUnavailable++;
  else if (speaker.speakerText !== '' && context.text !== null) {
    const around = { start: Math.min(statement.start, unit.content.start), end: Math.max(statement.end, unit.content.end) };
    occurrences = speakerTextOccurrences(speaker.speakerText, context.text, around, context.options.window);
  }
  const verdict = judgeSource(gold, speaker, occurrences, context.text);
  const correct = verdict.viaEntity || verdict.viaText;
  if (correct) tally.correct++;
  if (verdict.viaEntity) tally.viaEntity++;
  else if (verdict.viaText) tally.viaTextOnly++;
  if (isBarePronoun(gold.text)) {
    tally.pronounTotal++;
    if (correct) tally.pronounCorrect++;
  } else {
    tally.otherTotal++;
    if (correct) tally.otherCorrect++;
  }
  if (verdict.lenient) tally.lenientCorrect++;
}
