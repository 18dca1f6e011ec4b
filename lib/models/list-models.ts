import "server-only";
import { footSpend } from "@/lib/read-model/foot-spend";
import { minutesKeptFrom } from "@/lib/telemetry/minutes-kept-from";
import { getUnallocatedIdleReserved } from "@/lib/cost/get-unallocated-idle-reserved";
import { getPrisma } from "@/lib/db";
import { readAtDataEnd, telemetryDto } from "@/lib/telemetry/read-at-data-end";
import type { DataEnd } from "@/lib/telemetry/get-data-end";
import { queryTelemetrySums, type TelemetrySumsRow } from "@/lib/telemetry/sql/query-telemetry-sums";
import { resolveRange, type TRangeParams } from "@/lib/telemetry/sql/time-range";
import { rangeDto } from "@/lib/read-model/range-dto";
import type { TModelList, TModelRow } from "./model-dto";
import { toModelRow } from "./to-model-row";

/** Every model with its figures over the range, the pools serving it and Trainium vs Graviton. */
export async function listModels(args: { params: TRangeParams }): Promise<TModelList> {
  return readAtDataEnd({ name: "models list", key: args, load: (dataEnd) => loadListModels(args, dataEnd) });
}

async function loadListModels(
  { params }: { params: TRangeParams },
  { end, lagSeconds, dataThrough }: DataEnd,
): Promise<TModelList> {
  const range = resolveRange(params, end, { minutesKeptFrom: minutesKeptFrom(end) });
  const prisma = getPrisma();
  const [models, links, byModel, byModelChip, unallocated] = await Promise.all([
    prisma.model.findMany({
      select: { id: true, displayName: true, kind: true, team: true, sloP95Ms: true },
      orderBy: { id: "asc" },
    }),
    prisma.poolModel.findMany({
      select: { modelId: true, pool: { select: { id: true, chipFamily: true, region: true, instanceType: true } } },
      orderBy: { poolId: "asc" },
    }),
    queryTelemetrySums({ range, groupBy: "model", bucketed: false }),
    queryTelemetrySums({ range, groupBy: "modelChipFamily", bucketed: false }),
    getUnallocatedIdleReserved({ from: range.from, to: range.to }),
  ]);
  const sumsByModel = new Map(byModel.map((r) => [r.key, r]));
  const chipsByModel = splitModelChipFamily(byModelChip);
  const poolsByModel = new Map<string, TModelRow["pools"]>();
  for (const link of links) poolsByModel.set(link.modelId, [...(poolsByModel.get(link.modelId) ?? []), link.pool]);

  const rows = models.map((model) =>
    toModelRow({
      model,
      sums: sumsByModel.get(model.id),
      byChipFamily: chipsByModel.get(model.id) ?? new Map(),
      pools: poolsByModel.get(model.id) ?? [],
    }),
  );
  // Footed like the overview's model table (same rows, same order): the two pages show the same cents.
  const spendUsd = footSpend(
    rows,
    models.map((model) => sumsByModel.get(model.id)?.spendUsd ?? 0),
  );
  return {
    range: rangeDto(range),
    telemetry: telemetryDto({ lagSeconds, dataThrough }),
    models: rows,
    totals: { spendUsd },
    unallocatedIdleReserved: unallocated,
  };
}

/** "model|chipFamily" rows → model → chip family → sums. */
export function splitModelChipFamily(rows: readonly TelemetrySumsRow[]): Map<string, Map<string, TelemetrySumsRow>> {
  const result = new Map<string, Map<string, TelemetrySumsRow>>();
  for (const row of rows) {
    const [modelId = "", chipFamily = ""] = row.key.split("|");
    const byFamily = result.get(modelId) ?? new Map<string, TelemetrySumsRow>();
    byFamily.set(chipFamily, row);
    result.set(modelId, byFamily);
  }
  return result;
}
