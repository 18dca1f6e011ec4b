import { costsPerUnit } from "@/lib/cost/allocate-idle-reserved";
import { UNIT_BY_KIND } from "@/lib/cost/units";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import type { TelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import { EMPTY_SUMS } from "@/lib/read-model/empty-sums";
import { metricsDto } from "@/lib/read-model/metric-dto";
import { compareChipFamilies } from "./compare-chip-families";
import type { TModelRow } from "./model-dto";

type ModelRecord = Pick<TModelRow, "id" | "displayName" | "kind" | "team" | "sloP95Ms">;

/** A model's row: its figures over the range, the pools serving it and the chip-family comparison. */
export function toModelRow(args: {
  model: ModelRecord;
  sums: TelemetrySums | undefined;
  byChipFamily: Map<string, TelemetrySums>;
  pools: TModelRow["pools"];
}): TModelRow {
  const unit = UNIT_BY_KIND[args.model.kind];
  const metrics = deriveMetrics(args.sums ?? EMPTY_SUMS);
  return {
    ...args.model,
    unit,
    metrics: metricsDto(metrics),
    ...costsPerUnit(metrics, unit.scale),
    pools: args.pools,
    chipComparison: compareChipFamilies(args.byChipFamily, unit.scale),
  };
}
