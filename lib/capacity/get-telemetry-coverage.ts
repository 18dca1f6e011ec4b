import "server-only";
import { getPool } from "@/lib/db";
import type { TelemetryWindow } from "@/lib/read-model/telemetry-windows";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { TTelemetryCoverage } from "./review-dto";
import { telemetryCoverage } from "./telemetry-coverage";

/**
 * The review window's telemetry coverage (definition in telemetry-coverage.ts), from the stored
 * rows. Raw SQL: each series' first stored minute is one index probe on telemetry_hourly's
 * (series_id, hour) key, then, only when that hour falls inside the window, one on its minute rows;
 * Prisma cannot express the lateral probes.
 */
export async function getTelemetryCoverage({ window }: { window: TelemetryWindow }): Promise<TTelemetryCoverage> {
  const [starts, sums] = await Promise.all([
    getPool().query<{ key: string; createdAt: Date; retiredAt: Date | null; firstAt: Date | null }>(
      `SELECT pm."modelId" || '|' || pm."poolId" AS key, p."createdAt", p."retiredAt",
         coalesce(
           (SELECT min(m.ts) FROM telemetry_minute m
             WHERE f.hour >= $1 AND m.series_id = pm.id AND m.ts >= f.hour AND m.ts < f.hour + interval '1 hour'),
           f.hour) AS "firstAt"
       FROM "PoolModel" pm
       JOIN "Pool" p ON p.id = pm."poolId"
       LEFT JOIN LATERAL (SELECT h.hour FROM telemetry_hourly h WHERE h.series_id = pm.id ORDER BY h.hour LIMIT 1) f
         ON true`,
      [window.from],
    ),
    queryTelemetrySums({ range: window, groupBy: "modelPool", bucketed: false }),
  ]);
  const present = new Map(sums.map((s) => [s.key, s.seriesMinutes]));
  return telemetryCoverage({
    from: window.from,
    to: window.to,
    series: starts.rows.map((r) => ({
      key: r.key,
      startAt: r.firstAt ?? r.createdAt,
      stopAt: r.retiredAt,
      presentMinutes: present.get(r.key) ?? 0,
    })),
  });
}
