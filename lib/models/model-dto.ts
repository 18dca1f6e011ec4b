import { z } from "zod";
import { ZUsd } from "@/lib/money/usd";
import { ZModelSloMinutes } from "@/lib/read-model/slo-minutes-dto";
import { ZActionSummary } from "@/lib/fleet/actions/action-dto";
import { ZMetrics } from "@/lib/read-model/metric-dto";
import { ZPartialBucket, ZRangeDto } from "@/lib/read-model/range-dto";
import { ZTelemetryDto } from "@/lib/read-model/telemetry-dto";
import { ZUnallocatedIdleReserved } from "@/lib/read-model/unallocated-idle-dto";

// Models list and model page payloads: shared by the route handlers, the server-rendered first
// paint and the client, which validates what it fetches.
export const ZChipFamilyFigures = z.object({
  chipFamily: z.enum(["trainium", "graviton"]),
  utilizationPct: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  avgInstances: z.number(),
  unitsPerSecond: z.number().nullable(),
  spendUsd: ZUsd,
  /** Averaged over the range. */
  spendUsdPerHour: ZUsd,
  /** A price per unit (e.g. $ per 1M tokens), not an amount: a number (fmtUsdPrice). */
  costPerUnitUsd: z.number().nullable(),
});
export type TChipFamilyFigures = z.infer<typeof ZChipFamilyFigures>;

export const ZChipComparison = z.object({
  trainium: ZChipFamilyFigures,
  graviton: ZChipFamilyFigures,
  /** The family with the lower cost per unit (null when either served no units). */
  cheaper: z.enum(["trainium", "graviton"]).nullable(),
  /** How much less the cheaper family costs per unit, in % of the dearer one. */
  savingPct: z.number().nullable(),
});
export type TChipComparison = z.infer<typeof ZChipComparison>;

export const ZModelUnit = z.object({
  unit: z.string(),
  costLabel: z.string(),
  rateLabel: z.string(),
  scale: z.number(),
});

export const ZModelPoolRef = z.object({
  id: z.string(),
  chipFamily: z.enum(["trainium", "graviton"]),
  region: z.string(),
  instanceType: z.string(),
});

export const ZModelRow = z.object({
  id: z.string(),
  displayName: z.string(),
  kind: z.enum(["llm", "vlm", "ranking"]),
  team: z.string(),
  sloP95Ms: z.number(),
  unit: ZModelUnit,
  metrics: ZMetrics,
  /** Usage cost per unit: spend of the billed instances serving the model / units (lib/cost/allocate-idle-reserved.ts). */
  costPerUnitUsd: z.number().nullable(),
  /** Fully loaded: usage plus the idle reserved dollars allocated to the model / units. */
  fullyLoadedCostPerUnitUsd: z.number().nullable(),
  pools: z.array(ZModelPoolRef),
  chipComparison: ZChipComparison.nullable(),
});
export type TModelRow = z.infer<typeof ZModelRow>;

export const ZModelList = z.object({
  range: ZRangeDto,
  telemetry: ZTelemetryDto,
  models: z.array(ZModelRow),
  /** The spend column's total: the rows foot to it (lib/read-model/foot-spend.ts). */
  totals: z.object({ spendUsd: ZUsd }),
  /** Reserved dollars of pools serving no model: carried by no model's fully loaded cost. */
  unallocatedIdleReserved: ZUnallocatedIdleReserved,
});
export type TModelList = z.infer<typeof ZModelList>;

export const ZModelPoolRow = ZModelPoolRef.extend({
  availabilityZone: z.string(),
  state: z.string(),
  desiredCapacity: z.number(),
  metrics: ZMetrics,
  /** Usage cost per unit: spend of the billed instances serving the model / units (lib/cost/allocate-idle-reserved.ts). */
  costPerUnitUsd: z.number().nullable(),
  /** Fully loaded: usage plus the idle reserved dollars allocated to the model / units. */
  fullyLoadedCostPerUnitUsd: z.number().nullable(),
});
export type TModelPoolRow = z.infer<typeof ZModelPoolRow>;

const nullableNumber = z.number().nullable();
export const ZModelPoint = z.object({
  t: z.string(),
  partial: ZPartialBucket,
  total: z.object({
    latencyP50Ms: nullableNumber,
    latencyP95Ms: nullableNumber,
    latencyP99Ms: nullableNumber,
    requestsPerSecond: z.number().nullable(),
    unitsPerSecond: z.number().nullable(),
  }),
  pools: z.record(
    z.string(),
    z.object({ utilizationPct: nullableNumber, unitsPerSecond: nullableNumber, spendUsdPerHour: z.number() }),
  ),
});
export type TModelPoint = z.infer<typeof ZModelPoint>;

export const ZModelDetail = z.object({
  range: ZRangeDto,
  telemetry: ZTelemetryDto,
  model: ZModelRow,
  pools: z.array(ZModelPoolRow),
  /** Minutes in which the model-level p95 was above its SLO (of the minutes with latency). */
  sloMinutes: ZModelSloMinutes,
  series: z.array(ZModelPoint),
  /** Launches and drains on the model's pools that overlap the range (chart annotations). */
  actions: z.array(ZActionSummary),
});
export type TModelDetail = z.infer<typeof ZModelDetail>;

export const ZModelIdParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "a model id is a lowercase slug");
