import { LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";

// How a latency histogram is stored: only its run, from the first to the last bucket holding
// requests, as a PostgreSQL array whose lower bound is that first bucket's subscript (bucket k is
// subscript k + 1, as in a full array). A minute's requests fall in a handful of adjacent buckets,
// so a row keeps ~12 of the 48 counts. Reading h[k] outside the run gives NULL, which sum() skips
// where a stored 0 used to be added, so merged histograms (sumHistogramSql) are the same numbers.
// A histogram without any request is stored as NULL. Migration 20261206052000 converted older rows
// and holds the SQL twin of this, latency_histogram_sparse().

export type HistogramRun = { first: number; last: number };

/** The first and last non-empty bucket of the histogram at h[offset…]; null when it holds no request. */
export function histogramRun(h: ArrayLike<number>, offset = 0): HistogramRun | null {
  let first = 0;
  while (first < LATENCY_BUCKETS && h[offset + first] === 0) first++;
  if (first === LATENCY_BUCKETS) return null;
  let last = LATENCY_BUCKETS - 1;
  while (h[offset + last] === 0) last--;
  return { first, last };
}

/**
 * The sparse form as a PostgreSQL array literal (`[3:5]={2,10,1}`), or null without requests.
 * Each count is written as JavaScript's shortest text for the double, which PostgreSQL reads back
 * as the same double.
 */
export function sparseHistogramLiteral(h: ArrayLike<number>, offset = 0): string | null {
  const run = histogramRun(h, offset);
  if (!run) return null;
  const counts: string[] = [];
  for (let k = run.first; k <= run.last; k++) counts.push(String(h[offset + k]));
  return `[${run.first + 1}:${run.last + 1}]={${counts.join(",")}}`;
}
