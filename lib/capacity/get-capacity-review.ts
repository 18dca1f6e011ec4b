import "server-only";
import { costPerUnits } from "@/lib/cost/pool-minute-cost";
import { UNIT_BY_KIND } from "@/lib/cost/units";
import { getUnallocatedIdleReserved } from "@/lib/cost/get-unallocated-idle-reserved";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { compareChipFamilies } from "@/lib/models/compare-chip-families";
import { splitModelChipFamily } from "@/lib/models/list-models";
import { readAtDataEnd, telemetryDto } from "@/lib/telemetry/read-at-data-end";
import type { DataEnd } from "@/lib/telemetry/get-data-end";
import { queryModelSloMinutes } from "@/lib/telemetry/sql/query-model-slo-minutes";
import { queryTelemetrySums, type TelemetrySumsRow } from "@/lib/telemetry/sql/query-telemetry-sums";
import { hourlyWindow } from "@/lib/read-model/telemetry-windows";
import { collectPoolFacts } from "./collect-pool-facts";
import { getTelemetryCoverage } from "./get-telemetry-coverage";
import { getCommitmentBurn } from "./get-commitment-burn";
import { recommendCapacity } from "./recommend-capacity";
import { takeOrPayShortfallOf } from "./take-or-pay-shortfall";
import type { TCapacityReview } from "./review-dto";
import { reviewFigures } from "./review-figures";
import { footUsd } from "@/lib/money/foot";
import { usd } from "@/lib/money/usd";
import { reviewFleetBasis } from "./review-fleet-basis";
import {
  hoursInMonth,
  monthBounds,
  monthLabel,
  monthOf,
  previousMonth,
  recentMonths,
  type TReviewInput,
} from "./review-month";

const byKey = (rows: readonly TelemetrySumsRow[]) => new Map(rows.map((r) => [r.key, r]));

/**
 * The monthly capacity review: per model and per chip family against the previous month, and
 * ranked recommendations. Reads the hourly rollups through queryTelemetrySums, so every figure
 * equals what the other pages show for the same custom range.
 */
export async function getCapacityReview(args: TReviewInput): Promise<TCapacityReview> {
  return readAtDataEnd({ name: "capacity review", key: args, load: (dataEnd) => loadGetCapacityReview(args, dataEnd) });
}

