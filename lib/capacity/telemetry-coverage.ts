import type { TTelemetryCoverage } from "./review-dto";

/** Below this share of expected series-minutes the review warns that its figures undercount. */
export const COVERAGE_WARN_BELOW_PCT = 95;

const MINUTE_MS = 60_000;

export type SeriesSpan = {
  /** The series' key ("model|pool"). */
  key: string;
  /** Its first stored minute ever, or (never reported) when its pool was first inventoried. */
  startAt: Date;
  /** Its pool's retirement, or null while the pool exists. */
  stopAt: Date | null;
  /** Minutes stored for it inside the window. */
  presentMinutes: number;
};

/**
 * Telemetry coverage of a window [from, to). A series (one model on one pool: the unit telemetry is
 * stored per) is expected to report once a minute from its start to its stop: its first stored
 * minute ever (or its pool's inventory date if it never reported) to its pool's retirement (or the
 * window end). Expected series-minutes = Σ minutes of each series' span inside the window; present
 * = Σ minutes stored for each series inside the window, at most its expected. Minutes before a
 * series first reported are not missing: there was nothing to measure yet.
 */
export function telemetryCoverage({
  from,
  to,
  series,
}: {
  from: Date;
  to: Date;
  series: SeriesSpan[];
}): TTelemetryCoverage {
  let expected = 0;
  let present = 0;
  let silent = 0;
  let counted = 0;
  for (const s of series) {
    const start = Math.max(from.getTime(), Math.ceil(s.startAt.getTime() / MINUTE_MS) * MINUTE_MS);
    const stop = Math.min(to.getTime(), s.stopAt?.getTime() ?? Infinity);
    const minutes = Math.max(0, Math.floor((stop - start) / MINUTE_MS));
    if (minutes === 0) continue;
    counted += 1;
    expected += minutes;
    present += Math.min(s.presentMinutes, minutes);
    if (s.presentMinutes === 0) silent += 1;
  }
  return {
    expectedSeriesMinutes: expected,
    presentSeriesMinutes: present,
    coveragePct: expected > 0 ? (100 * present) / expected : null,
    warnBelowPct: COVERAGE_WARN_BELOW_PCT,
    series: counted,
    silentSeries: silent,
  };
}
