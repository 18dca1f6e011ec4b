import { MINUTE_MS, type FetchMinutesResult, type TelemetryMinutePoint, type TelemetrySource } from "@/lib/telemetry/types";
import { SIM_POOLS } from "./pools";
import { simulateMinute } from "./simulate-minute";

// The simulated fleet as a telemetry source. Instances in service are the pool's current desired
// capacity, so launches and drains by the simulated fleet provider show up in the next minutes.
export function createSimulatedTelemetrySource(opts: { seed: number }): TelemetrySource {
  const poolsById = new Map(SIM_POOLS.map((p) => [p.id, p]));
  return {
    name: "simulated",
    async fetchMinutes({ series, from, to }): Promise<FetchMinutesResult> {
      const points: TelemetryMinutePoint[] = [];
      for (let t = from.getTime(); t < to.getTime(); t += MINUTE_MS) {
        const minute = t / MINUTE_MS;
        const ts = new Date(t);
        for (const s of series) {
          const pool = poolsById.get(s.poolId);
          if (!pool) continue; // a pool added outside the simulated catalog has no simulated traffic
          const point = simulateMinute({ seed: opts.seed, pool, minute, instances: s.desiredCapacity });
          points.push({ seriesId: s.seriesId, poolId: s.poolId, ts, ...point });
        }
      }
      return { points };
    },
  };
}