async function loadGetCapacityReview(
  { month }: TReviewInput,
  { end, lagSeconds, dataThrough }: DataEnd,
): Promise<TCapacityReview> {
  const current = month ?? monthOf(end);
  const bounds = monthBounds(current);
  if (bounds.start.getTime() >= end.getTime()) {
    throw new AppError(
      "BAD_REQUEST",
      `${current} has not started yet (telemetry ends ${end.toISOString().slice(0, 16)} UTC)`,
    );
  }
  const previous = previousMonth(current);
  const prevBounds = monthBounds(previous);
  const window = hourlyWindow(bounds.start, bounds.end.getTime() < end.getTime() ? bounds.end : end);
  const prevWindow = hourlyWindow(prevBounds.start, prevBounds.end);
  const { fleet: fleetAsOf, asOf, basis } = await reviewFleetBasis({ monthEnd: bounds.end, dataEnd: end });
  const [
    models,
    byModel,
    byChip,
    byModelChip,
    fleet,
    daily,
    prevModel,
    prevChip,
    prevFleet,
    facts,
    coverage,
    slo,
    unallocated,
    burns,
  ] = await Promise.all([
    getPrisma().model.findMany({
      select: { id: true, displayName: true, kind: true, sloP95Ms: true },
      orderBy: { id: "asc" },
    }),
    queryTelemetrySums({ range: window, groupBy: "model", bucketed: false }),
    queryTelemetrySums({ range: window, groupBy: "chipFamily", bucketed: false }),
    queryTelemetrySums({ range: window, groupBy: "modelChipFamily", bucketed: false }),
    queryTelemetrySums({ range: window, groupBy: "fleet", bucketed: false }),
    queryTelemetrySums({ range: window, groupBy: "model", bucketed: true }),
    queryTelemetrySums({ range: prevWindow, groupBy: "model", bucketed: false }),
    queryTelemetrySums({ range: prevWindow, groupBy: "chipFamily", bucketed: false }),
    queryTelemetrySums({ range: prevWindow, groupBy: "fleet", bucketed: false }),
    collectPoolFacts({ window, fleet: fleetAsOf, asOf }),
    getTelemetryCoverage({ window }),
    queryModelSloMinutes({ from: window.from, to: window.to }),
    getUnallocatedIdleReserved({
      from: window.from,
      to: window.to,
      // The pools that served a model in the fleet the review reads (a past month: as it was).
      poolsWithModels: new Set(fleetAsOf.pools.filter((p) => p.modelIds.length > 0).map((p) => p.id)),
    }),
    // The take-or-pay rule reads the commitments as they stand today, whatever month is reviewed.
    getCommitmentBurn({ end }),
  ]);
  const cur = byKey(byModel);
  const prev = byKey(prevModel);
  const prevChips = byKey(prevChip);
  const chipsByModel = splitModelChipFamily(byModelChip);
  const days = Math.round((bounds.end.getTime() - bounds.start.getTime()) / 86_400_000);
  const dayIndex = (t: Date) => Math.floor((t.getTime() - bounds.start.getTime()) / 86_400_000);

  const rows = models.map((model) => {
    const unit = UNIT_BY_KIND[model.kind];
    const trend: Array<number | null> = Array.from({ length: days }, () => null);
    for (const d of daily)
      if (d.key === model.id && d.bucket) trend[dayIndex(d.bucket)] = costPerUnits(d.spendUsd, d.units, unit.scale);
    return {
      ...model,
      costLabel: unit.costLabel,
      rateLabel: unit.rateLabel,
      unitScale: unit.scale,
      current: reviewFigures(cur.get(model.id), unit.scale),
      previous: reviewFigures(prev.get(model.id), unit.scale),
      costTrend: trend,
      comparison: compareChipFamilies(chipsByModel.get(model.id) ?? new Map(), unit.scale),
    };
  });

  const horizon = { hours: hoursInMonth(current), monthLabel: monthLabel(current) };
  // The model table and the chip-family table foot to the fleet's spend: each partitions the
  // fleet's series, so the total is their sum rounded once; rows by largest remainder (lib/money).
  const shown = rows.filter((r) => r.current);
  const modelSpend = footUsd(shown.map((r) => cur.get(r.id)!.spendUsd));
  const footedModel = new Map(shown.map((r, i) => [r.id, modelSpend.rows[i]!]));
  const chipSpend = footUsd(byChip.map((c) => c.spendUsd));
  const fleetCurrent = reviewFigures(fleet[0], null);

  return {
    month: current,
    previousMonth: previous,
    months: recentMonths(end, 13),
    range: { from: window.from.toISOString(), to: window.to.toISOString() },
    previousRange: { from: prevWindow.from.toISOString(), to: prevWindow.to.toISOString() },
    telemetry: telemetryDto({ lagSeconds, dataThrough }),
    coverage,
    pricing: horizon,
    fleet: {
      current: fleetCurrent && { ...fleetCurrent, spendUsd: modelSpend.total },
      previous: reviewFigures(prevFleet[0], null),
    },
    unallocatedIdleReserved: unallocated,
    models: rows.flatMap((r) =>
      r.current
        ? [
            {
              id: r.id,
              displayName: r.displayName,
              kind: r.kind,
              costLabel: r.costLabel,
              sloP95Ms: r.sloP95Ms,
              current: { ...r.current, spendUsd: footedModel.get(r.id)! },
              previous: r.previous,
              sloMinutes: slo.get(r.id) ?? { minutes: 0, overSloMinutes: 0 },
              costTrend: r.costTrend,
            },
          ]
        : [],
    ),
    chipFamilies: byChip.map((c, i) => ({
      chipFamily: c.key,
      current: { ...reviewFigures(c, null)!, spendUsd: chipSpend.rows[i]! },
      previous: reviewFigures(prevChips.get(c.key), null),
    })),
    fleetBasis: basis,
    recommendations: recommendCapacity({
      pools: facts.pools,
      reservations: facts.reservations,
      horizon,
      takeOrPayShortfall: takeOrPayShortfallOf(burns),
      models: rows.map((r) => ({
        id: r.id,
        displayName: r.displayName,
        sloP95Ms: r.sloP95Ms,
        costLabel: r.costLabel,
        rateLabel: r.rateLabel,
        unitScale: r.unitScale,
        comparison: r.comparison,
      })),
    }).map((r) => ({ ...r, monthlyUsd: usd(r.monthlyUsd) })),
  };
}
