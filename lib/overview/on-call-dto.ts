import { z } from "zod";
import { ZUsd } from "@/lib/money/usd";
import { ZActionSummary, type TActionSummary } from "@/lib/fleet/actions/action-dto";

// The overview's on-call block: fixed-window KPIs, the ranked "needs attention" list and the
// newest pool actions. Part of the overview payload (overview-dto.ts), so it refreshes with it.
export const ATTENTION_KINDS = [
  "telemetry_stale",
  "slo_breach",
  "hot_pool",
  "training_at_risk",
  "approval_pending",
  "idle_reserved",
  "reservation_expiring",
  "billing_drift",
  "inventory_problem",
] as const;
export const SEVERITIES = ["critical", "warning", "info"] as const;

export const ZAttentionItem = z.object({
  kind: z.enum(ATTENTION_KINDS),
  severity: z.enum(SEVERITIES),
  poolId: z.string().nullable(),
  modelId: z.string().nullable(),
  modelName: z.string().nullable(),
  reservationId: z.string().nullable(),
  /** The training run an item is about (training_at_risk). */
  runId: z.string().nullable(),
  instanceType: z.string().nullable(),
  /** The pool action an approval_pending item is about. */
  actionId: z.string().nullable(),
  /** p95 ms (slo_breach), utilization % (hot_pool), idle instances (idle_reserved), lag s (-1: no telemetry yet), days left, billed − estimated $ (billing_drift), instances asked for (approval_pending), hours past the cut-off (training_at_risk). */
  value: z.number(),
  /** The SLO ms, the utilization threshold %, the reserved instances, the stale threshold s, the warning window in days, the estimated $ (billing_drift). */
  threshold: z.number(),
  /** Dollars at stake per hour where there are some (idle reserved: its current rate, current-rate.ts). */
  usdPerHour: ZUsd.nullable(),
  /** The sentence an inventory problem, a billing drift or a training run at risk comes with. */
  detail: z.string().nullable(),
});
export type TAttentionItem = z.infer<typeof ZAttentionItem>;

export const ZRecentAction = ZActionSummary;
export type TRecentAction = TActionSummary;

export const ZOnCall = z.object({
  nowWindow: z.object({ from: z.string(), to: z.string() }),
  chipFamilies: z.array(
    z.object({
      chipFamily: z.string(),
      utilizationPct: z.number().nullable(),
      avgInstances: z.number(),
      /** Averaged over the picked range. */
      spendUsdPerHour: ZUsd,
    }),
  ),
  monthToDate: z.object({ from: z.string(), spendUsd: ZUsd, idleReservedUsd: ZUsd }),
  reservedToday: z.object({
    from: z.string(),
    reservedUtilizationPct: z.number().nullable(),
    idleReservedUsd: ZUsd,
    idleInstanceHours: z.number(),
  }),
  attention: z.array(ZAttentionItem),
  recentActions: z.array(ZRecentAction),
});
export type TOnCall = z.infer<typeof ZOnCall>;
