import "server-only";
import { getPool } from "@/lib/db";
import type { TMeasuredReservationUse } from "./capacity-dto";

/**
 * Each reservation's use as its source measured it (reservation_usage_5m: AWS/EC2CapacityReservations
 * or the simulated fleet): the latest period with a used count, and over [from, to) the average
 * used instances and the utilization (Σ used / Σ total) of the periods that have them. Periods
 * without a datapoint are left out of both and counted as missing. Raw SQL: FILTERed aggregates
 * and DISTINCT ON in one round trip each, which Prisma's groupBy cannot express.
 */
export async function getMeasuredReservationUse(args: {
  reservationIds: string[];
  from: Date;
  to: Date;
}): Promise<Map<string, TMeasuredReservationUse>> {
  const { reservationIds, from, to } = args;
  if (reservationIds.length === 0) return new Map();
  const pool = getPool();
  const [latest, inRange] = await Promise.all([
    pool.query<{ id: string; ts: Date; used: number; total: number | null }>(
      `SELECT DISTINCT ON (reservation_id) reservation_id AS id, ts, used_instances AS used, total_instances AS total
       FROM reservation_usage_5m WHERE reservation_id = ANY($1::text[]) AND used_instances IS NOT NULL
       ORDER BY reservation_id, ts DESC`,
      [reservationIds],
    ),
    pool.query<{ id: string; periods: number; missing: number; avg_used: number | null; used: number; total: number }>(
      `SELECT reservation_id AS id, count(*)::int AS periods,
              count(*) FILTER (WHERE used_instances IS NULL)::int AS missing,
              avg(used_instances) AS avg_used,
              coalesce(sum(used_instances) FILTER (WHERE total_instances > 0), 0) AS used,
              coalesce(sum(total_instances) FILTER (WHERE used_instances IS NOT NULL AND total_instances > 0), 0) AS total
       FROM reservation_usage_5m WHERE reservation_id = ANY($1::text[]) AND ts >= $2 AND ts < $3
       GROUP BY reservation_id`,
      [reservationIds, from, to],
    ),
  ]);
  const latestById = new Map(latest.rows.map((r) => [r.id, r]));
  const rangeById = new Map(inRange.rows.map((r) => [r.id, r]));
  return new Map(
    reservationIds.map((id) => {
      const l = latestById.get(id);
      const r = rangeById.get(id);
      return [
        id,
        {
          latest: l ? { ts: l.ts.toISOString(), usedInstances: l.used, totalInstances: l.total } : null,
          avgUsedInstances: r?.avg_used ?? null,
          utilizationPct: r && r.total > 0 ? (100 * r.used) / r.total : null,
          periods: r?.periods ?? 0,
          missingPeriods: r?.missing ?? 0,
        },
      ];
    }),
  );
}
