import { getPool } from "@/lib/db";

/** A pool's instance counts at a time (epoch ms). */
export type PoolInstanceCounts = (poolId: string, t: number) => { inService: number; billed: number };

/**
 * A function giving a pool's instances at a time (epoch ms), from the simulated provider's
 * instances. Billed: from launchedAt until terminatedAt, as EC2 bills an instance from launch
 * (pending → running) until it terminates. In service: from readyAt until terminatedAt, so an
 * instance still booting is billed but serves nothing. Shared by the simulated telemetry and
 * reservation sources, so both tell the same story.
 */
export async function loadPoolInstanceCounts(args: {
  poolIds: string[];
  from: Date;
  to: Date;
}): Promise<PoolInstanceCounts> {
  // Plain SQL with times as epoch milliseconds: a backfill asks this once per chunk, for every
  // instance of the fleet (5,000 in the benchmark), and decoding those rows through Prisma cost
  // more CPU than simulating the chunk's minutes.
  const { rows } = await getPool().query<{
    poolId: string;
    launchedMs: number;
    readyMs: number;
    terminatedMs: number | null;
  }>(
    `SELECT "poolId", (extract(epoch FROM "launchedAt") * 1000)::float8 AS "launchedMs",
            (extract(epoch FROM "readyAt") * 1000)::float8 AS "readyMs",
            (extract(epoch FROM "terminatedAt") * 1000)::float8 AS "terminatedMs"
     FROM "SimulatedInstance"
     WHERE "poolId" = ANY($1::text[]) AND "launchedAt" < $2 AND ("terminatedAt" IS NULL OR "terminatedAt" > $3)`,
    [[...new Set(args.poolIds)], args.to, args.from],
  );
  const inService = new Intervals();
  const billed = new Intervals();
  for (const r of rows) {
    const end = r.terminatedMs ?? Infinity;
    billed.add(r.poolId, Math.min(r.launchedMs, r.readyMs), end);
    inService.add(r.poolId, r.readyMs, end);
  }
  inService.sort();
  billed.sort();
  return (poolId, t) => ({ inService: inService.countAt(poolId, t), billed: billed.countAt(poolId, t) });
}

/**
 * Sorted start and end times per pool, so a lookup is two binary searches rather than a scan of
 * every instance of the pool for every minute. An empty interval (terminated before it started)
 * never counts; for all others, the count at t = started by t − ended by t.
 */
class Intervals {
  private readonly byPool = new Map<string, { starts: number[]; ends: number[] }>();

  add(poolId: string, start: number, end: number): void {
    if (end <= start) return;
    let pool = this.byPool.get(poolId);
    if (!pool) this.byPool.set(poolId, (pool = { starts: [], ends: [] }));
    pool.starts.push(start);
    pool.ends.push(end);
  }

  sort(): void {
    for (const pool of this.byPool.values()) {
      pool.starts.sort((a, b) => a - b);
      pool.ends.sort((a, b) => a - b);
    }
  }

  countAt(poolId: string, t: number): number {
    const pool = this.byPool.get(poolId);
    return pool ? countAtOrBefore(pool.starts, t) - countAtOrBefore(pool.ends, t) : 0;
  }
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
