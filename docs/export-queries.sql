-- The README's ready queries on a database written by `stancemap export`.
-- The same text runs on SQLite and PostgreSQL; tests/export runs every one
-- of them on both. Each query starts at a `-- name:` line.

-- name: statements-by-label-per-speaker-per-month
-- Statements by label, per speaker (knowledge-base id, else the name as
-- written) and month of the article's date; undated articles left out.
SELECT substr(d.date, 1, 7) AS month,
       COALESCE(e.kb_id, e.name) AS speaker,
       s.label,
       COUNT(*) AS statements
FROM statements s
JOIN documents d ON d.doc_id = s.doc_id
JOIN entities e ON e.doc_id = s.doc_id AND e.entity_id = s.speaker_entity_id
WHERE d.date IS NOT NULL
GROUP BY substr(d.date, 1, 7), COALESCE(e.kb_id, e.name), s.label
ORDER BY month, speaker, s.label;

-- name: actor-graph
-- Who supports or threatens whom: an edge per speaker, target and label,
-- between knowledge-base actors, counted across documents.
SELECT sp.kb_id AS speaker_kb_id,
       ks.name AS speaker_name,
       s.label,
       tg.kb_id AS target_kb_id,
       kt.name AS target_name,
       COUNT(DISTINCT s.doc_id || '/' || s.statement_id) AS statements,
       COUNT(DISTINCT s.doc_id) AS documents
FROM statements s
JOIN entities sp ON sp.doc_id = s.doc_id AND sp.entity_id = s.speaker_entity_id
JOIN statement_targets t ON t.doc_id = s.doc_id AND t.statement_id = s.statement_id
JOIN entities tg ON tg.doc_id = t.doc_id AND tg.entity_id = t.entity_id
LEFT JOIN kb_entities ks ON ks.kb_id = sp.kb_id
LEFT JOIN kb_entities kt ON kt.kb_id = tg.kb_id
WHERE s.label IN ('support', 'threat')
  AND sp.kb_id IS NOT NULL
  AND tg.kb_id IS NOT NULL
  AND sp.kb_id <> tg.kb_id
GROUP BY sp.kb_id, ks.name, s.label, tg.kb_id, kt.name
ORDER BY statements DESC, speaker_kb_id, s.label, target_kb_id;

-- name: entities-by-documents
-- Entities by the number of documents that mention them (knowledge-base id,
-- else type and name as written), with their mentions in all.
SELECT COALESCE(e.kb_id, e.name) AS entity,
       e.type,
       COUNT(DISTINCT e.doc_id) AS documents,
       COUNT(*) AS mentions
FROM entities e
JOIN mentions m ON m.doc_id = e.doc_id AND m.entity_id = e.entity_id
GROUP BY COALESCE(e.kb_id, e.name), e.type
ORDER BY documents DESC, mentions DESC, entity, e.type;
