/**
 * Word classes learned from unlabelled text by the exchange algorithm (after
 * the predictive exchange of Uszkoreit & Brants, ACL 2008, made two-sided):
 * each word is moved, in turn, to the class under which the words before and
 * after it are best predicted, maximising the likelihood of two class bigram
 * models, P(next | class(v)) and P(previous | class(v)). Words that occur in
 * the same contexts ("Sanders", "Cruz", "Rubio" before "said" and after
 * "Sen.") end in one class, so a tagger trained on a few hundred thousand
 * labelled words can generalise to names it never saw.
 *
 * Deterministic: words are visited in frequency order, a word stays in its
 * class unless another gains strictly more, and every sum runs in a fixed order.
 */
export interface ClusterOptions {
  /** Number of classes. */
  classes: number;
  /** Words seen fewer times than this get no class. */
  minCount: number;
  /** Passes over the vocabulary. */
  iterations: number;
  onIteration?: (done: number, total: number, moved: number) => void;
}

/** A word's class: its vocabulary index order is frequency order. */
export interface WordClasses {
  /** Vocabulary words, most frequent first. */
  words: string[];
  /** `classOf[i]` is the class of `words[i]`. */
  classOf: Int32Array;
}

const SENTENCE_BOUNDARY = '<s>';
const RARE = '<rare>';

interface BigramTable {
  /** Compressed rows: the neighbours of word v are `next[rowStart[v] .. rowStart[v + 1])` with counts `count[…]`. */
  rowStart: Int32Array;
  next: Int32Array;
  count: Int32Array;
  /** How many bigrams each word is in on this side. */
  outgoing: Float64Array;
  total: number;
}

function vocabulary(sentences: readonly (readonly string[])[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const sentence of sentences) for (const w of sentence) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w]) => w);
}

/** Bigram counts by their first word (`reversed`: by their second), in compressed rows. */
function bigramTable(sentences: readonly (readonly string[])[], vocab: readonly string[], reversed: boolean): BigramTable {
  const id = new Map(vocab.map((w, i) => [w, i] as const));
  const rare = vocab.length - 1;
  const boundary = vocab.length - 2;
  const rows: Map<number, number>[] = vocab.map(() => new Map());
  let total = 0;
  const count = (from: number, to: number) => {
    const row = rows[reversed ? to : from]!;
    const key = reversed ? from : to;
    row.set(key, (row.get(key) ?? 0) + 1);
    total++;
  };
  for (const sentence of sentences) {
    let previous = boundary;
    for (const w of sentence) {
      const current = id.get(w) ?? rare;
      count(previous, current);
      previous = current;
    }
    count(previous, boundary);
  }
  return compressed(rows, total);
}

function compressed(rows: readonly Map<number, number>[], total: number): BigramTable {
  const rowStart = new Int32Array(rows.length + 1);
  rows.forEach((row, v) => (rowStart[v + 1] = rowStart[v]! + row.size));
  const next = new Int32Array(rowStart[rows.length]!);
  const count = new Int32Array(next.length);
  const outgoing = new Float64Array(rows.length);
  rows.forEach((row, v) => {
    let at = rowStart[v]!;
    for (const [w, n] of [...row].sort((a, b) => a[0] - b[0])) {
      next[at] = w;
      count[at++] = n;
      outgoing[v]! += n;
    }
  });
  return { rowStart, next, count, outgoing, total };
}

/** x·log x for every count up to `max`: the likelihood's terms, looked up instead of computed. */
function xLogXTable(max: number): Float64Array {
  const table = new Float64Array(max + 1);
  for (let x = 2; x <= max; x++) table[x] = x * Math.log(x);
  return table;
}

/** Learns word classes from tokenised sentences. */
export function clusterWords(sentences: readonly (readonly string[])[], options: ClusterOptions): WordClasses {
  const words = vocabulary(sentences, options.minCount);
  const vocab = [...words, SENTENCE_BOUNDARY, RARE];
  const tables = [false, true].map((reversed) => bigramTable(sentences, vocab, reversed));
  // Both sides count the same bigrams, so one table of x·log x serves both.
  const xLogX = xLogXTable(tables[0]!.total);
  const sides = tables.map((table) => new ContextSide(table, xLogX, options.classes));
  // Words by frequency rank, dealt round the classes.
  const classOf = Int32Array.from({ length: vocab.length }, (_, v) => v % options.classes);
  for (let v = 0; v < vocab.length; v++) for (const side of sides) side.shift(v, classOf[v]!, 1);
  const gain = new Float64Array(options.classes);
  for (let iteration = 1; iteration <= options.iterations; iteration++) {
    let moved = 0;
    for (let v = 0; v < words.length; v++) {
      const from = classOf[v]!;
      for (const side of sides) side.shift(v, from, -1);
      gain.fill(0);
      for (const side of sides) side.addGains(v, gain);
      let best = from;
      for (let c = 0; c < options.classes; c++) if (gain[c]! > gain[best]! + 1e-9) best = c;
      if (best !== from) moved++;
      classOf[v] = best;
      for (const side of sides) side.shift(v, best, 1);
    }
    options.onIteration?.(iteration, options.iterations, moved);
  }
  return { words, classOf: classOf.slice(0, words.length) };
}

/**
 * The class bigram counts of one side of the context (the words after a word,
 * or before it), kept current as words move: the likelihood of predicting a
 * neighbour from a word's class is Σ n(c,w)·log n(c,w) − Σ n(c)·log n(c).
 */
class ContextSide {
  /** byClass[w·C + c]: how often w neighbours a word of class c. */
  private readonly byClass: Int32Array;
  /** classTotal[c]: how many neighbours words of class c have. */
  private readonly classTotal: Float64Array;

  constructor(
    private readonly table: BigramTable,
    private readonly xLogX: Float64Array,
    private readonly classes: number,
  ) {
    this.byClass = new Int32Array((table.rowStart.length - 1) * classes);
    this.classTotal = new Float64Array(classes);
  }

  /** Adds (sign 1) or removes (−1) word v's neighbours to or from class c. */
  shift(v: number, c: number, sign: 1 | -1): void {
    const { table, classes } = this;
    for (let j = table.rowStart[v]!; j < table.rowStart[v + 1]!; j++) this.byClass[table.next[j]! * classes + c]! += sign * table.count[j]!;
    this.classTotal[c]! += sign * table.outgoing[v]!;
  }

  /** Adds, for each class, how much this side's likelihood gains if word v (out of every class) joins it. */
  addGains(v: number, gain: Float64Array): void {
    const { table, classes, byClass, classTotal } = this;
    const f = this.xLogX;
    const out = table.outgoing[v]!;
    for (let c = 0; c < classes; c++) gain[c]! += f[classTotal[c]!]! - f[classTotal[c]! + out]!;
    for (let j = table.rowStart[v]!; j < table.rowStart[v + 1]!; j++) {
      const n = table.count[j]!;
      const base = table.next[j]! * classes;
      for (let c = 0; c < classes; c++) {
        const x = byClass[base + c]!;
        gain[c]! += f[x + n]! - f[x]!;
      }
    }
  }
}
