import { getPool } from "@/lib/db";

/**
 * A function giving a pool's instances in service at a time (epoch ms), from the simulated
 * provider's instances: in service from readyAt until terminatedAt. Shared by the simulated
 * telemetry and reservation sources, so both tell the same story.
 */
export async function loadPoolInService(args: {
  poolIds: string[];
  from: Date;
  to: Date;
}): Promise<(poolId: string, t: number) => number> {
  // Plain SQL with times as epoch milliseconds: a backfill asks this once per chunk, for every
  // instance of the fleet (5,000 in the benchmark), and decoding those rows through Prisma cost
  // more CPU than simulating the chunk's minutes.
  const { rows } = await getPool().query<{ poolId: string; readyMs: number; terminatedMs: number | null }>(
    `SELECT "poolId", (extract(epoch FROM "readyAt") * 1000)::float8 AS "readyMs",
            (extract(epoch FROM "terminatedAt") * 1000)::float8 AS "terminatedMs"
     FROM "SimulatedInstance"
     WHERE "poolId" = ANY($1::text[]) AND "readyAt" < $2 AND ("terminatedAt" IS NULL OR "terminatedAt" > $3)`,
    [[...new Set(args.poolIds)], args.to, args.from],
  );
  // Sorted start and end times per pool, so a lookup is two binary searches rather than a scan of
  // every instance of the pool for every minute. An instance terminated before it was ready is
  // never in service; for all others, in service at t = started by t − ended by t.
  const byPool = new Map<string, { starts: number[]; ends: number[] }>();
  for (const r of rows) {
    const start = r.readyMs;
    const end = r.terminatedMs ?? Infinity;
    if (end <= start) continue;
    let pool = byPool.get(r.poolId);
    if (!pool) byPool.set(r.poolId, (pool = { starts: [], ends: [] }));
    pool.starts.push(start);
    pool.ends.push(end);
  }
  for (const pool of byPool.values()) {
    pool.starts.sort((a, b) => a - b);
    pool.ends.sort((a, b) => a - b);
  }
  return (poolId, t) => {
    const pool = byPool.get(poolId);
    return pool ? countAtOrBefore(pool.starts, t) - countAtOrBefore(pool.ends, t) : 0;
  };
}

/** How many of the ascending `sorted` are ≤ t. */
function countAtOrBefore(sorted: number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
