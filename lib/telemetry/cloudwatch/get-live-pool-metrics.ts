import "server-only";
import { z } from "zod";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MINUTE_MS, floorTo } from "@/lib/telemetry/types";
import { buildLivePoolQueries } from "./build-live-pool-queries";
import { getCloudWatchClient } from "./cloudwatch-client";
import { getCloudWatchConfig } from "./cloudwatch-config";
import { fetchMetricData, type MetricDataUsage, type MetricSeries } from "./fetch-metric-data";
import { createRequestCoalescer } from "@/lib/cache/request-coalescer";

// Fresher-than-stored node figures for one pool's view. Every viewer of the same pool and window
// shares one GetMetricData call per minute (the period): the call count follows pools viewed, not
// people watching. Dashboards otherwise read PostgreSQL, filled by the ingest job.
const PERIOD_SECONDS = 60;

export const ZLivePoolMetricsInput = z.strictObject({
  poolId: z.string().min(1).max(200),
  minutes: z.number().int().min(1).max(180).default(15),
});
export type TLivePoolMetricsInput = z.input<typeof ZLivePoolMetricsInput>;

export type MetricPoint = { ts: Date; value: number };
export type LivePoolMetrics = {
  poolId: string;
  periodSeconds: number;
  from: Date;
  to: Date;
  utilizationPct: MetricPoint[];
  /** Null for node groups and NodePools, which have no in-service metric. */
  instancesInService: MetricPoint[] | null;
  reservations: Array<{
    reservationId: string;
    usedInstances: MetricPoint[];
    availableInstances: MetricPoint[];
    utilizationPct: MetricPoint[];
  }>;
  /** API usage of the shared call (counted once, however many viewers got this result). */
  usage: MetricDataUsage;
};

const coalescer = createRequestCoalescer<LivePoolMetrics>();

const pointsOf = (s: MetricSeries | undefined): MetricPoint[] =>
  (s?.timestamps ?? []).map((ts, i) => ({ ts, value: s!.values[i]! }));

async function loadLivePoolMetrics(args: { poolId: string; from: Date; to: Date }): Promise<LivePoolMetrics> {
  const pool = await getPrisma().pool.findUnique({
    where: { id: args.poolId },
    select: {
      id: true,
      region: true,
      chipFamily: true,
      backingKind: true,
      backingId: true,
      clusterName: true,
      reservations: { where: { endAt: { gt: args.from } }, select: { id: true }, orderBy: { id: "asc" } },
    },
  });
  if (!pool) throw new AppError("NOT_FOUND", `pool ${args.poolId} not found`);
  const planned = buildLivePoolQueries({
    pool: { ...pool, poolId: pool.id },
    reservationIds: pool.reservations.map((r) => r.id),
    periodSeconds: PERIOD_SECONDS,
    config: getCloudWatchConfig(),
  });
  const { series, usage } = await fetchMetricData({
    client: getCloudWatchClient({ region: pool.region }),
    queries: planned.map((p) => p.query),
    startTime: args.from,
    endTime: args.to,
  });
  const result: LivePoolMetrics = {
    poolId: pool.id,
    periodSeconds: PERIOD_SECONDS,
    from: args.from,
    to: args.to,
    utilizationPct: [],
    instancesInService: null,
    reservations: [],
    usage,
  };
  for (const { query, target } of planned) {
    const points = pointsOf(series.get(query.Id!));
    if (target.kind === "utilization") result.utilizationPct = points;
    else if (target.kind === "inService") result.instancesInService = points;
    else {
      let r = result.reservations.find((x) => x.reservationId === target.reservationId);
      if (!r)
        result.reservations.push(
          (r = { reservationId: target.reservationId, usedInstances: [], availableInstances: [], utilizationPct: [] }),
        );
      r[target.field] = points;
    }
  }
  return result;
}

/** The last `minutes` whole minutes of one pool's node metrics, shared by every concurrent viewer. */
export async function getLivePoolMetrics(input: TLivePoolMetricsInput & { now?: Date }): Promise<LivePoolMetrics> {
  const parsed = ZLivePoolMetricsInput.safeParse({ poolId: input.poolId, minutes: input.minutes });
  if (!parsed.success)
    throw new AppError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const { poolId, minutes } = parsed.data;
  const now = input.now ?? new Date();
  const to = floorTo(now.getTime(), MINUTE_MS);
  const from = to - minutes * MINUTE_MS;
  return coalescer.get({
    key: `${poolId}|${minutes}|${to}`,
    now,
    expiresAt: new Date(to + PERIOD_SECONDS * 1000),
    load: () => loadLivePoolMetrics({ poolId, from: new Date(from), to: new Date(to) }),
  });
}
