import "server-only";
import { getConfig } from "@/lib/config";
import { costPerUnits } from "@/lib/cost/pool-minute-cost";
import { UNIT_BY_KIND } from "@/lib/cost/units";
import { getPrisma } from "@/lib/db";
import { deriveMetrics } from "@/lib/telemetry/queries/derive-metrics";
import { queryTelemetrySums } from "@/lib/telemetry/queries/query-telemetry-sums";
import { resolveRange, type TRangeParams } from "@/lib/telemetry/queries/time-range";
import { getDataEnd } from "@/lib/telemetry/get-data-end";
import type { TOverview } from "./overview-dto";

/** Utilization, p95 latency and spend per model for a range: the table and its time series. */
export async function getFleetOverview({ params }: { params: TRangeParams }): Promise<TOverview> {
  const { end, lagSeconds } = await getDataEnd();
  const range = resolveRange(params, end);
  const [models, totals, fleet, buckets] = await Promise.all([
    getPrisma().model.findMany({ select: { id: true, displayName: true, kind: true, team: true, sloP95Ms: true }, orderBy: { id: "asc" } }),
    queryTelemetrySums({ range, groupBy: "model", bucketed: false }),
    queryTelemetrySums({ range, groupBy: "fleet", bucketed: false }),
    queryTelemetrySums({ range, groupBy: "model", bucketed: true }),
  ]);
  const totalsByModel = new Map(totals.map((r) => [r.key, r]));

  const series = new Map<string, TOverview["series"][number]>();
  for (const row of buckets) {
    const t = row.bucket!.toISOString();
    const point = series.get(t) ?? { t, models: {} };
    const m = deriveMetrics(row);
    point.models[row.key] = { utilizationPct: m.utilizationPct, latencyP95Ms: m.latencyP95Ms, spendUsdPerHour: m.spendUsdPerHour };
    series.set(t, point);
  }

  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString(), stepSeconds: range.stepSeconds, table: range.table, preset: range.preset },
    telemetry: { source: getConfig().TELEMETRY_SOURCE, lagSeconds },
    fleet: deriveMetrics(fleet[0] ?? emptySums()),
    models: models.map((model) => {
      const metrics = deriveMetrics(totalsByModel.get(model.id) ?? emptySums());
      const unit = UNIT_BY_KIND[model.kind];
      return { ...model, costLabel: unit.costLabel, costPerUnitUsd: costPerUnits(metrics.spendUsd, metrics.units, unit.scale), metrics };
    }),
    series: [...series.values()],
  };
}

function emptySums() {
  return {
    instanceMinutes: 0, busyInstanceMinutes: 0, requests: 0, units: 0, p50MsXRequests: 0, p95MsXRequests: 0, p99MsXRequests: 0,
    reservedInstanceMinutes: 0, spendUsd: 0, idleReservedUsd: 0, sloBreachMinutes: 0, seriesMinutes: 0, observedMinutes: 0,
  };
}
