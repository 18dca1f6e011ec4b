import "server-only";
import type pg from "pg";
import { sumHistogramSql } from "@/lib/telemetry/sql/histogram-sql";

// telemetry_hourly's columns and the upsert both rollup writers share: this file's rebuild from
// telemetry_minute, and write-batch-hourly-rollups.ts for a batch that holds its hours' only rows.
export const HOURLY_COLUMNS = `(series_id, hour, minutes, instance_minutes, busy_instance_minutes,
  utilization_instance_minutes, requests, request_minutes, units, unit_minutes, latency_requests,
  p50_ms_x_requests, p95_ms_x_requests, p99_ms_x_requests, p99_ms_max, reserved_instance_minutes,
  spend_usd, idle_reserved_usd, slo_breach_minutes, latency_histogram)`;
export const HOURLY_UPSERT = `ON CONFLICT (series_id, hour) DO UPDATE SET
  minutes = EXCLUDED.minutes, instance_minutes = EXCLUDED.instance_minutes,
  busy_instance_minutes = EXCLUDED.busy_instance_minutes,
  utilization_instance_minutes = EXCLUDED.utilization_instance_minutes, requests = EXCLUDED.requests,
  request_minutes = EXCLUDED.request_minutes, units = EXCLUDED.units, unit_minutes = EXCLUDED.unit_minutes,
  latency_requests = EXCLUDED.latency_requests,
  p50_ms_x_requests = EXCLUDED.p50_ms_x_requests, p95_ms_x_requests = EXCLUDED.p95_ms_x_requests,
  p99_ms_x_requests = EXCLUDED.p99_ms_x_requests, p99_ms_max = EXCLUDED.p99_ms_max,
  reserved_instance_minutes = EXCLUDED.reserved_instance_minutes, spend_usd = EXCLUDED.spend_usd,
  idle_reserved_usd = EXCLUDED.idle_reserved_usd, slo_breach_minutes = EXCLUDED.slo_breach_minutes,
  latency_histogram = EXCLUDED.latency_histogram`;

/**
 * A minute "has latency" when its three percentiles and its request count are all present: only
 * such minutes add to the request-weighted latency sums and to their denominator latency_requests.
 */
export const HAS_LATENCY_SQL = (t: string) =>
  `${t}.latency_p50_ms IS NOT NULL AND ${t}.latency_p95_ms IS NOT NULL AND ${t}.latency_p99_ms IS NOT NULL AND ${t}.requests IS NOT NULL`;

// Rebuilds telemetry_hourly for the given series and [from, to) from telemetry_minute. Sums are
// taken in float8 (the minute table stores measurements as real to halve its size). Null fields
// add to no sum and to no denominator: each sum has its own count of the minutes it covers.
const SQL = `
INSERT INTO telemetry_hourly ${HOURLY_COLUMNS}
SELECT t.series_id, date_trunc('hour', t.ts), count(*)::int,
  sum(t.instances::float8),
  coalesce(sum(t.instances::float8 * t.utilization_pct::float8 / 100), 0),
  coalesce(sum(t.instances::float8) FILTER (WHERE t.utilization_pct IS NOT NULL), 0),
  coalesce(sum(t.requests::float8), 0), count(t.requests)::int,
  coalesce(sum(t.units), 0), count(t.units)::int,
  coalesce(sum(t.requests::float8) FILTER (WHERE ${HAS_LATENCY_SQL("t")}), 0),
  coalesce(sum(t.latency_p50_ms::float8 * t.requests::float8) FILTER (WHERE ${HAS_LATENCY_SQL("t")}), 0),
  coalesce(sum(t.latency_p95_ms::float8 * t.requests::float8) FILTER (WHERE ${HAS_LATENCY_SQL("t")}), 0),
  coalesce(sum(t.latency_p99_ms::float8 * t.requests::float8) FILTER (WHERE ${HAS_LATENCY_SQL("t")}), 0),
  max(t.latency_p99_ms),
  sum(t.reserved_instances::float8), sum(t.spend_usd), sum(t.idle_reserved_usd),
  (count(*) FILTER (WHERE ${HAS_LATENCY_SQL("t")} AND t.requests > 0 AND t.latency_p95_ms > m."sloP95Ms"))::int,
  latency_histogram_sparse(${sumHistogramSql("t.latency_histogram")})
FROM telemetry_minute t
JOIN "PoolModel" pm ON pm.id = t.series_id
JOIN "Model" m ON m.id = pm."modelId"
WHERE t.ts >= $1 AND t.ts < $2 AND t.series_id = ANY($3::int[])
GROUP BY t.series_id, date_trunc('hour', t.ts)
${HOURLY_UPSERT}`;

/** Must run inside the transaction that wrote the minutes (SET LOCAL ends with it). */
export async function refreshHourlyRollups(client: pg.PoolClient, args: { seriesIds: number[]; from: Date; to: Date }) {
  const hourMs = 3_600_000;
  const from = new Date(Math.floor(args.from.getTime() / hourMs) * hourMs);
  const to = new Date(Math.ceil(args.to.getTime() / hourMs) * hourMs);
  // The minutes were written in this transaction, past what the planner's statistics know: it
  // estimates one row and joins by nested loops, re-scanning PoolModel and Model per minute
  // (2.4 s for a 60k-row chunk in the benchmark). The rollup always aggregates a bulk of rows, for
  // which hash/merge joins are right (0.23 s).
  await client.query("SET LOCAL enable_nestloop = off");
  await client.query(SQL, [from, to, args.seriesIds]);
}
