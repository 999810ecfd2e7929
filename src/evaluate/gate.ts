import type { EvaluationReport } from './scorer.js';

/** Minimum figures, keyed by their path in the evaluation report ("mentions.strict.PERSON.f1"). */
export type Floors = Record<string, number>;

export interface GateResult {
  checked: Array<{ figure: string; floor: number; value: number; ok: boolean }>;
  passed: boolean;
}

/** Compares a report with the committed floors; a figure the report lacks fails loudly instead of passing. */
export function checkFloors(report: EvaluationReport, floors: Floors): GateResult {
  const checked = Object.entries(floors).map(([figure, floor]) => {
    const value = figure.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], report);
    if (typeof value !== 'number') throw new Error(`eval floors: "${figure}" is not a figure of the evaluation report`);
    return { figure, floor, value, ok: value >= floor };
  });
  return { checked, passed: checked.every((c) => c.ok) };
}
