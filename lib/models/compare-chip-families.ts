import { costPerUnits } from "@/lib/cost/pool-minute-cost";
import { usd } from "@/lib/money/usd";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import type { TelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import type { TChipComparison, TChipFamilyFigures } from "./model-dto";

type ChipFamily = TChipFamilyFigures["chipFamily"];

export function chipFamilyFigures(chipFamily: ChipFamily, sums: TelemetrySums, unitScale: number): TChipFamilyFigures {
  const m = deriveMetrics(sums);
  return {
    chipFamily,
    utilizationPct: m.utilizationPct,
    latencyP95Ms: m.latencyP95Ms,
    avgInstances: m.avgInstances,
    unitsPerSecond: m.unitsPerSecond,
    spendUsd: usd(m.spendUsd),
    spendUsdPerHour: usd(m.spendUsdPerHour),
    costPerUnitUsd: costPerUnits(m.spendUsd, m.units, unitScale),
  };
}

/**
 * Trainium vs Graviton for one model, from its sums on each family over the same window: cost per
 * unit is each family's own spend over its own units, so the comparison is per unit of work and
 * does not depend on how traffic is split. Null unless the model ran on both.
 */
export function compareChipFamilies(byFamily: Map<string, TelemetrySums>, unitScale: number): TChipComparison | null {
  const t = byFamily.get("trainium");
  const g = byFamily.get("graviton");
  if (!t || !g) return null;
  const trainium = chipFamilyFigures("trainium", t, unitScale);
  const graviton = chipFamilyFigures("graviton", g, unitScale);
  const tc = trainium.costPerUnitUsd;
  const gc = graviton.costPerUnitUsd;
  if (tc === null || gc === null || tc === gc)
    return { trainium, graviton, cheaper: null, savingPct: tc === gc && tc !== null ? 0 : null };
  const cheaper = gc < tc ? "graviton" : "trainium";
  return { trainium, graviton, cheaper, savingPct: 100 * (1 - Math.min(tc, gc) / Math.max(tc, gc)) };
}
