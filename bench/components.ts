/**
 * npm run bench:components: speed and memory of the parts, side by side in one run, on the sample
 * corpus repeated to a few hundred documents. The baseline is compromise's own
 * parse (what a hand-rolled compromise script would do); beside it, our entity
 * stage alone, the whole default pipeline, and the pipeline with transformer
 * models: the project's tiny generated ones by default (which measures our
 * tokenizing, alignment, windowing and ensemble overhead, since their own
 * compute is negligible), or real ones from BENCH_NER_MODEL / BENCH_NLI_MODEL.
 */
import nlp from 'compromise';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createDocument, type Document } from '../src/document/types.js';
import { walkInputs } from '../src/io/sources.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransformerNerRecognizer } from '../src/models/transformer/ner.js';
import { buildDefaultPipeline, buildPipelineWithModels, EMBEDDED_NER_MODEL } from '../src/pipeline/default.js';
import { LearnedNerRecognizer } from '../src/models/ner/recognizer.js';
import { prepareForTagger } from '../src/pipeline/tagger-inputs.js';
import { writeTinyNerModel, writeTinyNliModel } from '../tools/tiny-models/tiny-models.js';
import { TINY_NER_SPEC, TINY_NLI_SPEC } from '../tools/tiny-models/tiny-specs.js';
import { Pipeline } from '../src/pipeline/pipeline.js';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Result {
  name: string;
  docs: number;
  chars: number;
  medianMs: number;
  docsPerSecond: number;
  charsPerSecond: number;
  wordsPerSecond: number;
  heapDeltaMb: number;
}

async function corpus(): Promise<Document[]> {
  const docs: Document[] = [];
  for await (const item of walkInputs(['corpus'], { maxBytes: Number.MAX_SAFE_INTEGER })) {
    if (item.kind === 'document') docs.push(await item.load());
  }
  return docs;
}

function fresh(docs: readonly Document[]): Document[] {
  const out: Document[] = [];
  for (let r = 0; r < REPEAT; r++) {
    for (const d of docs) out.push(createDocument({ id: `${d.id}#${r}`, text: d.text, source: d.source, metadata: { ...d.metadata } }));
  }
  return out;
}

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Times `work` over the repeated corpus (median of ROUNDS); `prepare` runs on each batch before the clock starts. */
async function measure(
  name: string,
  base: readonly Document[],
  work: (docs: Document[]) => Promise<void> | void,
  prepare: (docs: Document[]) => Promise<void> | void = () => {},
): Promise<Result> {
  const warmup = fresh(base).slice(0, base.length);
  await prepare(warmup);
  await work(warmup);
  const times: number[] = [];
  let heapDelta = 0;
  let docs = 0;
  let chars = 0;
  let words = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const batch = fresh(base);
    await prepare(batch);
    docs = batch.length;
    chars = batch.reduce((sum, d) => sum + d.text.length, 0);
    words = batch.reduce((sum, d) => sum + wordCount(d.text), 0);
    (globalThis as { gc?: () => void }).gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    await work(batch);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    heapDelta = Math.max(heapDelta, process.memoryUsage().heapUsed - heapBefore);
  }
  const medianMs = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return {
    name,
    docs,
    chars,
    medianMs: Math.round(medianMs),
    docsPerSecond: Math.round((docs / medianMs) * 1000 * 10) / 10,
    charsPerSecond: Math.round((chars / medianMs) * 1000),
    wordsPerSecond: Math.round((words / medianMs) * 1000),
    heapDeltaMb: Math.round((heapDelta / 1024 / 1024) * 10) / 10,
  };
}

const base = await corpus();
const { pipeline, lexicons, knowledgeBase } = buildDefaultPipeline();
const tagger = LearnedNerRecognizer.load(EMBEDDED_NER_MODEL, lexicons);
const rulesOnly = buildDefaultPipeline({ attributionPolicy: 'rules' }).pipeline;
const [zones, segment, entities, resolve] = pipeline.stages;
const entityOnly = new Pipeline([zones!, segment!, entities!, resolve!]);
const BATCH = 8;
const inBatches = async (p: Pipeline, docs: Document[]) => {
  for (let i = 0; i < docs.length; i += BATCH) await p.process(docs.slice(i, i + BATCH));
};

