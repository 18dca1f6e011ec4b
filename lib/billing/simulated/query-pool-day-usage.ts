import "server-only";
import { getPool } from "@/lib/db";

// What the simulated fleet ran per pool and UTC day, split as a bill splits it: instance-minutes
// covered by a reservation, on demand, and reserved-but-unused minutes, with the stored spend and
// idle reserved dollars. Per minute, as lib/cost does: covered = min(I, R) where I = instances in
// service and R = reserved instances (summed over the pool's series; R is rounded to 1e-4 because
// the per-series shares are stored as float4). Raw SQL: a per-minute aggregate before the per-day one.
export type PoolDayUsage = {
  poolId: string;
  day: Date;
  coveredMinutes: number;
  onDemandMinutes: number;
  unusedMinutes: number;
  spendUsd: number;
  idleReservedUsd: number;
};

const SQL = `
  WITH per_minute AS (
    SELECT pm."poolId" AS pool_id, t.ts, sum(t.instances::float8) AS i,
      round(sum(t.reserved_instances::float8)::numeric, 4)::float8 AS r,
      sum(t.spend_usd) AS spend, sum(t.idle_reserved_usd) AS idle
    FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
    WHERE t.ts >= $1 AND t.ts < $2
    GROUP BY 1, 2
  )
  SELECT pool_id AS "poolId", date_bin('1 day', ts, TIMESTAMPTZ 'epoch') AS day,
    sum(least(i, r)) AS "coveredMinutes", sum(i - least(i, r)) AS "onDemandMinutes",
    sum(r - least(i, r)) AS "unusedMinutes", sum(spend) AS "spendUsd", sum(idle) AS "idleReservedUsd"
  FROM per_minute GROUP BY 1, 2 ORDER BY 2, 1`;

export async function queryPoolDayUsage(args: { from: Date; to: Date }): Promise<PoolDayUsage[]> {
  const { rows } = await getPool().query<PoolDayUsage>(SQL, [args.from, args.to]);
  return rows.map((r) => ({
    ...r,
    coveredMinutes: Number(r.coveredMinutes),
    onDemandMinutes: Number(r.onDemandMinutes),
    unusedMinutes: Number(r.unusedMinutes),
    spendUsd: Number(r.spendUsd),
    idleReservedUsd: Number(r.idleReservedUsd),
  }));
}
