/** The coordinate search the fit uses for settings it cannot fit by regression (line weights and measures). */

/** Passes over the values; a pass that changes nothing ends the search. */
const PASSES = 2;

/**
 * Coordinate search: from `start`, each value in turn is set to the grid value that scores best
 * with the others held; only a better score moves it (equals keep the one in hand, so a value
 * the data cannot tell apart stays as it is). Each point is scored once.
 */
export function searchGrid<K extends string>(
  start: Readonly<Record<K, number>>,
  grid: Readonly<Record<K, readonly number[]>>,
  value: (point: Readonly<Record<K, number>>) => number,
  passes = PASSES,
): Record<K, number> {
  const seen = new Map<string, number>();
  const valueOf = (point: Readonly<Record<K, number>>) => {
    const key = JSON.stringify(point);
    let v = seen.get(key);
    if (v === undefined) {
      v = value(point);
      seen.set(key, v);
    }
    return v;
  };
  let point: Record<K, number> = { ...start };
  let best = valueOf(point);
  for (let pass = 0; pass < passes; pass++) {
    let changed = false;
    for (const key of Object.keys(grid) as K[]) {
      for (const x of grid[key]) {
        const next = { ...point, [key]: x };
        const v = valueOf(next);
        if (v > best + 1e-9) {
          best = v;
          point = next;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return point;
}
