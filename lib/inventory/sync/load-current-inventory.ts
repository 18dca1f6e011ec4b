import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ZYearlyPlanUsd } from "@/lib/capacity/commitment-plan";
import type { CurrentInventory } from "./diff-inventory";

/** The inventory as stored, in the shape diffInventory compares (read inside the sync's transaction). */
export async function loadCurrentInventory(tx: Prisma.TransactionClient): Promise<CurrentInventory> {
  const [models, pools, reservations, prices, commitments] = await Promise.all([
    tx.model.findMany(),
    // Pools without a source key were made by hand (tests, scripts), not by a sync: not ours to retire.
    tx.pool.findMany({ where: { sourceKey: { not: null } }, include: { models: { select: { modelId: true } } } }),
    tx.capacityReservation.findMany(),
    tx.instancePrice.findMany(),
    tx.commitment.findMany(),
  ]);
  return {
    models: models.map((m) => ({
      id: m.id,
      displayName: m.displayName,
      team: m.team,
      kind: m.kind,
      sloP95Ms: m.sloP95Ms,
      minServingInstances: m.minServingInstances,
      labelValue: m.labelValue ?? m.id,
      cloudwatchDimension: m.cloudwatchDimension ?? m.id,
      retiredAt: m.retiredAt,
    })),
    pools: pools.map((p) => ({
      id: p.id,
      sourceKey: p.sourceKey!,
      inventoryScope: p.inventoryScope,
      chipFamily: p.chipFamily,
      instanceType: p.instanceType,
      region: p.region,
      availabilityZone: p.availabilityZone,
      backingKind: p.backingKind,
      backingId: p.backingId,
      clusterName: p.clusterName,
      minCapacity: p.minCapacity,
      desiredCapacity: p.desiredCapacity,
      maxCapacity: p.maxCapacity,
      modelIds: p.models.map((m) => m.modelId),
      retiredAt: p.retiredAt,
    })),
    reservations: reservations.map((r) => ({
      id: r.id,
      scope: r.inventoryScope ?? "simulated",
      instanceType: r.instanceType,
      region: r.region,
      availabilityZone: r.availabilityZone,
      instanceCount: r.instanceCount,
      availableInstanceCount: r.availableInstanceCount,
      startAt: r.startAt,
      endAt: r.endAt,
      usdPerInstanceHour: r.usdPerInstanceHour,
      poolId: r.poolId,
      state: r.state,
      reservationType: r.reservationType === "capacity-block" ? "capacity-block" : "default",
      instanceMatchCriteria: r.instanceMatchCriteria === "targeted" ? "targeted" : "open",
      retiredAt: r.retiredAt,
    })),
    prices: prices.map((p) => ({
      instanceType: p.instanceType,
      region: p.region,
      onDemandUsdPerHour: p.onDemandUsdPerHour,
      reservedUsdPerHour: p.reservedUsdPerHour,
      source: p.source === "price-list" || p.source === "config" ? p.source : "simulated",
      sku: p.sku,
    })),
    commitments: commitments.map((c) => ({
      id: c.id,
      name: c.name,
      totalUsd: c.totalUsd,
      startAt: c.startAt,
      endAt: c.endAt,
      priorSpendUsd: c.priorSpendUsd,
      yearlyPlanUsd: c.yearlyPlanUsd === null ? null : ZYearlyPlanUsd.parse(c.yearlyPlanUsd),
      takeOrPay: c.takeOrPay,
    })),
  };
}
