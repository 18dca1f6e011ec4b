import { MINUTE_MS, floorTo, type SeriesRef, type TelemetryMinutePoint } from "@/lib/telemetry/types";
import type { PlannedQuery, PointField } from "./build-minute-queries";
import type { MetricSeries } from "./fetch-metric-data";

// GetMetricData results → one point per series and minute. The store's unit is the minute (cost
// and hourly rollups count rows as minutes), so a datapoint of a coarser period (EC2 basic
// monitoring's 300 s, or 300 s / 3600 s for old data) covers each minute of its period: a gauge
// (utilization, instances) with the same value in each, a counter (requests, units) divided
// evenly. Averages then come out as the period's own: an instance-weighted mean over the five
// minutes of one 5-minute point is that point's value, and a counter's minutes sum to its Sum.
//
// A minute exists when any metric of its series reported for it. A field with no datapoint
// covering the minute is null: never 0, never the previous minute's value. The one exception is
// instances, the billing basis: without GroupInServiceInstances (node groups and NodePools have
// none, or ASG group metrics are off) it is the pool's desired capacity from the inventory.
const COUNTERS: ReadonlySet<PointField> = new Set(["requests", "units"]);

type Fields = Partial<Record<PointField, number>>;

/** Minutes in [from, to) where any metric of the series reported, ascending per series. */
export function mapMinutePoints(args: {
  series: SeriesRef[];
  queries: PlannedQuery[];
  data: Map<string, MetricSeries>;
  from: Date;
  to: Date;
  /**
   * Requests are the latency metric's SampleCount (CLOUDWATCH_REQUESTS_FROM): a minute with no
   * latency sample has no SampleCount datapoint, so a minute whose units Sum is 0 served 0 requests
   * (as a Requests Sum of 0 would say). With units above 0 and no sample, requests stay null.
   */
  requestsFromSamples?: boolean;
}): TelemetryMinutePoint[] {
  const fromMs = args.from.getTime();
  const toMs = args.to.getTime();
  const bySeries = new Map<number, Map<number, Fields>>();
  for (const q of args.queries) {
    const d = args.data.get(q.query.Id ?? "");
    if (!d) continue;
    const periodMs = q.periodSeconds * 1000;
    const minutesPerPeriod = q.periodSeconds / 60;
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
    for (const [m, f] of minutes) {
      points.push({
        seriesId: s.seriesId,
        poolId: s.poolId,
        ts: new Date(m),
        utilizationPct: f.utilizationPct ?? null,
        latencyP50Ms: f.latencyP50Ms ?? null,
        latencyP95Ms: f.latencyP95Ms ?? null,
        latencyP99Ms: f.latencyP99Ms ?? null,
        requests: f.requests ?? (args.requestsFromSamples && f.units === 0 ? 0 : null),
        units: f.units ?? null,
        instances: (f.instances ?? s.desiredCapacity) * share,
        // No GroupTotalInstances datapoint (or not an ASG): priced on the instances in service.
        ...(f.billedInstances !== undefined ? { billedInstances: f.billedInstances * share } : {}),
      });
    }
  }
  return points;
}
