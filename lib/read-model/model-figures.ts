import { costsPerUnit } from "@/lib/cost/allocate-idle-reserved";
import { UNIT_BY_KIND, type ModelKindName } from "@/lib/cost/units";
import { deriveMetrics } from "@/lib/telemetry/sql/derive-metrics";
import type { TelemetrySums } from "@/lib/telemetry/sql/query-telemetry-sums";
import { EMPTY_SUMS } from "./empty-sums";
import { metricsDto } from "./metric-dto";

/**
 * A model's figures over a range as the overview and pool pages list them: its metrics, the cost
 * label of its unit and the usage and fully loaded costs per unit. No rows: the empty sums, whose metrics are null, not 0.
 */
export function modelFigures<M extends { kind: ModelKindName }>(model: M, sums: TelemetrySums | undefined) {
  const metrics = deriveMetrics(sums ?? EMPTY_SUMS);
  const unit = UNIT_BY_KIND[model.kind];
  return {
    ...model,
    costLabel: unit.costLabel,
    ...costsPerUnit(metrics, unit.scale),
    metrics: metricsDto(metrics),
  };
}
