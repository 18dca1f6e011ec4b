import { usdOrNull, usdToCents, type TUsd } from "@/lib/money/usd";
import { fmtUsd } from "@/lib/money/format-usd";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";
import { ATTENTION_KINDS, SEVERITIES, type TAttentionItem } from "./on-call-dto";

// What the on-call engineer should look at first, from "now" figures. Pure, so thresholds and
// ordering are unit-tested without a database.
export const ATTENTION_THRESHOLDS = {
  hotPoolUtilPct: 85,
  criticalPoolUtilPct: 95,
  /** A reserved pool is flagged when at least this share of its reservation is idle… */
  idleReservedShare: 0.25,
  /** …and at least this many instances. */
  idleReservedMinInstances: 1,
  staleSeconds: 300,
  expiringDays: 30,
  expiringWarningDays: 14,
} as const;

type Input = {
  lagSeconds: number | null;
  /** p95 per model on each pool over the "now" window (only where there were requests). */
  sloRows: Array<{ modelId: string; modelName: string; poolId: string; latencyP95Ms: number; sloP95Ms: number }>;
  poolUtilization: Array<{ poolId: string; utilizationPct: number }>;
  idleReserved: Array<{
    poolId: string;
    instanceType: string;
    reservedInstances: number;
    idleInstances: number;
    /** The pool's current idle reserved $/h (current-rate.ts); null: a minute of the window is missing. */
    idleUsdPerHour: number | null;
  }>;
  expiring: Array<{
    reservationId: string;
    poolId: string | null;
    instanceType: string;
    instanceCount: number;
    daysLeft: number;
  }>;
  /** Pool-days whose bill differs from the estimate beyond the configured threshold (lib/billing). */
  billingDrift?: Array<{
    poolId: string;
    day: string;
    billedUsd: TUsd;
    estimatedUsd: TUsd | null;
    driftUsd: TUsd;
    driftPct: number | null;
  }>;
  /** Running training runs predicted to finish after their Capacity Block's termination start (lib/training). */
  trainingAtRisk?: Array<{
    runId: string;
    runName: string;
    blockId: string;
    /** The block's pool when Fleet Console manages it: the item links there, where a drain is proposed. */
    poolId?: string | null;
    instanceType: string;
    predictedFinishAt: Date;
    cutoffAt: Date;
    latestSafeCheckpointAt: Date | null;
  }>;
  /** Pool actions waiting for a second admin (the approvals inbox), with how long they have waited. */
  pendingApprovals?: Array<{
    actionId: string;
    poolId: string;
    kind: string;
    count: number;
    requestedBy: string;
    requestedAt: Date;
    /** When nobody approves it by then, it is cancelled. */
    deadline: Date | null;
  }>;
  /** From the latest inventory sync: sources failing first (their pools are stale), then the rest. */
  inventoryProblems?: Array<{ kind: string; subject: string; message: string }>;
};

const base = {
  poolId: null,
  modelId: null,
  modelName: null,
  reservationId: null,
  runId: null,
  instanceType: null,
  actionId: null,
  usdPerHour: null,
  detail: null,
};

