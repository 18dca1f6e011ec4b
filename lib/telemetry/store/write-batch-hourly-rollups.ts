import "server-only";
import type pg from "pg";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";
import { LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import { sparseHistogramLiteral } from "@/lib/telemetry/sparse-histogram";
import type { MinuteCosts } from "./encode-copy-binary";
import { HOURLY_COLUMNS, HOURLY_UPSERT } from "./refresh-hourly-rollups";

// The hourly rollups of a batch that holds every row its hours will have (the bulk load of a day
// that had no partition), summed here instead of re-read from telemetry_minute: that re-read and
// its aggregation cost PostgreSQL ~1.1 s per benchmark day, as much as storing the day itself.
// Same sums as refreshHourlyRollups' SQL: measurements are rounded to float4 first (Math.fround),
// because that is what the minute table stores and the SQL sums. Only the order of addition
// differs, so figures agree to the last few bits (tests/telemetry/bulk-load-days.test.ts).
const HOUR_MS = 3_600_000;
/** Series per hour in a numeric map key (hours since the epoch × this + series id, exact below 2^53). */
const SERIES_KEY_SPACE = 1_048_576;

type Hour = {
  seriesId: number;
  hour: number;
  minutes: number;
  instanceMinutes: number;
  busyInstanceMinutes: number;
  utilizationInstanceMinutes: number;
  requests: number;
  requestMinutes: number;
  units: number;
  unitMinutes: number;
  latencyRequests: number;
  p50: number;
  p95: number;
  p99: number;
  p99Max: number | null;
  reservedInstanceMinutes: number;
  spendUsd: number;
  idleReservedUsd: number;
  sloBreachMinutes: number;
  latencyHistogram: Float64Array;
};

export function sumBatchHours(
  points: TelemetryMinutePoint[],
  costs: MinuteCosts,
  histograms: Float32Array,
  sloP95MsBySeries: Map<number, number>,
): Hour[] {
  const hours = new Map<number, Hour>();
  points.forEach((p, i) => {
    const hour = Math.floor(p.ts.getTime() / HOUR_MS) * HOUR_MS;
    if (p.seriesId >= SERIES_KEY_SPACE) throw new Error(`series id ${p.seriesId} is beyond the rollup key space`);
    const key = (hour / HOUR_MS) * SERIES_KEY_SPACE + p.seriesId;
    let h = hours.get(key);
    if (!h) {
      h = {
        seriesId: p.seriesId,
        hour,
        minutes: 0,
        instanceMinutes: 0,
        busyInstanceMinutes: 0,
        utilizationInstanceMinutes: 0,
        requests: 0,
        requestMinutes: 0,
        units: 0,
        unitMinutes: 0,
        latencyRequests: 0,
        p50: 0,
        p95: 0,
        p99: 0,
        p99Max: null,
        reservedInstanceMinutes: 0,
        spendUsd: 0,
        idleReservedUsd: 0,
        sloBreachMinutes: 0,
        latencyHistogram: new Float64Array(LATENCY_BUCKETS),
      };
      hours.set(key, h);
    }
    const slo = sloP95MsBySeries.get(p.seriesId);
    if (slo === undefined) throw new Error(`telemetry for unknown series ${p.seriesId}`);
    // Null fields add to no sum and no denominator, as in refreshHourlyRollups' SQL.
    const instances = Math.fround(p.instances);
    h.minutes += 1;
    h.instanceMinutes += instances;
    if (p.utilizationPct !== null) {
      h.busyInstanceMinutes += (instances * Math.fround(p.utilizationPct)) / 100;
      h.utilizationInstanceMinutes += instances;
    }
    if (p.requests !== null) {
      h.requests += Math.fround(p.requests);
      h.requestMinutes += 1;
    }
    if (p.units !== null) {
      h.units += p.units;
      h.unitMinutes += 1;
    }
    if (p.latencyP50Ms !== null && p.latencyP95Ms !== null && p.latencyP99Ms !== null && p.requests !== null) {
      const requests = Math.fround(p.requests);
      const p95 = Math.fround(p.latencyP95Ms);
      const p99 = Math.fround(p.latencyP99Ms);
      h.latencyRequests += requests;
      h.p50 += Math.fround(p.latencyP50Ms) * requests;
      h.p95 += p95 * requests;
      h.p99 += p99 * requests;
      h.p99Max = Math.max(h.p99Max ?? -Infinity, p99);
      if (requests > 0 && isOverSlo(p95, slo)) h.sloBreachMinutes += 1;
    }
    h.reservedInstanceMinutes += Math.fround(costs.reservedInstances[i]!);
    h.spendUsd += costs.spendUsd[i]!;
    h.idleReservedUsd += costs.idleReservedUsd[i]!;
    // Already float4 values (a Float32Array), as the minute table stores them.
    for (let k = 0, at = i * LATENCY_BUCKETS; k < LATENCY_BUCKETS; k++) h.latencyHistogram[k]! += histograms[at + k]!;
  });
  return [...hours.values()];
}

// One JSON parameter of records named by column, rather than fifteen parallel arrays. Numbers
// survive exactly (JSON.stringify writes the shortest text that reads back as the same double). A
// benchmark day's 6,000 hours take ~0.27 s to insert, about half of it each row's foreign-key check.
const INSERT_SQL = `
INSERT INTO telemetry_hourly ${HOURLY_COLUMNS}
SELECT * FROM json_to_recordset($1::json) AS h(series_id int, hour timestamptz, minutes int, instance_minutes float8,
  busy_instance_minutes float8, utilization_instance_minutes float8, requests float8, request_minutes int,
  units float8, unit_minutes int, latency_requests float8, p50_ms_x_requests float8, p95_ms_x_requests float8,
  p99_ms_x_requests float8, p99_ms_max real, reserved_instance_minutes float8, spend_usd float8, idle_reserved_usd float8,
  slo_breach_minutes int, latency_histogram float8[])
${HOURLY_UPSERT}`;

/** Writes the batch's hourly rollups; run in the transaction that stores the batch. */
export async function writeBatchHourlyRollups(
  client: pg.PoolClient,
  points: TelemetryMinutePoint[],
  costs: MinuteCosts,
  histograms: Float32Array,
): Promise<void> {
  const { rows } = await client.query<{ id: number; slo: number }>(
    `SELECT pm.id, m."sloP95Ms" AS slo FROM "PoolModel" pm JOIN "Model" m ON m.id = pm."modelId" WHERE pm.id = ANY($1::int[])`,
    [[...new Set(points.map((p) => p.seriesId))]],
  );
  const hours = sumBatchHours(points, costs, histograms, new Map(rows.map((r) => [r.id, r.slo])));
  const json = JSON.stringify(
    hours.map((h) => ({
      series_id: h.seriesId,
      hour: new Date(h.hour).toISOString(),
      minutes: h.minutes,
      instance_minutes: h.instanceMinutes,
      busy_instance_minutes: h.busyInstanceMinutes,
      utilization_instance_minutes: h.utilizationInstanceMinutes,
      requests: h.requests,
      request_minutes: h.requestMinutes,
      units: h.units,
      unit_minutes: h.unitMinutes,
      latency_requests: h.latencyRequests,
      p50_ms_x_requests: h.p50,
      p95_ms_x_requests: h.p95,
      p99_ms_x_requests: h.p99,
      p99_ms_max: h.p99Max,
      reserved_instance_minutes: h.reservedInstanceMinutes,
      spend_usd: h.spendUsd,
      idle_reserved_usd: h.idleReservedUsd,
      slo_breach_minutes: h.sloBreachMinutes,
      latency_histogram: sparseHistogramLiteral(h.latencyHistogram),
    })),
  );
  await client.query(INSERT_SQL, [json]);
}