const results = [
  await measure('baseline: compromise parse + people/places/organizations', base, (docs) => {
    for (const d of docs) {
      const parsed = nlp(d.text);
      parsed.people().json({ offset: true });
      parsed.places().json({ offset: true });
      parsed.organizations().json({ offset: true });
    }
  }),
  await measure('compromise parse alone (part-of-speech, no names)', base, (docs) => {
    for (const d of docs) nlp(d.text);
  }),
  await measure(
    'learned NER tagger alone (features + decoding, one core)',
    base,
    (docs) => {
      for (const d of docs) tagger.recognizeOne(d);
    },
    (docs) => prepareForTagger(docs, lexicons, knowledgeBase),
  ),
  await measure('stancemap entity stage (zones, tokens, entities, resolution)', base, (docs) => inBatches(entityOnly, docs)),
  await measure('stancemap full pipeline, statement rules only', base, (docs) => inBatches(rulesOnly, docs)),
  await measure('stancemap full pipeline (+ attribution model, default)', base, (docs) => inBatches(pipeline, docs)),
];

// A BERT-sized window (512), so documents are cut into as many windows as with a real model.
const models = mkdtempSync(join(tmpdir(), 'stancemap-bench-'));
const nerModel = process.env.BENCH_NER_MODEL ?? join(models, 'tiny-ner');
const nliModel = process.env.BENCH_NLI_MODEL ?? join(models, 'tiny-nli');
if (!process.env.BENCH_NER_MODEL) writeTinyNerModel(nerModel, { ...TINY_NER_SPEC, maxLength: 512 });
if (!process.env.BENCH_NLI_MODEL) writeTinyNliModel(nliModel, { ...TINY_NLI_SPEC, maxLength: 512 });
const nerLabel = process.env.BENCH_NER_MODEL ? 'NER model' : 'tiny NER model';
const nliLabel = process.env.BENCH_NLI_MODEL ? 'NLI model' : 'tiny NLI model';
// One loaded NER model serves both pipelines, as one session serves every batch of a run.
const ner = await TransformerNerRecognizer.load(nerModel, { offline: !process.env.BENCH_NER_MODEL });
const withNer = buildDefaultPipeline({ nerModel: ner, nerPolicy: 'union' }).pipeline;
const withBoth = (
  await buildPipelineWithModels({
    nerModel: ner,
    nerPolicy: 'union',
    nliModelSpec: nliModel,
    nli: { policy: 'model-only' },
    offline: !process.env.BENCH_NLI_MODEL,
  })
).pipeline;
results.push(
  await measure(`full pipeline + ${nerLabel} (union)`, base, (docs) => inBatches(withNer, docs)),
  await measure(`full pipeline + ${nerLabel} + ${nliLabel} (model-only)`, base, (docs) => inBatches(withBoth, docs)),
);

const baseline = results[0]!;
console.log(
  `stancemap bench: ${baseline.docs} documents (${base.length} sample articles × ${REPEAT}), ${baseline.chars} chars, median of ${ROUNDS} rounds\n`,
);
console.log(
  `${'run'.padEnd(62)}${'ms'.padStart(8)}${'docs/s'.padStart(9)}${'chars/s'.padStart(10)}${'words/s'.padStart(9)}${'× base'.padStart(8)}${'heap MB'.padStart(9)}`,
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(62)}${String(r.medianMs).padStart(8)}${String(r.docsPerSecond).padStart(9)}${String(r.charsPerSecond).padStart(10)}${String(r.wordsPerSecond).padStart(9)}${(r.medianMs / baseline.medianMs).toFixed(2).padStart(8)}${String(r.heapDeltaMb).padStart(9)}`,
  );
}
console.log(`\npeak RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB; node ${process.version}`);
mkdirSync('.bench', { recursive: true });
writeFileSync(
  '.bench/results.json',
  JSON.stringify({ date: new Date().toISOString(), repeat: REPEAT, rounds: ROUNDS, results }, null, 2) + '\n',
);
