/**
 * The accuracy gate of `npm run eval`: committed limits per evaluation set,
 * checked against the figures of a run. A floor is a minimum (F1, accuracy),
 * a ceiling a maximum (false attribution rate). Limits are raised as accuracy
 * improves and never relaxed to make a run pass.
 */

/** Limits keyed by a figure's path in the report ("mentions.perType.PERSON.f1"). */
export type Floors = Record<string, number>;

export interface SetLimits {
  floors?: Floors;
  ceilings?: Floors;
}

export interface CheckedFigure {
  figure: string;
  kind: 'floor' | 'ceiling';
  limit: number;
  /** null when the report defines no value (an undefined ratio): that never passes. */
  value: number | null;
  ok: boolean;
}

export interface GateResult {
  checked: CheckedFigure[];
  passed: boolean;
}

/** The value at a dotted path; throws when the path names nothing, so a misspelt limit fails loudly instead of passing. */
export function figureAt(report: unknown, figure: string): number | null {
  let node: unknown = report;
  for (const key of figure.split('.')) {
    if (typeof node !== 'object' || node === null || !(key in node))
      throw new Error(`eval limits: "${figure}" is not a figure of the report`);
    node = (node as Record<string, unknown>)[key];
  }
  if (node !== null && typeof node !== 'number') throw new Error(`eval limits: "${figure}" is not a number in the report`);
  return node;
}

/** Compares a report with one set's floors and ceilings. */
export function checkLimits(report: unknown, limits: SetLimits): GateResult {
  const check =
    (kind: CheckedFigure['kind']) =>
    ([figure, limit]: [string, number]): CheckedFigure => {
      const value = figureAt(report, figure);
      const ok = value !== null && (kind === 'floor' ? value >= limit : value <= limit);
      return { figure, kind, limit, value, ok };
    };
  const checked = [
    ...Object.entries(limits.floors ?? {}).map(check('floor')),
    ...Object.entries(limits.ceilings ?? {}).map(check('ceiling')),
  ];
  return { checked, passed: checked.every((c) => c.ok) };
}
