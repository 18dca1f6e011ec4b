import {
  MINUTE_MS,
  type FetchMinutesResult,
  type SeriesRef,
  type TelemetryMinutePoint,
  type TelemetrySource,
} from "@/lib/telemetry/types";
import { loadPoolInstanceCounts } from "./pool-in-service";
import { SIM_POOLS, type SimPool } from "./pools";
import { simulateMinute } from "./simulate-minute";

// The simulated fleet as a telemetry source. Instances at each minute come from the simulated
// fleet provider's instances (billed from launchedAt, in service from readyAt, both until
// terminatedAt), so launches and drains show in the charts and the spend, and a backfill after
// downtime replays them at the right minutes.
export function createSimulatedTelemetrySource(opts: { seed: number; pools?: SimPool[] }): TelemetrySource {
  const poolsById = new Map((opts.pools ?? SIM_POOLS).map((p) => [p.id, p]));
  return {
    name: "simulated",
    async fetchMinutes({ series, from, to }): Promise<FetchMinutesResult> {
      const counts = await seriesInstanceCounts(series, from, to);
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
          const { inService, billed } = counts(s, t);
          const p = simulateMinute({ seed: opts.seed, pool, minute, instances: inService });
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
            billedInstances: billed,
          });
        }
      }
      return { points };
    },
  };
}

/** A function giving a series' instances in service and billed at a time, from the simulated instances. */
async function seriesInstanceCounts(
  series: SeriesRef[],
  from: Date,
  to: Date,
): Promise<(s: SeriesRef, t: number) => { inService: number; billed: number }> {
  const counts = await loadPoolInstanceCounts({ poolIds: series.map((s) => s.poolId), from, to });
  const seriesPerPool = new Map<string, number>();
  for (const s of series) seriesPerPool.set(s.poolId, (seriesPerPool.get(s.poolId) ?? 0) + 1);
  // A pool serving several models shares its instances between them.
  return (s, t) => {
    const c = counts(s.poolId, t);
    const n = seriesPerPool.get(s.poolId) ?? 1;
    return { inService: c.inService / n, billed: c.billed / n };
  };
}
