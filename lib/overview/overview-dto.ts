import { z } from "zod";
import { ZCurrentRateDto } from "@/lib/read-model/current-rate-dto";
import { ZMetrics } from "@/lib/read-model/metric-dto";
import { ZPartialBucket, ZRangeDto } from "@/lib/read-model/range-dto";
import { ZTelemetryDto } from "@/lib/read-model/telemetry-dto";
import { ZOnCall } from "./on-call-dto";

// The overview payload, shared by the route handler, the server-rendered first paint and the
// client (which validates what it fetches instead of casting it).
export const ZOverviewModelRow = z.object({
  id: z.string(),
  displayName: z.string(),
  kind: z.enum(["llm", "vlm", "ranking"]),
  team: z.string(),
  sloP95Ms: z.number(),
  costLabel: z.string(),
  costPerUnitUsd: z.number().nullable(),
  /** Usage plus the allocated idle reserved dollars / units (lib/cost/allocate-idle-reserved.ts). */
  fullyLoadedCostPerUnitUsd: z.number().nullable(),
  metrics: ZMetrics,
});

export const ZOverviewPoint = z.object({
  t: z.string(),
  partial: ZPartialBucket,
  models: z.record(
    z.string(),
    z.object({
      utilizationPct: z.number().nullable(),
      latencyP95Ms: z.number().nullable(),
      spendUsdPerHour: z.number(),
    }),
  ),
});

export const ZOverview = z.object({
  range: ZRangeDto,
  telemetry: ZTelemetryDto,
  /** Averaged over the range (spendUsdPerHour etc. are range averages). */
  fleet: ZMetrics,
  /** The fleet's current $/h: the "now" tiles (current-rate.ts), the same definition as Needs attention's. */
  now: ZCurrentRateDto,
  models: z.array(ZOverviewModelRow),
  /** The models the charts draw (the costliest in the range); `series` holds only these. */
  chartModelIds: z.array(z.string()),
  series: z.array(ZOverviewPoint),
  onCall: ZOnCall,
});

export type TOverview = z.infer<typeof ZOverview>;
export type TOverviewModelRow = z.infer<typeof ZOverviewModelRow>;