const utcMinute = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function rankNeedsAttention(input: Input): TAttentionItem[] {
  const t = ATTENTION_THRESHOLDS;
  const items: TAttentionItem[] = [];
  if (input.lagSeconds === null || input.lagSeconds > t.staleSeconds) {
    items.push({
      ...base,
      kind: "telemetry_stale",
      severity: "critical",
      value: input.lagSeconds ?? -1,
      threshold: t.staleSeconds,
    });
  }
  for (const r of input.sloRows) {
    if (!isOverSlo(r.latencyP95Ms, r.sloP95Ms)) continue;
    items.push({
      ...base,
      kind: "slo_breach",
      severity: "critical",
      poolId: r.poolId,
      modelId: r.modelId,
      modelName: r.modelName,
      value: r.latencyP95Ms,
      threshold: r.sloP95Ms,
    });
  }
  for (const p of input.poolUtilization) {
    if (p.utilizationPct <= t.hotPoolUtilPct) continue;
    const severity = p.utilizationPct >= t.criticalPoolUtilPct ? "critical" : "warning";
    items.push({
      ...base,
      kind: "hot_pool",
      severity,
      poolId: p.poolId,
      value: p.utilizationPct,
      threshold: t.hotPoolUtilPct,
    });
  }
  for (const r of input.trainingAtRisk ?? []) {
    items.push({
      ...base,
      kind: "training_at_risk",
      severity: "critical",
      runId: r.runId,
      poolId: r.poolId ?? null,
      reservationId: r.blockId,
      instanceType: r.instanceType,
      value: (r.predictedFinishAt.getTime() - r.cutoffAt.getTime()) / 3_600_000,
      threshold: 0,
      detail:
        `${r.runName} will not finish before EC2 starts terminating Capacity Block ${r.blockId} at ` +
        `${utcMinute(r.cutoffAt)} (predicted finish ${utcMinute(r.predictedFinishAt)})` +
        (r.latestSafeCheckpointAt ? `: latest safe checkpoint ${utcMinute(r.latestSafeCheckpointAt)}` : ""),
    });
  }
  for (const a of input.pendingApprovals ?? []) {
    items.push({
      ...base,
      kind: "approval_pending",
      severity: "warning",
      poolId: a.poolId,
      actionId: a.actionId,
      value: a.count,
      threshold: 0,
      // Absolute times, not "waiting N min": the overview answer is cached and shared.
      detail: `${a.kind} ${a.count} on ${a.poolId} by ${a.requestedBy}, requested ${utc(a.requestedAt)}${a.deadline ? `, cancelled at ${utc(a.deadline)} unless decided` : ""}`,
    });
  }
  for (const p of input.idleReserved) {
    if (p.idleInstances < t.idleReservedMinInstances || p.idleInstances < t.idleReservedShare * p.reservedInstances)
      continue;
    items.push({
      ...base,
      kind: "idle_reserved",
      severity: "warning",
      poolId: p.poolId,
      instanceType: p.instanceType,
      value: p.idleInstances,
      threshold: p.reservedInstances,
      usdPerHour: usdOrNull(p.idleUsdPerHour),
    });
  }
  for (const r of input.expiring) {
    if (r.daysLeft > t.expiringDays) continue;
    items.push({
      ...base,
      kind: "reservation_expiring",
      severity: r.daysLeft <= t.expiringWarningDays ? "warning" : "info",
      poolId: r.poolId,
      reservationId: r.reservationId,
      instanceType: r.instanceType,
      value: r.daysLeft,
      threshold: r.instanceCount,
    });
  }
  for (const d of input.billingDrift ?? []) {
    const pct = d.driftPct === null ? "no estimate" : `${d.driftPct > 0 ? "+" : ""}${d.driftPct.toFixed(1)} %`;
    items.push({
      ...base,
      kind: "billing_drift",
      severity: "warning",
      poolId: d.poolId,
      // value/threshold are the item's generic numbers: the exact cents of the amounts, as dollars.
      value: usdToCents(d.driftUsd) / 100,
      threshold: d.estimatedUsd === null ? 0 : usdToCents(d.estimatedUsd) / 100,
      detail: `${d.day}: billed ${fmtUsd(d.billedUsd)} vs estimated ${d.estimatedUsd === null ? "none" : fmtUsd(d.estimatedUsd)} (${pct})`,
    });
  }
  for (const p of input.inventoryProblems ?? []) {
    items.push({
      ...base,
      kind: "inventory_problem",
      severity: p.kind === "scope_failed" ? "warning" : "info",
      reservationId: p.subject.startsWith("cr-") ? p.subject : null,
      value: 0,
      threshold: 0,
      detail: p.message,
    });
  }
  return items.sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      ATTENTION_KINDS.indexOf(a.kind) - ATTENTION_KINDS.indexOf(b.kind) ||
      urgency(b) - urgency(a),
  );
}

/** Within one kind: further over the line first (fewest days left for expiring reservations). */
function urgency(item: TAttentionItem): number {
  if (item.kind === "reservation_expiring") return -item.value;
  if (item.kind === "idle_reserved") return item.usdPerHour === null ? 0 : usdToCents(item.usdPerHour);
  if (item.kind === "billing_drift") return Math.abs(item.value);
  if (item.kind === "approval_pending") return 0; // kept in the order given: the longest waiting first
  return item.threshold > 0 ? item.value / item.threshold : item.value;
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
