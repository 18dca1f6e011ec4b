import "server-only";
import { getConfig } from "@/lib/config";
import { costPerUnits } from "@/lib/cost/pool-minute-cost";
import { UNIT_BY_KIND } from "@/lib/cost/units";
import { getPrisma } from "@/lib/db";
import { deriveMetrics } from "@/lib/telemetry/queries/derive-metrics";
import { queryTelemetrySums } from "@/lib/telemetry/queries/query-telemetry-sums";
import { resolveRange, type ResolvedRange, type TRangeParams } from "@/lib/telemetry/queries/time-range";
import { createRequestCoalescer } from "@/lib/cache/request-coalescer";
import { encodeJsonBody, type JsonBody } from "@/lib/http/json-body";
import { listRecentActions } from "./list-recent-actions";
import { getDataEnd } from "@/lib/telemetry/get-data-end";
import { getOnCallSummary } from "./get-on-call-summary";
import { pickChartModels } from "./pick-chart-models";
import type { TOverview } from "./overview-dto";

// Every viewer of the same range sees the same figures until a new minute is stored, so the
// answer is shared: keyed by the range and the newest stored minute (new data → new key).
const cache = createRequestCoalescer<TOverview>();
const bodies = createRequestCoalescer<JsonBody>();
const CACHE_SECONDS = 60;
const RECENT_ACTIONS = 10;

/** Utilization, p95 latency and spend per model for a range: the table and its time series. */
export async function getFleetOverview({ params }: { params: TRangeParams }): Promise<TOverview> {
  const { shared, recentActions } = await loadParts(params);
  return withRecentActions(shared, recentActions);
}

/**
 * The same, serialized and gzipped for the API. Keyed by the shared figures' key and the recent
 * actions themselves, so a new or changed action makes a new body at once.
 */
export async function getFleetOverviewBody({ params }: { params: TRangeParams }): Promise<JsonBody> {
  const { key, shared, recentActions } = await loadParts(params);
  const now = new Date();
  return bodies.get({
    key: JSON.stringify([key, recentActions]),
    now,
    expiresAt: new Date(now.getTime() + CACHE_SECONDS * 1000),
    load: async () => encodeJsonBody(withRecentActions(shared, recentActions)),
  });
}

async function loadParts(params: TRangeParams) {
  const { end, lagSeconds } = await getDataEnd();
  const range = resolveRange(params, end);
  const now = new Date();
  const key = JSON.stringify([params, end.getTime(), lagSeconds !== null && lagSeconds > 300]);
  const [shared, recentActions] = await Promise.all([
    cache.get({ key, now, expiresAt: new Date(now.getTime() + CACHE_SECONDS * 1000), load: () => loadFleetOverview(range, end, lagSeconds) }),
    // Pool actions change between telemetry minutes: always read fresh (one small indexed query).
    listRecentActions({ limit: RECENT_ACTIONS }),
  ]);
  return { key, shared, recentActions };
}

function withRecentActions(shared: TOverview, recentActions: TOverview["onCall"]["recentActions"]): TOverview {
  return { ...shared, onCall: { ...shared.onCall, recentActions } };
}

async function loadFleetOverview(range: ResolvedRange, end: Date, lagSeconds: number | null): Promise<TOverview> {
  const [models, totals, fleet, onCall] = await Promise.all([
    getPrisma().model.findMany({ select: { id: true, displayName: true, kind: true, team: true, sloP95Ms: true }, orderBy: { id: "asc" } }),
    queryTelemetrySums({ range, groupBy: "model", bucketed: false }),
    queryTelemetrySums({ range, groupBy: "fleet", bucketed: false }),
    getOnCallSummary({ range, end, lagSeconds }),
  ]);
  const totalsByModel = new Map(totals.map((r) => [r.key, r]));
  // The charts follow the models that cost the most in the range; the table lists every model.
  const chartModelIds = pickChartModels(totals);
  const buckets = chartModelIds.length ? await queryTelemetrySums({ range, groupBy: "model", bucketed: true, modelIds: chartModelIds }) : [];

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
    chartModelIds,
    series: [...series.values()],
    onCall,
  };
}

function emptySums() {
  return {
    instanceMinutes: 0, busyInstanceMinutes: 0, requests: 0, units: 0, p50MsXRequests: 0, p95MsXRequests: 0, p99MsXRequests: 0,
    reservedInstanceMinutes: 0, spendUsd: 0, idleReservedUsd: 0, sloBreachMinutes: 0, seriesMinutes: 0, observedMinutes: 0,
  };
}
