import "server-only";
import { minutesKeptFrom } from "@/lib/telemetry/minutes-kept-from";
import { costsPerUnit } from "@/lib/cost/allocate-idle-reserved";
import { UNIT_BY_KIND } from "@/lib/cost/units";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listPoolActions } from "@/lib/fleet/actions/get-pool-action";
import { readAtDataEnd, telemetryDto } from "@/lib/telemetry/read-at-data-end";
import type { DataEnd } from "@/lib/telemetry/get-data-end";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import { metricsDto } from "@/lib/read-model/metric-dto";
import { queryModelSloMinutes } from "@/lib/telemetry/sql/query-model-slo-minutes";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import { resolveRange, type ResolvedRange, type TRangeParams } from "@/lib/telemetry/sql/time-range";
import { EMPTY_SUMS } from "@/lib/read-model/empty-sums";
import { partialMark, rangeDto } from "@/lib/read-model/range-dto";
import type { TModelDetail, TModelPoint } from "./model-dto";
import { toModelRow } from "./to-model-row";

/** One model over a range: totals, per-pool figures and series, and the actions on its pools. */
export async function getModelDetail(args: { modelId: string; params: TRangeParams }): Promise<TModelDetail> {
  return readAtDataEnd({ name: "model detail", key: args, load: (dataEnd) => loadModelDetail(args, dataEnd) });
}

async function loadModelDetail(
  { modelId, params }: { modelId: string; params: TRangeParams },
  { end, lagSeconds, dataThrough }: DataEnd,
): Promise<TModelDetail> {
  const prisma = getPrisma();
  const model = await prisma.model.findUnique({
    where: { id: modelId },
    select: {
      id: true,
      displayName: true,
      kind: true,
      team: true,
      sloP95Ms: true,
      pools: {
        select: {
          pool: {
            select: {
              id: true,
              chipFamily: true,
              region: true,
              availabilityZone: true,
              instanceType: true,
              state: true,
              desiredCapacity: true,
            },
          },
        },
        orderBy: { poolId: "asc" },
      },
    },
  });
  if (!model) throw new AppError("NOT_FOUND", `no model ${modelId}`);
  const range = resolveRange(params, end, { minutesKeptFrom: minutesKeptFrom(end) });
  const modelIds = [modelId];
  const pools = model.pools.map((p) => p.pool);
  const [totals, byPool, byChip, totalBuckets, poolBuckets, actions, sloMinutes] = await Promise.all([
    queryTelemetrySums({ range, groupBy: "model", bucketed: false, modelIds }),
    queryTelemetrySums({ range, groupBy: "pool", bucketed: false, modelIds }),
    queryTelemetrySums({ range, groupBy: "chipFamily", bucketed: false, modelIds }),
    queryTelemetrySums({ range, groupBy: "model", bucketed: true, modelIds }),
    queryTelemetrySums({ range, groupBy: "pool", bucketed: true, modelIds }),
    Promise.all(pools.map((p) => listPoolActions({ poolId: p.id }))),
    queryModelSloMinutes({ from: range.from, to: range.to, modelIds }),
  ]);
  const unit = UNIT_BY_KIND[model.kind];
  const byPoolId = new Map(byPool.map((r) => [r.key, r]));

  const series = new Map<string, TModelPoint>();
  const point = (t: string) =>
    series.get(t) ??
    series
      .set(t, {
        t,
        ...partialMark(range, new Date(t), range.stepSeconds),
        total: {
          latencyP50Ms: null,
          latencyP95Ms: null,
          latencyP99Ms: null,
          requestsPerSecond: null,
          unitsPerSecond: null,
        },
        pools: {},
      })
      .get(t)!;
  for (const row of totalBuckets) {
    const m = deriveMetrics(row);
    point(row.bucket!.toISOString()).total = {
      latencyP50Ms: m.latencyP50Ms,
      latencyP95Ms: m.latencyP95Ms,
      latencyP99Ms: m.latencyP99Ms,
      requestsPerSecond: m.requestsPerSecond,
      unitsPerSecond: m.unitsPerSecond,
    };
  }
  for (const row of poolBuckets) {
    const m = deriveMetrics(row);
    point(row.bucket!.toISOString()).pools[row.key] = {
      utilizationPct: m.utilizationPct,
      unitsPerSecond: m.unitsPerSecond,
      spendUsdPerHour: m.spendUsdPerHour,
    };
  }

  return {
    range: rangeDto(range),
    telemetry: telemetryDto({ lagSeconds, dataThrough }),
    model: toModelRow({
      model: {
        id: model.id,
        displayName: model.displayName,
        kind: model.kind,
        team: model.team,
        sloP95Ms: model.sloP95Ms,
      },
      sums: totals[0],
      byChipFamily: new Map(byChip.map((r) => [r.key, r])),
      pools: pools.map(({ id, chipFamily, region, instanceType }) => ({ id, chipFamily, region, instanceType })),
    }),
    pools: pools.map((pool) => {
      const metrics = deriveMetrics(byPoolId.get(pool.id) ?? EMPTY_SUMS);
      return {
        ...pool,
        metrics: metricsDto(metrics),
        ...costsPerUnit(metrics, unit.scale),
      };
    }),
    sloMinutes: sloMinutes.get(modelId) ?? { minutes: 0, overSloMinutes: 0 },
    series: [...series.values()].sort((a, b) => a.t.localeCompare(b.t)),
    actions: actions
      .flat()
      .filter((a) => overlaps(a, range))
      .map(({ id, poolId, kind, count, state, requestedBy, reason, createdAt, startedAt, finishedAt }) => ({
        id,
        poolId,
        kind,
        count,
        state,
        requestedBy,
        reason,
        createdAt,
        startedAt,
        finishedAt,
      })),
  };
}

/** Did the action run during the range (a running action runs until now)? */
function overlaps(a: { startedAt: string | null; finishedAt: string | null }, range: ResolvedRange): boolean {
  if (!a.startedAt) return false;
  return (
    Date.parse(a.startedAt) < range.to.getTime() &&
    (a.finishedAt === null || Date.parse(a.finishedAt) >= range.from.getTime())
  );
}
