import { costsPerUnit } from "@/lib/cost/allocate-idle-reserved";
import { usd } from "@/lib/money/usd";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import type { TelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { TReviewFigures } from "./review-dto";

/** A month's figures for one row, from the same sums and derivations as every other page. */
export function reviewFigures(sums: TelemetrySums | undefined, unitScale: number | null): TReviewFigures | null {
  if (!sums || sums.observedMinutes === 0) return null;
  const m = deriveMetrics(sums);
  return {
    utilizationPct: m.utilizationPct,
    spendUsd: usd(m.spendUsd),
    spendUsdPerHour: usd(m.spendUsdPerHour),
    idleReservedUsd: usd(m.idleReservedUsd),
    sloAttainmentPct: m.sloAttainmentPct,
    ...(unitScale === null ? { costPerUnitUsd: null, fullyLoadedCostPerUnitUsd: null } : costsPerUnit(m, unitScale)),
    observedHours: sums.observedMinutes / 60,
  };
}
