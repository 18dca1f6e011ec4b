import "server-only";
import { loadPoolPricing } from "@/lib/cost/load-pool-pricing";
import { computePoolMinuteCost } from "@/lib/cost/pool-minute-cost";
import { histogramFromPercentiles, LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import { MINUTE_MS, type TelemetryMinutePoint } from "@/lib/telemetry/types";
import type { MinuteCosts } from "./encode-copy-binary";

/**
 * Points ready to store: their costs in parallel arrays (no per-point objects), their latency
 * histograms in one flat array (point i at i × LATENCY_BUCKETS), and the write order.
 */
export type MinuteBatch = {
  points: TelemetryMinutePoint[];
  costs: MinuteCosts;
  histograms: Float32Array;
  order: Uint32Array;
};

/**
 * Each point's latency histogram: the source's, or one built from its percentiles. A minute
 * missing any percentile or its request count has an empty (all-zero) histogram, stored as NULL: no
 * requests with a measured latency, rather than requests at a made-up one.
 */
export function latencyHistograms(points: TelemetryMinutePoint[]): Float32Array {
  const out = new Float32Array(points.length * LATENCY_BUCKETS);
  points.forEach((p, i) => {
    if (p.latencyHistogram) out.set(Array.from(p.latencyHistogram).slice(0, LATENCY_BUCKETS), i * LATENCY_BUCKETS);
    else if (p.latencyP50Ms !== null && p.latencyP95Ms !== null && p.latencyP99Ms !== null && p.requests !== null)
      histogramFromPercentiles(
        { p50Ms: p.latencyP50Ms, p95Ms: p.latencyP95Ms, p99Ms: p.latencyP99Ms, requests: p.requests },
        out,
        i * LATENCY_BUCKETS,
      );
  });
  return out;
}

/**
 * Prices every point: a pool-minute's cost is split between the series (models) it serves, so
 * points are grouped by (pool, minute). The groups are laid out by counting sort (a start offset
 * per group into one array of point indexes) rather than an array per group: this runs for every
 * point, 360,000 times per benchmark day, and is CPU work the backfill overlaps with the write of
 * the previous chunk (run-ingest.ts).
 */
export async function prepareMinuteBatch(points: TelemetryMinutePoint[]): Promise<MinuteBatch> {
  const n = points.length;
  if (n === 0)
    return {
      points,
      costs: {
        reservedInstances: new Float64Array(0),
        spendUsd: new Float64Array(0),
        idleReservedUsd: new Float64Array(0),
      },
      histograms: new Float32Array(0),
      order: new Uint32Array(0),
    };
  // Pool indexes first, then one integer key per (pool, minute) from the batch's first minute. A
  // batch covering its minutes densely (a backfill chunk, a tick) looks keys up in an array;
  // a sparse one (late points scattered over days) in a Map.
  const poolIds: string[] = [];
  const poolIndex = new Map<string, number>();
  const poolOf = new Uint32Array(n);
  let firstMinute = Infinity;
  let lastMinute = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    let pool = poolIndex.get(p.poolId);
    if (pool === undefined) poolIndex.set(p.poolId, (pool = poolIds.push(p.poolId) - 1));
    poolOf[i] = pool;
    const minute = p.ts.getTime() / MINUTE_MS;
    firstMinute = Math.min(firstMinute, minute);
    lastMinute = Math.max(lastMinute, minute);
  }
  const keySpace = (lastMinute - firstMinute + 1) * poolIds.length;
  const groupIndex: IntIndex = keySpace <= 8 * n ? denseIndex(keySpace) : new Map<number, number>();
  const groupOf = new Uint32Array(n);
  const groupSize: number[] = [];
  const groupPool: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = (points[i]!.ts.getTime() / MINUTE_MS - firstMinute) * poolIds.length + poolOf[i]!;
    let g = groupIndex.get(key);
    if (g === undefined) {
      groupIndex.set(key, (g = groupSize.length));
      groupSize.push(0);
      groupPool.push(poolOf[i]!);
    }
    groupOf[i] = g;
    groupSize[g]! += 1;
  }
  const start = new Uint32Array(groupSize.length + 1);
  groupSize.forEach((size, g) => (start[g + 1] = start[g]! + size));
  const members = new Uint32Array(n);
  const filled = start.slice(0, -1);
  for (let i = 0; i < n; i++) members[filled[groupOf[i]!]!++] = i;

  const pricing = await loadPoolPricing(poolIds);
  const costs: MinuteCosts = {
    reservedInstances: new Float64Array(n),
    spendUsd: new Float64Array(n),
    idleReservedUsd: new Float64Array(n),
  };
  for (let g = 0; g < groupSize.length; g++) {
    const poolPricing = pricing.get(poolIds[groupPool[g]!]!);
    if (!poolPricing) throw new Error(`telemetry for unknown pool ${poolIds[groupPool[g]!]}`);
    // Plain loops over the group's slice of `members`: a subarray view and callbacks per group
    // cost more than the pricing itself.
    const first = start[g]!;
    // Priced on billed instances (booting ones included), not on those in service.
    const billedBySeries: number[] = [];
    for (let k = first; k < start[g + 1]!; k++) {
      const p = points[members[k]!]!;
      billedBySeries.push(p.billedInstances ?? p.instances);
    }
    const split = computePoolMinuteCost({ pricing: poolPricing, at: points[members[first]!]!.ts, billedBySeries });
    for (let k = first; k < start[g + 1]!; k++) {
      const i = members[k]!;
      const cost = split[k - first]!;
      costs.reservedInstances[i] = cost.reservedInstances;
      costs.spendUsd[i] = cost.spendUsd;
      costs.idleReservedUsd[i] = cost.idleReservedUsd;
    }
  }
  // Time-ordered inserts keep the BRIN index on ts tight; sources usually emit in order already.
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const ordered = points.every((p, i) => i === 0 || points[i - 1]!.ts.getTime() <= p.ts.getTime());
  if (!ordered)
    order.sort(
      (a, b) => points[a]!.ts.getTime() - points[b]!.ts.getTime() || points[a]!.seriesId - points[b]!.seriesId,
    );
  return { points, costs, histograms: latencyHistograms(points), order };
}

type IntIndex = { get(key: number): number | undefined; set(key: number, value: number): unknown };

/** An IntIndex over the keys [0, size) in one typed array (values must be ≥ 0). */
function denseIndex(size: number): IntIndex {
  const slots = new Int32Array(size).fill(-1);
  return {
    get: (key) => (slots[key]! < 0 ? undefined : slots[key]),
    set: (key, value) => (slots[key] = value),
  };
}
