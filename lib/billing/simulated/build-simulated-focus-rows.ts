import { createHash } from "node:crypto";
import type { PoolDayUsage } from "./query-pool-day-usage";

// The simulated fleet's bill, as FOCUS rows, from what it ran (pure; one row per pool, day and kind
// of charge, where AWS would write one per instance and hour: the sums are the same, the volume
// small enough to ingest at every start). What a real bill has beyond the estimate:
//  - a Savings Plan on Graviton on-demand hours (SAVINGS_PLAN_DISCOUNT off list), applied only
//    once AWS restates the day: the newest billed day is first written without it and rewritten
//    when the next day is billed (the period's file changes; the ingest replaces the period);
//  - unused reservation hours as the reservation's own rows (CapacityReservationStatus Unused);
//  - one deliberate discrepancy: DISCREPANCY_INSTANCE_HOURS on-demand hours of an instance the
//    telemetry never saw, on the first Trainium ASG pool (by id, so no Savings Plan blurs it),
//    DISCREPANCY_DAYS_AGO days before the bill's last day, or on the first whole day of telemetry
//    when that is later (a young fleet).

export const SAVINGS_PLAN_DISCOUNT = 0.03;
export const DISCREPANCY_INSTANCE_HOURS = 6;
export const DISCREPANCY_DAYS_AGO = 3;
const ACCOUNT = "123456789012";
const SAVINGS_PLAN_ARN = `arn:aws:savingsplans::${ACCOUNT}:savingsplan/sp-0f1e2d3c4b5a69788`;

export type SimBillPool = {
  id: string;
  region: string;
  chipFamily: string;
  instanceType: string;
  backingKind: "asg" | "eks_nodegroup" | "karpenter_nodepool";
  backingId: string;
  clusterName: string | null;
  onDemandUsdPerHour: number;
  /** The pool's first reservation (by id), if any. */
  reservationId: string | null;
};

export type FocusCsvRow = Record<string, string>;

const DAY_MS = 86_400_000;
/** A decimal string with at most 10 places, never exponent notation (the ingest's decimal check). */
const money = (usd: number) =>
  usd
    .toFixed(10)
    .replace(/\.?0+$/, "")
    .replace(/^-0$/, "0");
const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
const instanceId = (seed: string) => `i-0${createHash("sha1").update(seed).digest("hex").slice(0, 16)}`;

function tagsOf(pool: SimBillPool, extra: Record<string, string> = {}): string {
  const tags: Record<string, string> = { ...extra };
  if (pool.backingKind === "asg") tags["aws:autoscaling:groupName"] = pool.backingId;
  if (pool.backingKind === "eks_nodegroup") {
    tags["eks:nodegroup-name"] = pool.backingId;
    tags["aws:autoscaling:groupName"] = `eks-${pool.backingId}-${instanceId(pool.id).slice(2, 10)}`;
  }
  if (pool.backingKind === "karpenter_nodepool") tags["karpenter.sh/nodepool"] = pool.backingId;
  if (pool.clusterName) tags["eks:cluster-name"] = pool.clusterName;
  return JSON.stringify(tags);
}

export function discrepancyPoolId(pools: SimBillPool[]): string | null {
  return (
    [...pools]
      .sort((a, b) => a.id.localeCompare(b.id))
      .find((p) => p.backingKind === "asg" && p.chipFamily === "trainium")?.id ?? null
  );
}

