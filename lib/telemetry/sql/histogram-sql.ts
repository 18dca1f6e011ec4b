import { LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";

/**
 * `ARRAY[coalesce(sum(h[1]), 0), …]`: the element-wise sum of a latency histogram column over a
 * group. PostgreSQL has no array-sum aggregate; one subscripted sum per bucket of an inline array
 * costs a scan's worth of arithmetic, where unnesting would multiply the rows by 48. Stored
 * histograms are sparse (lib/telemetry/sparse-histogram.ts): h[k] outside a row's run, of NULL (no
 * requests) or of an empty array (a minute stored before histograms existed) is NULL, which sum()
 * skips, as it used to add a stored 0. The result is always the full array, subscripts 1…48.
 */
export function sumHistogramSql(column: string): string {
  const sums = Array.from({ length: LATENCY_BUCKETS }, (_, k) => `coalesce(sum(${column}[${k + 1}]::float8), 0)`);
  return `ARRAY[${sums.join(", ")}]`;
}

/** A histogram column read back from node-postgres (float8[] arrives as numbers). */
export function readHistogram(value: unknown): Float64Array {
  const out = new Float64Array(LATENCY_BUCKETS);
  if (Array.isArray(value)) for (let k = 0; k < LATENCY_BUCKETS; k++) out[k] = Number(value[k] ?? 0);
  return out;
}

/**
 * The requests of a histogram served within `sloMs` (a SQL expression): each bucket's share below
 * the threshold, as lib/telemetry/latency-histogram.ts bucketShareWithin defines it (linear in
 * bucket 0, linear in log2 above; ordinality o is bucket o − 1). Used per series, so each request
 * is judged against its own model's SLO whatever the grouping.
 */
export function requestsWithinSql(histogram: string, sloMs: string): string {
  const share = `CASE WHEN u.o = 1 THEN ${sloMs} ELSE 3 * ln(greatest(${sloMs}, 1e-9)) / ln(2) - (u.o - 2) END`;
  return `(SELECT coalesce(sum(u.h * least(1, greatest(0, ${share}))), 0) FROM unnest(${histogram}) WITH ORDINALITY u(h, o))`;
}
