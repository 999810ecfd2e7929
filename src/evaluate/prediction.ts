import type { EntityType, Span, StanceLabel } from '../document/types.js';
import { ENTITY_TYPES, STANCE_LABELS } from '../document/types.js';

/**
 * A prediction file as the scorer reads it: any JSON object. Predictions come
 * from stancemap, from older versions of it or from other tools (a baseline,
 * another annotator's gold), so nothing is required; each entity, mention and
 * statement that cannot be scored is counted as invalid and skipped, the way
 * the reference scorer does, instead of failing the whole evaluation.
 */
export type Prediction = Record<string, unknown>;

/** A span that `isValidSpan` accepted. */
export type ValidSpan = Span;

/** An integer span with 0 <= start < end. */
export function isValidSpan(value: unknown): value is ValidSpan {
  if (typeof value !== 'object' || value === null) return false;
  const { start, end } = value as { start?: unknown; end?: unknown };
  return Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (start as number) < (end as number);
}

export function isEntityType(value: unknown): value is EntityType {
  return (ENTITY_TYPES as readonly unknown[]).includes(value);
}

export function isStanceLabel(value: unknown): value is StanceLabel {
  return (STANCE_LABELS as readonly unknown[]).includes(value);
}

export function arrayField(object: Prediction | null, field: string): unknown[] {
  const value = object?.[field];
  return Array.isArray(value) ? value : [];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The names an entity is known by: its name, then its aliases (strings only). */
export function namesOf(entity: Record<string, unknown>): string[] {
  const aliases = Array.isArray(entity.aliases) ? entity.aliases : [];
  return [entity.name, ...aliases].filter((n): n is string => typeof n === 'string');
}

/**
 * Name comparison key of ANNOTATION.md's speaker rule: NFKD, combining marks
 * and apostrophes removed, lower case, whitespace collapsed.
 */
export function scoringNameKey(name: unknown): string {
  return String(name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘ʼʻ`´ʿʾ′]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
