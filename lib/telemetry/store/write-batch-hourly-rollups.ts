import "server-only";
import type pg from "pg";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";
import type { MinuteCosts } from "./encode-copy-binary";
import { HOURLY_COLUMNS, HOURLY_UPSERT } from "./refresh-hourly-rollups";

// The hourly rollups of a batch that holds every row its hours will have (the bulk load of a day
// that had no partition), summed here instead of re-read from telemetry_minute: that re-read and
// its aggregation cost PostgreSQL ~1.1 s per benchmark day, as much as storing the day itself.
// Same sums as refreshHourlyRollups' SQL: measurements are rounded to float4 first (Math.fround),
// because that is what the minute table stores and the SQL sums. Only the order of addition
// differs, so figures agree to the last few bits (tests/telemetry/bulk-load-days.test.ts).
const HOUR_MS = 3_600_000;

type Hour = {
  seriesId: number; hour: number; minutes: number; instanceMinutes: number; busyInstanceMinutes: number;
  requests: number; units: number; p50: number; p95: number; p99: number; p99Max: number;
  reservedInstanceMinutes: number; spendUsd: number; idleReservedUsd: number; sloBreachMinutes: number;
};

export function sumBatchHours(points: TelemetryMinutePoint[], costs: MinuteCosts, sloP95MsBySeries: Map<number, number>): Hour[] {
  const hours = new Map<number, Hour>();
  points.forEach((p, i) => {
    const hour = Math.floor(p.ts.getTime() / HOUR_MS) * HOUR_MS;
    const key = (hour / HOUR_MS) * 1_048_576 + p.seriesId; // series ids stay far below 2^20
    let h = hours.get(key);
    if (!h) {
      h = { seriesId: p.seriesId, hour, minutes: 0, instanceMinutes: 0, busyInstanceMinutes: 0, requests: 0, units: 0, p50: 0, p95: 0, p99: 0,
        p99Max: -Infinity, reservedInstanceMinutes: 0, spendUsd: 0, idleReservedUsd: 0, sloBreachMinutes: 0 };
      hours.set(key, h);
    }
    const instances = Math.fround(p.instances);
    const requests = Math.fround(p.requests);
    const p95 = Math.fround(p.latencyP95Ms);
    const p99 = Math.fround(p.latencyP99Ms);
    h.minutes += 1;
    h.instanceMinutes += instances;
    h.busyInstanceMinutes += (instances * Math.fround(p.utilizationPct)) / 100;
    h.requests += requests;
    h.units += p.units;
    h.p50 += Math.fround(p.latencyP50Ms) * requests;
    h.p95 += p95 * requests;
    h.p99 += p99 * requests;
    h.p99Max = Math.max(h.p99Max, p99);
    h.reservedInstanceMinutes += Math.fround(costs.reservedInstances[i]!);
    h.spendUsd += costs.spendUsd[i]!;
    h.idleReservedUsd += costs.idleReservedUsd[i]!;
    const slo = sloP95MsBySeries.get(p.seriesId);
    if (slo === undefined) throw new Error(`telemetry for unknown series ${p.seriesId}`);
    if (requests > 0 && p95 > slo) h.sloBreachMinutes += 1;
  });
  return [...hours.values()];
}

const INSERT_SQL = `
INSERT INTO telemetry_hourly ${HOURLY_COLUMNS}
SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::int[], $4::float8[], $5::float8[], $6::float8[], $7::float8[],
  $8::float8[], $9::float8[], $10::float8[], $11::real[], $12::float8[], $13::float8[], $14::float8[], $15::int[])
${HOURLY_UPSERT}`;

/** Writes the batch's hourly rollups; run in the transaction that stores the batch. */
export async function writeBatchHourlyRollups(client: pg.PoolClient, points: TelemetryMinutePoint[], costs: MinuteCosts): Promise<void> {
  const { rows } = await client.query<{ id: number; slo: number }>(
    `SELECT pm.id, m."sloP95Ms" AS slo FROM "PoolModel" pm JOIN "Model" m ON m.id = pm."modelId" WHERE pm.id = ANY($1::int[])`,
    [[...new Set(points.map((p) => p.seriesId))]],
  );
  const hours = sumBatchHours(points, costs, new Map(rows.map((r) => [r.id, r.slo])));
  const column = <K extends keyof Hour>(k: K) => hours.map((h) => h[k]);
  await client.query(INSERT_SQL, [
    column("seriesId"), hours.map((h) => new Date(h.hour)), column("minutes"), column("instanceMinutes"),
    column("busyInstanceMinutes"), column("requests"), column("units"), column("p50"), column("p95"), column("p99"),
    column("p99Max"), column("reservedInstanceMinutes"), column("spendUsd"), column("idleReservedUsd"), column("sloBreachMinutes"),
  ]);
}
