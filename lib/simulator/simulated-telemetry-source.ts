import { getPool } from "@/lib/db";
import {
  MINUTE_MS,
  type FetchMinutesResult,
  type SeriesRef,
  type TelemetryMinutePoint,
  type TelemetrySource,
} from "@/lib/telemetry/types";
import { SIM_POOLS, type SimPool } from "./pools";
import { simulateMinute } from "./simulate-minute";

// The simulated fleet as a telemetry source. Instances in service at each minute come from the
// simulated fleet provider's instances (in service from readyAt until terminatedAt), so launches
// and drains show in the charts, and a backfill after downtime replays them at the right minutes.
export function createSimulatedTelemetrySource(opts: { seed: number; pools?: SimPool[] }): TelemetrySource {
  const poolsById = new Map((opts.pools ?? SIM_POOLS).map((p) => [p.id, p]));
  return {
    name: "simulated",
    async fetchMinutes({ series, from, to }): Promise<FetchMinutesResult> {
      const inService = await instancesInService(series, from, to);
      // A pool added outside the simulated catalog has no simulated traffic.
      const simulated = series.flatMap((s) => {
        const pool = poolsById.get(s.poolId);
        return pool ? [{ series: s, pool }] : [];
      });
      const points: TelemetryMinutePoint[] = [];
      for (let t = from.getTime(); t < to.getTime(); t += MINUTE_MS) {
        const minute = t / MINUTE_MS;
        // A backfill simulates the next chunk while the store writes the current one: yielding
        // each simulated hour lets that write send its next statement (rollups, COMMIT) without
        // waiting for the whole day to be simulated.
        if (minute % 60 === 0 && t > from.getTime()) await new Promise((resolve) => setImmediate(resolve));
        const ts = new Date(t);
        for (const { series: s, pool } of simulated) {
          const p = simulateMinute({ seed: opts.seed, pool, minute, instances: inService(s, t) });
          points.push({
            seriesId: s.seriesId,
            poolId: s.poolId,
            ts,
            utilizationPct: p.utilizationPct,
            latencyP50Ms: p.latencyP50Ms,
            latencyP95Ms: p.latencyP95Ms,
            latencyP99Ms: p.latencyP99Ms,
            requests: p.requests,
            units: p.units,
            instances: p.instances,
          });
        }
      }
      return { points };
    },
  };
}

/** A function giving a series' instances in service at a time, from the simulated instances. */
async function instancesInService(
  series: SeriesRef[],
  from: Date,
  to: Date,
): Promise<(s: SeriesRef, t: number) => number> {
  // Plain SQL with times as epoch milliseconds: a backfill asks this once per chunk, for every
  // instance of the fleet (5,000 in the benchmark), and decoding those rows through Prisma cost
  // more CPU than simulating the chunk's minutes.
  const { rows } = await getPool().query<{ poolId: string; readyMs: number; terminatedMs: number | null }>(
    `SELECT "poolId", (extract(epoch FROM "readyAt") * 1000)::float8 AS "readyMs",
            (extract(epoch FROM "terminatedAt") * 1000)::float8 AS "terminatedMs"
     FROM "SimulatedInstance"
     WHERE "poolId" = ANY($1::text[]) AND "readyAt" < $2 AND ("terminatedAt" IS NULL OR "terminatedAt" > $3)`,
    [[...new Set(series.map((s) => s.poolId))], to, from],
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
  const seriesPerPool = new Map<string, number>();
  for (const s of series) seriesPerPool.set(s.poolId, (seriesPerPool.get(s.poolId) ?? 0) + 1);
  return (s, t) => {
    const pool = byPool.get(s.poolId);
    const n = pool ? countAtOrBefore(pool.starts, t) - countAtOrBefore(pool.ends, t) : 0;
    // A pool serving several models shares its instances between them.
    return n / (seriesPerPool.get(s.poolId) ?? 1);
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
