import "server-only";
import { getPool } from "@/lib/db";
import { computePoolMinuteCost } from "@/lib/cost/pool-minute-cost";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";
import { loadPoolPricing } from "./load-pool-pricing";
import { refreshHourlyRollups } from "./refresh-hourly-rollups";

// The single write path for telemetry, used by every source. Idempotent: rows are upserted by
// (series, minute), the affected hourly rollups are rebuilt from the minute rows, and the source's
// watermark only moves forward, all in one transaction.
const BATCH_ROWS = 5_000;

const UPSERT_SQL = `
INSERT INTO telemetry_minute (series_id, ts, utilization_pct, latency_p50_ms, latency_p95_ms, latency_p99_ms,
  requests, units, instances, reserved_instances, spend_usd, idle_reserved_usd)
SELECT s, to_timestamp(t), u, p50, p95, p99, r, un, i, ri, sp, idle
FROM unnest($1::int[], $2::float8[], $3::real[], $4::real[], $5::real[], $6::real[], $7::real[], $8::float8[],
            $9::real[], $10::real[], $11::float8[], $12::float8[])
  AS x(s, t, u, p50, p95, p99, r, un, i, ri, sp, idle)
ON CONFLICT (series_id, ts) DO UPDATE SET
  utilization_pct = EXCLUDED.utilization_pct, latency_p50_ms = EXCLUDED.latency_p50_ms,
  latency_p95_ms = EXCLUDED.latency_p95_ms, latency_p99_ms = EXCLUDED.latency_p99_ms,
  requests = EXCLUDED.requests, units = EXCLUDED.units, instances = EXCLUDED.instances,
  reserved_instances = EXCLUDED.reserved_instances, spend_usd = EXCLUDED.spend_usd,
  idle_reserved_usd = EXCLUDED.idle_reserved_usd`;

type CostedPoint = TelemetryMinutePoint & { reservedInstances: number; spendUsd: number; idleReservedUsd: number };

async function applyCost(points: TelemetryMinutePoint[]): Promise<CostedPoint[]> {
  const pricing = await loadPoolPricing([...new Set(points.map((p) => p.poolId))]);
  const byPoolMinute = new Map<string, TelemetryMinutePoint[]>();
  for (const p of points) {
    const key = `${p.poolId}|${p.ts.getTime()}`;
    const group = byPoolMinute.get(key);
    if (group) group.push(p);
    else byPoolMinute.set(key, [p]);
  }
  const costed: CostedPoint[] = [];
  for (const group of byPoolMinute.values()) {
    const first = group[0]!;
    const poolPricing = pricing.get(first.poolId);
    if (!poolPricing) throw new Error(`telemetry for unknown pool ${first.poolId}`);
    const costs = computePoolMinuteCost({ pricing: poolPricing, at: first.ts, instancesBySeries: group.map((p) => p.instances) });
    group.forEach((p, i) => costed.push({ ...p, ...costs[i]! }));
  }
  // Time-ordered inserts keep the BRIN index on ts tight.
  return costed.sort((a, b) => a.ts.getTime() - b.ts.getTime() || a.seriesId - b.seriesId);
}

export async function writeMinutePoints(args: { source: string; points: TelemetryMinutePoint[] }): Promise<{ written: number }> {
  if (args.points.length === 0) return { written: 0 };
  const rows = await applyCost(args.points);
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const batch = rows.slice(i, i + BATCH_ROWS);
      await client.query(UPSERT_SQL, [
        batch.map((p) => p.seriesId),
        batch.map((p) => p.ts.getTime() / 1000),
        batch.map((p) => p.utilizationPct),
        batch.map((p) => p.latencyP50Ms),
        batch.map((p) => p.latencyP95Ms),
        batch.map((p) => p.latencyP99Ms),
        batch.map((p) => p.requests),
        batch.map((p) => p.units),
        batch.map((p) => p.instances),
        batch.map((p) => p.reservedInstances),
        batch.map((p) => p.spendUsd),
        batch.map((p) => p.idleReservedUsd),
      ]);
    }
    const first = rows[0]!.ts;
    const last = rows[rows.length - 1]!.ts;
    await refreshHourlyRollups(client, {
      seriesIds: [...new Set(rows.map((p) => p.seriesId))],
      from: first,
      to: new Date(last.getTime() + 60_000),
    });
    await client.query(
      `INSERT INTO "TelemetrySourceState" (source, "latestMinute", "lastRunAt") VALUES ($1, $2, now())
       ON CONFLICT (source) DO UPDATE SET "latestMinute" = GREATEST("TelemetrySourceState"."latestMinute", EXCLUDED."latestMinute"),
         "lastRunAt" = now()`,
      [args.source, last],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return { written: rows.length };
}
