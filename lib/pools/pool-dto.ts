import { z } from "zod";
import { ZMetrics } from "@/lib/read-model/metric-dto";
import { ZPartialBucket, ZRangeDto } from "@/lib/read-model/range-dto";
import { ZTelemetryDto } from "@/lib/read-model/telemetry-dto";

// Pools list and pool page payloads, shared by the route handlers, the first paint and the client.
const nullableNumber = z.number().nullable();

export const ZPoolRow = z.object({
  id: z.string(),
  chipFamily: z.enum(["trainium", "graviton"]),
  instanceType: z.string(),
  region: z.string(),
  availabilityZone: z.string(),
  state: z.enum(["active", "scaling", "draining", "idle"]),
  /** When the inventory sync found the pool gone from its source (null: it exists). */
  retiredAt: z.string().nullable(),
  backingKind: z.string(),
  models: z.array(z.string()),
  minCapacity: z.number(),
  desiredCapacity: z.number(),
  maxCapacity: z.number(),
  /** Average instances in service over the last few minutes (null: no recent telemetry). */
  inService: nullableNumber,
  /** Instances of the pool's capacity reservations active now. */
  reservedNow: z.number(),
  metrics: ZMetrics,
  /** Utilization per bucket of the range, for the sparkline. */
  spark: z.array(nullableNumber),
});
export type TPoolRow = z.infer<typeof ZPoolRow>;

export const ZPoolList = z.object({
  range: ZRangeDto,
  telemetry: ZTelemetryDto,
  nowWindow: z.object({ from: z.string(), to: z.string() }),
  pools: z.array(ZPoolRow),
});
export type TPoolList = z.infer<typeof ZPoolList>;

export const ZPoolReservation = z.object({
  id: z.string(),
  instanceType: z.string(),
  availabilityZone: z.string(),
  instanceCount: z.number(),
  startAt: z.string(),
  /** null: no end date (EndDateType unlimited). */
  endAt: z.string().nullable(),
  usdPerInstanceHour: z.number(),
  active: z.boolean(),
  daysLeft: z.number().nullable(),
});
export type TPoolReservation = z.infer<typeof ZPoolReservation>;

export const ZPoolModelRow = z.object({
  id: z.string(),
  displayName: z.string(),
  kind: z.enum(["llm", "vlm", "ranking"]),
  sloP95Ms: z.number(),
  costLabel: z.string(),
  /** Usage cost per unit (lib/cost/allocate-idle-reserved.ts). */
  costPerUnitUsd: nullableNumber,
  /** Usage plus the idle reserved dollars allocated to the model / units. */
  fullyLoadedCostPerUnitUsd: nullableNumber,
  metrics: ZMetrics,
});
export type TPoolModelRow = z.infer<typeof ZPoolModelRow>;

export const ZPoolPoint = z.object({
  t: z.string(),
  partial: ZPartialBucket,
  instances: z.number(),
  reservedInstances: z.number(),
  spendUsdPerHour: z.number(),
  idleReservedUsdPerHour: z.number(),
  models: z.record(z.string(), z.object({ utilizationPct: nullableNumber, latencyP95Ms: nullableNumber })),
});
export type TPoolPoint = z.infer<typeof ZPoolPoint>;

export const ZPoolDetail = z.object({
  range: ZRangeDto,
  telemetry: ZTelemetryDto,
  pool: ZPoolRow.omit({ spark: true }).extend({
    backingId: z.string(),
    clusterName: z.string().nullable(),
    onDemandUsdPerHour: nullableNumber,
    /** Where that price came from ("price-list", "config", "simulated") and when it was read. */
    priceSource: z.string().nullable(),
    priceReadAt: z.string().nullable(),
  }),
  models: z.array(ZPoolModelRow),
  reservations: z.array(ZPoolReservation),
  series: z.array(ZPoolPoint),
});
export type TPoolDetail = z.infer<typeof ZPoolDetail>;
