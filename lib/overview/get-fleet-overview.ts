import "server-only";
import { minutesKeptFrom } from "@/lib/telemetry/minutes-kept-from";
import { getPrisma } from "@/lib/db";
import { EMPTY_SUMS } from "@/lib/read-model/empty-sums";
import { modelFigures } from "@/lib/read-model/model-figures";
import { partialMark, rangeDto } from "@/lib/read-model/range-dto";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import { footSpend } from "@/lib/read-model/foot-spend";
import { metricsDto } from "@/lib/read-model/metric-dto";
import { currentRateDto, getCurrentRates } from "@/lib/read-model/current-rate";
import { queryTelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import { resolveRange, type TRangeParams } from "@/lib/telemetry/sql/time-range";
import { readAtDataEnd, telemetryDto } from "@/lib/telemetry/read-at-data-end";
import { sharedJsonBody, type JsonBody } from "@/lib/cache/shared-json-body";
import type { DataEnd } from "@/lib/telemetry/get-data-end";
import { getOnCallSummary } from "./get-on-call-summary";
import { pickChartModels } from "./pick-chart-models";
import type { TOverview } from "./overview-dto";

/** Utilization, p95 latency and spend per model for a range: the table and its time series. */
export async function getFleetOverview({ params }: { params: TRangeParams }): Promise<TOverview> {
  return readAtDataEnd({ name: "overview", key: params, load: (dataEnd) => loadFleetOverview(params, dataEnd) });
}

/** The same, serialized once per answer for the API (the on-call page refreshes it for every viewer). */
export async function getFleetOverviewBody({ params }: { params: TRangeParams }): Promise<JsonBody> {
  return sharedJsonBody(await getFleetOverview({ params }));
}

async function loadFleetOverview(params: TRangeParams, { end, lagSeconds, dataThrough }: DataEnd): Promise<TOverview> {
  const range = resolveRange(params, end, { minutesKeptFrom: minutesKeptFrom(end) });
  const [models, totals, fleet, onCall, now] = await Promise.all([
    getPrisma().model.findMany({
      select: { id: true, displayName: true, kind: true, team: true, sloP95Ms: true },
      orderBy: { id: "asc" },
    }),
    queryTelemetrySums({ range, groupBy: "model", bucketed: false }),
    queryTelemetrySums({ range, groupBy: "fleet", bucketed: false }),
    getOnCallSummary({ range, end, lagSeconds }),
    getCurrentRates({ end, scope: "fleet" }),
  ]);
  const totalsByModel = new Map(totals.map((r) => [r.key, r]));
  // The charts follow the models that cost the most in the range; the table lists every model.
  const chartModelIds = pickChartModels(totals);
  const buckets = chartModelIds.length
    ? await queryTelemetrySums({ range, groupBy: "model", bucketed: true, modelIds: chartModelIds })
    : [];

  const series = new Map<string, TOverview["series"][number]>();
  for (const row of buckets) {
    const t = row.bucket!.toISOString();
    const point = series.get(t) ?? { t, ...partialMark(range, row.bucket!, range.stepSeconds), models: {} };
    const m = deriveMetrics(row);
    point.models[row.key] = {
      utilizationPct: chartValue(m.utilizationPct),
      latencyP95Ms: chartValue(m.latencyP95Ms),
      spendUsdPerHour: chartValue(m.spendUsdPerHour),
    };
    series.set(t, point);
  }

  // The table's spend column foots to the fleet's "Spend in range": every series belongs to exactly
  // one model, so the fleet total is Σ the model rows, rounded once; rows by largest remainder.
  const rows = models.map((model) => modelFigures(model, totalsByModel.get(model.id)));
  const spendTotal = footSpend(
    rows,
    models.map((model) => totalsByModel.get(model.id)?.spendUsd ?? 0),
  );
  return {
    range: rangeDto(range),
    telemetry: telemetryDto({ lagSeconds, dataThrough }),
    fleet: { ...metricsDto(deriveMetrics(fleet[0] ?? EMPTY_SUMS)), spendUsd: spendTotal },
    now: currentRateDto(now, "fleet"),
    models: rows,
    chartModelIds,
    series: [...series.values()],
    onCall,
  };
}

// Chart points carry 4 significant digits (a pixel is coarser than that): full float64 text made
// the series most of the payload. The table's figures stay exact.
function chartValue<T extends number | null>(v: T): T {
  return (v === null ? v : Number(v.toPrecision(4))) as T;
}
