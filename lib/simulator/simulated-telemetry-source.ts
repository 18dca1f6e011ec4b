import { getPrisma } from "@/lib/db";
import { MINUTE_MS, type FetchMinutesResult, type SeriesRef, type TelemetryMinutePoint, type TelemetrySource } from "@/lib/telemetry/types";
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
      const points: TelemetryMinutePoint[] = [];
      for (let t = from.getTime(); t < to.getTime(); t += MINUTE_MS) {
        const minute = t / MINUTE_MS;
        const ts = new Date(t);
        for (const s of series) {
          const pool = poolsById.get(s.poolId);
          if (!pool) continue; // a pool added outside the simulated catalog has no simulated traffic
          const point = simulateMinute({ seed: opts.seed, pool, minute, instances: inService(s, t) });
          points.push({ seriesId: s.seriesId, poolId: s.poolId, ts, ...point });
        }
      }
      return { points };
    },
  };
}

/** A function giving a series' instances in service at a time, from the simulated instances. */
async function instancesInService(series: SeriesRef[], from: Date, to: Date): Promise<(s: SeriesRef, t: number) => number> {
  const rows = await getPrisma().simulatedInstance.findMany({
    where: { poolId: { in: [...new Set(series.map((s) => s.poolId))] }, readyAt: { lt: to }, OR: [{ terminatedAt: null }, { terminatedAt: { gt: from } }] },
    select: { poolId: true, readyAt: true, terminatedAt: true },
  });
  const byPool = new Map<string, Array<[number, number]>>();
  for (const r of rows) {
    const list = byPool.get(r.poolId) ?? [];
    list.push([r.readyAt.getTime(), r.terminatedAt?.getTime() ?? Infinity]);
    byPool.set(r.poolId, list);
  }
  const seriesPerPool = new Map<string, number>();
  for (const s of series) seriesPerPool.set(s.poolId, (seriesPerPool.get(s.poolId) ?? 0) + 1);
  return (s, t) => {
    const intervals = byPool.get(s.poolId) ?? [];
    let n = 0;
    for (const [start, end] of intervals) if (start <= t && t < end) n++;
    // A pool serving several models shares its instances between them.
    return n / (seriesPerPool.get(s.poolId) ?? 1);
  };
}
