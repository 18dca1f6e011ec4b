import { MINUTE_MS, floorTo, type SeriesRef, type TelemetryMinutePoint } from "@/lib/telemetry/types";
import type { PlannedQuery, PointField } from "./build-minute-queries";
import type { MetricSeries } from "./fetch-metric-data";

// GetMetricData results → one point per series and minute. The store's unit is the minute (cost
// and hourly rollups count rows as minutes), so a coarser period (300 s / 3600 s for old data) is
// spread over its minutes: counters (requests, units) divided evenly, gauges repeated. Writing one
// row per period instead would undercount spend and instance-minutes by the period's length.
const COUNTERS: ReadonlySet<PointField> = new Set(["requests", "units"]);
const GAUGES_FROM_POOL = ["utilizationPct", "instances"] as const;

type Fields = Partial<Record<PointField, number>>;

function fillPoolGauges(minutes: Array<[number, Fields]>, s: SeriesRef): void {
  // Node metrics and application metrics arrive on their own schedules: a minute with requests but
  // no utilization yet takes the nearest earlier value, else the nearest later one.
  for (const field of GAUGES_FROM_POOL) {
    const fallback = field === "instances" ? s.desiredCapacity : 0;
    let last: number | undefined;
    const firstKnown = minutes.find(([, f]) => f[field] !== undefined)?.[1][field];
    for (const [, f] of minutes) {
      if (f[field] !== undefined) last = f[field];
      else f[field] = last ?? firstKnown ?? fallback;
    }
  }
}

/** Minutes in [from, to) where any metric of the series reported, ascending per series. */
export function mapMinutePoints(args: {
  series: SeriesRef[];
  queries: PlannedQuery[];
  data: Map<string, MetricSeries>;
  from: Date;
  to: Date;
  periodSeconds: number;
}): TelemetryMinutePoint[] {
  const fromMs = args.from.getTime();
  const toMs = args.to.getTime();
  const periodMs = args.periodSeconds * 1000;
  const minutesPerPeriod = args.periodSeconds / 60;
  const bySeries = new Map<number, Map<number, Fields>>();
  for (const q of args.queries) {
    const d = args.data.get(q.query.Id ?? "");
    if (!d) continue;
    d.timestamps.forEach((t, i) => {
      const raw = d.values[i]!;
      const value = COUNTERS.has(q.field) ? raw / minutesPerPeriod : raw;
      const start = floorTo(t.getTime(), MINUTE_MS);
      for (let m = Math.max(start, fromMs); m < Math.min(start + periodMs, toMs); m += MINUTE_MS) {
        for (const seriesId of q.seriesIds) {
          let minutes = bySeries.get(seriesId);
          if (!minutes) bySeries.set(seriesId, (minutes = new Map()));
          const fields = minutes.get(m) ?? {};
          fields[q.field] = value;
          minutes.set(m, fields);
        }
      }
    });
  }
  // A pool's instance counts are the pool's (GroupInServiceInstances, GroupTotalInstances, desired
  // capacity), given to each series it serves: shared between them, as the simulated fleet does, so
  // a pool serving two models is billed once, not twice.
  const seriesPerPool = new Map<string, number>();
  for (const s of args.series) seriesPerPool.set(s.poolId, (seriesPerPool.get(s.poolId) ?? 0) + 1);
  const points: TelemetryMinutePoint[] = [];
  for (const s of args.series) {
    const share = 1 / (seriesPerPool.get(s.poolId) ?? 1);
    const minutes = [...(bySeries.get(s.seriesId)?.entries() ?? [])].sort(([a], [b]) => a - b);
    fillPoolGauges(minutes, s);
    for (const [m, f] of minutes) {
      points.push({
        seriesId: s.seriesId,
        poolId: s.poolId,
        ts: new Date(m),
        utilizationPct: f.utilizationPct ?? 0,
        latencyP50Ms: f.latencyP50Ms ?? 0,
        latencyP95Ms: f.latencyP95Ms ?? 0,
        latencyP99Ms: f.latencyP99Ms ?? 0,
        requests: f.requests ?? 0,
        units: f.units ?? 0,
        instances: (f.instances ?? s.desiredCapacity) * share,
        // No GroupTotalInstances datapoint (or not an ASG): priced on the instances in service.
        ...(f.billedInstances !== undefined ? { billedInstances: f.billedInstances * share } : {}),
      });
    }
  }
  return points;
}
