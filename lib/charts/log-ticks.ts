// A log axis for latency: 14 ms and 3.6 s on one linear axis flatten every fast model into the
// floor. Ticks at 1-2-5 steps per decade, a domain from the tick at or below the smallest value to
// the tick at or above the largest (plus any reference values, so an SLO line is never off-axis).

const STEPS = [1, 2, 5] as const;

/** The 1-2-5 ticks covering [min, max] (both > 0), from the one at or below min to the one at or above max. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
  const candidates: number[] = [];
  for (let d = Math.floor(Math.log10(min)); d <= Math.ceil(Math.log10(max)); d++)
    for (const s of STEPS) candidates.push(Number((s * 10 ** d).toPrecision(12)));
  const lower = candidates.filter((t) => t <= min).pop() ?? candidates[0]!;
  const upper = candidates.find((t) => t >= max) ?? candidates[candidates.length - 1]!;
  return candidates.filter((t) => t >= lower && t <= upper);
}

/** The positive finite values of the given series keys across the points (a log axis has no 0). */
export function positiveRange(
  points: ReadonlyArray<Record<string, unknown>>,
  keys: readonly string[],
  extra: readonly number[] = [],
): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  const see = (v: unknown) => {
    if (typeof v === "number" && Number.isFinite(v) && v > 0) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  };
  for (const p of points) for (const k of keys) see(p[k]);
  extra.forEach(see);
  return min === Infinity ? null : { min, max };
}