export function buildSimulatedFocusRows(args: {
  usage: PoolDayUsage[];
  pools: SimBillPool[];
  /** The UTC day of the first telemetry minute (possibly partial). */
  firstDay: Date;
  /** The first UTC day not billed yet. */
  billedUntil: Date;
}): FocusCsvRow[] {
  const poolById = new Map(args.pools.map((p) => [p.id, p]));
  const lastBilledDay = args.billedUntil.getTime() - DAY_MS;
  const oddPool = discrepancyPoolId(args.pools);
  const oddDay = Math.max(args.firstDay.getTime() + DAY_MS, lastBilledDay - DISCREPANCY_DAYS_AGO * DAY_MS);
  const rows: FocusCsvRow[] = [];
  for (const u of args.usage) {
    const pool = poolById.get(u.poolId);
    if (!pool || u.day.getTime() > lastBilledDay) continue;
    const start = u.day;
    const end = new Date(start.getTime() + DAY_MS);
    const month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
    const nextMonth = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const od = pool.onDemandUsdPerHour;
    const base = {
      BillingPeriodStart: iso(month),
      BillingPeriodEnd: iso(nextMonth),
      ChargePeriodStart: iso(start),
      ChargePeriodEnd: iso(end),
      ChargeCategory: "Usage",
      ServiceName: "Amazon Elastic Compute Cloud",
      RegionId: pool.region,
    };
    const usageRow = (over: FocusCsvRow) => ({ ...base, ...over });
    const onDemandHours = u.onDemandMinutes / 60;
    if (onDemandHours > 0) {
      const list = onDemandHours * od;
      const restated = start.getTime() < lastBilledDay;
      const discount = pool.chipFamily === "graviton" && restated ? SAVINGS_PLAN_DISCOUNT : 0;
      rows.push(
        usageRow({
          ChargeDescription: `On Demand Linux ${pool.instanceType} Instance Hour`,
          ResourceId: instanceId(`${pool.id}|on-demand`),
          PricingQuantity: money(onDemandHours),
          ListCost: money(list),
          BilledCost: money(list * (1 - discount)),
          EffectiveCost: money(list * (1 - discount)),
          CommitmentDiscountId: discount > 0 ? SAVINGS_PLAN_ARN : "",
          CommitmentDiscountStatus: discount > 0 ? "Used" : "",
          Tags: tagsOf(pool),
        }),
      );
    }
    const coveredHours = u.coveredMinutes / 60;
    if (coveredHours > 0) {
      const reservedUsd = Math.max(0, u.spendUsd - onDemandHours * od);
      rows.push(
        usageRow({
          ChargeDescription: `Reserved capacity Linux ${pool.instanceType} Instance Hour`,
          ResourceId: instanceId(`${pool.id}|reserved`),
          PricingQuantity: money(coveredHours),
          ListCost: money(coveredHours * od),
          BilledCost: money(reservedUsd),
          EffectiveCost: money(reservedUsd),
          CapacityReservationId: pool.reservationId ?? "",
          CapacityReservationStatus: pool.reservationId ? "Used" : "",
          Tags: tagsOf(pool),
        }),
      );
    }
    const unusedHours = u.unusedMinutes / 60;
    if (unusedHours > 0 && pool.reservationId) {
      rows.push(
        usageRow({
          ChargeDescription: `Unused reservation Linux ${pool.instanceType} Instance Hour`,
          ResourceId: `arn:aws:ec2:${pool.region}:${ACCOUNT}:capacity-reservation/${pool.reservationId}`,
          PricingQuantity: money(unusedHours),
          ListCost: money(unusedHours * od),
          BilledCost: money(u.idleReservedUsd),
          EffectiveCost: money(u.idleReservedUsd),
          CapacityReservationId: pool.reservationId,
          CapacityReservationStatus: "Unused",
          Tags: "{}",
        }),
      );
    }
    if (pool.id === oddPool && start.getTime() === oddDay) {
      const list = DISCREPANCY_INSTANCE_HOURS * od;
      rows.push(
        usageRow({
          ChargeDescription: `On Demand Linux ${pool.instanceType} Instance Hour`,
          ResourceId: instanceId(`${pool.id}|untracked`),
          PricingQuantity: money(DISCREPANCY_INSTANCE_HOURS),
          ListCost: money(list),
          BilledCost: money(list),
          EffectiveCost: money(list),
          Tags: tagsOf(pool),
        }),
      );
    }
  }
  return rows;
}
