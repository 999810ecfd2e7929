import type { KnowledgeBase } from '../resources/kb.js';
import type { Article } from '../schema/article.js';
import type { Manifest } from '../schema/manifest.js';
import type { DocumentRows, Row, SharedRows } from './tables.js';

/** One article's rows. `runId` is the run whose manifest sat beside it (null without one). */
export function documentRows(article: Article, articleSha256: string, runId: string | null): DocumentRows {
  const fingerprint = article.pipeline.fingerprint;
  const document: Row = {
    doc_id: article.docId,
    run_id: runId,
    source_path: article.source.path,
    source_sha256: article.source.sha256,
    source_bytes: article.source.bytes,
    source_format: article.source.format,
    source_line: article.source.line ?? null,
    title: article.metadata.title,
    date: article.metadata.date,
    author: article.metadata.author,
    url: article.metadata.url ?? null,
    publisher: article.metadata.source ?? null,
    chars: article.stats.chars,
    sentence_count: article.stats.sentences,
    token_count: article.stats.tokens,
    warnings: article.warnings,
    article_sha256: articleSha256,
    pipeline_version: article.pipeline.version,
    pipeline_fingerprint: fingerprint,
  };
  return {
    docId: article.docId,
    version: { sourceSha256: article.source.sha256, pipelineFingerprint: fingerprint, articleSha256 },
    rows: { documents: [document], ...entityRows(article), ...statementRows(article) },
  };
}

function entityRows(article: Article): { entities: Row[]; mentions: Row[] } {
  const base = { doc_id: article.docId };
  const fingerprint = { pipeline_fingerprint: article.pipeline.fingerprint };
  const entities: Row[] = [];
  const mentions: Row[] = [];
  for (const e of article.entities) {
    entities.push({
      ...base,
      entity_id: e.id,
      type: e.type,
      name: e.name,
      aliases: e.aliases,
      kb_id: e.kbId ?? null,
      roles: e.roles ?? null,
      ...fingerprint,
    });
    e.mentions.forEach((m, index) =>
      mentions.push({
        ...base,
        entity_id: e.id,
        mention_index: index,
        start_offset: m.start,
        end_offset: m.end,
        text: m.text,
        sentence: m.sentence,
        provenance: m.source,
        ...fingerprint,
      }),
    );
  }
  return { entities, mentions };
}

function statementRows(article: Article): { statements: Row[]; statement_targets: Row[] } {
  const base = { doc_id: article.docId };
  const fingerprint = { pipeline_fingerprint: article.pipeline.fingerprint };
  const statements: Row[] = [];
  const targets: Row[] = [];
  for (const s of article.statements) {
    statements.push({
      ...base,
      statement_id: s.id,
      label: s.label,
      sentence: s.sentence,
      start_offset: s.start,
      end_offset: s.end,
      text: s.text,
      speaker_entity_id: s.speaker,
      speaker_text: s.speakerText,
      cue: s.cue,
      rule: s.rule ?? null,
      confidence: s.confidence,
      provenance: s.source,
      ...fingerprint,
    });
    s.targets.forEach((entityId, index) =>
      targets.push({ ...base, statement_id: s.id, target_index: index, entity_id: entityId, ...fingerprint }),
    );
  }
  return { statements, statement_targets: targets };
}

/** The rows every document refers to: the knowledge base's actors and the run from the manifest (with its id). */
export function sharedRows(kb: KnowledgeBase, run: { manifest: Manifest; runId: string } | null): SharedRows {
  const kbEntities: Row[] = [...kb.entries.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => ({
      kb_id: e.id,
      type: e.type,
      name: e.name,
      aliases: e.aliases,
      acronyms: e.acronyms,
      description: e.description ?? null,
      parent_kb_id: e.parent ?? null,
    }));
  return { kbEntities, run: run === null ? null : runRows(run.manifest, run.runId) };
}

function runRows(m: Manifest, runId: string): { runs: Row; runModels: Row[] } {
  return {
    runs: {
      run_id: runId,
      tool_name: m.tool.name,
      tool_version: m.tool.version,
      pipeline_fingerprint: m.pipeline.fingerprint,
      pipeline_stages: m.pipeline.stages,
      knowledge_base: m.knowledgeBase,
      inputs: m.inputs,
      options: m.options,
      started_at: m.startedAt,
      finished_at: m.finishedAt,
      duration_ms: m.durationMs,
      counts: m.counts,
    },
    runModels: m.models.map((model, index) => ({
      run_id: runId,
      model_index: index,
      name: model.name,
      version: model.version,
      kind: model.kind,
      resources: model.resources ?? null,
    })),
  };
}
