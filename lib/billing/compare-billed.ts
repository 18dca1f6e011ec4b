// Billed beside estimated, pure: the drift figures and the threshold test (defined in
// billed-vs-estimated-dto.ts), so they are unit-tested with hand-computed cases.

export type Drift = { driftUsd: number | null; driftPct: number | null; overThreshold: boolean };

export function computeDrift(args: {
  billedUsd: number | null;
  estimatedUsd: number | null;
  thresholdPct: number;
  thresholdUsd: number;
}): Drift {
  const { billedUsd, estimatedUsd } = args;
  if (billedUsd === null || estimatedUsd === null) return { driftUsd: null, driftPct: null, overThreshold: false };
  const driftUsd = billedUsd - estimatedUsd;
  const driftPct = estimatedUsd > 0 ? (driftUsd / estimatedUsd) * 100 : null;
  // With no estimate at all, any bill above the dollar floor is a discrepancy.
  const overPct = driftPct === null ? true : Math.abs(driftPct) > args.thresholdPct;
  return { driftUsd, driftPct, overThreshold: overPct && Math.abs(driftUsd) > args.thresholdUsd };
}

const DAY_MS = 86_400_000;
export const utcDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
export const dayKey = (d: Date) => d.toISOString().slice(0, 10);
export { DAY_MS };

/**
 * The first UTC day the bill does not cover: the day its newest charge period ends in, never after
 * today (the bill lags; today is always an estimate). null: no bill ingested.
 */
export const billedUntilOf = (billEnd: Date | null, now: Date): Date | null =>
  billEnd === null ? null : new Date(Math.min(utcDay(billEnd).getTime(), utcDay(now).getTime()));
