import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InventorySnapshot } from "@/lib/inventory/types";
import { joinZones, LIVE_RESERVATION_STATES, type InventoryChange } from "./diff-inventory";

export const SYNC_ACTOR = "inventory-sync";

// Writes a diff inside the sync's transaction, with one audit row per change. Retired rows keep
// everything but get a date; nothing is deleted, so history, telemetry and actions stay readable.
export async function applyInventoryChanges(args: {
  tx: Prisma.TransactionClient;
  snapshot: InventorySnapshot;
  changes: InventoryChange[];
  trigger: string;
  now: Date;
}): Promise<void> {
  const { tx, snapshot, changes, now } = args;
  const model = new Map(snapshot.models.map((m) => [m.id, m]));
  const pool = new Map(snapshot.pools.map((p) => [p.id, p]));
  const reservation = new Map(snapshot.reservations.map((r) => [r.id, r]));
  const price = new Map(snapshot.prices.map((p) => [`${p.instanceType}|${p.region}`, p]));
  const commitment = new Map(snapshot.commitments.map((c) => [c.id, c]));
  const of = (entity: InventoryChange["entity"]) => changes.filter((c) => c.entity === entity);

  // Models first (pool_model references them), reservations after pools (they reference pools).
  const newModels = of("model").filter((c) => c.kind === "added");
  await tx.model.createMany({ data: newModels.map((c) => modelRow(model.get(c.key)!)) });
  for (const c of of("model").filter((c) => c.kind !== "added")) {
    const data = c.kind === "retired" ? { retiredAt: now } : { ...modelRow(model.get(c.key)!), retiredAt: null };
    await tx.model.update({ where: { id: c.key }, data });
  }

  const poolRow = (id: string) => {
    const p = pool.get(id)!;
    return {
      chipFamily: p.chipFamily,
      instanceType: p.instanceType,
      region: p.region,
      availabilityZone: joinZones(p.availabilityZones),
      backingKind: p.backingKind,
      backingId: p.backingId,
      clusterName: p.clusterName,
      minCapacity: p.minCapacity,
      desiredCapacity: p.desiredCapacity,
      maxCapacity: p.maxCapacity,
      inventoryScope: p.scope,
    };
  };
  await tx.pool.createMany({
    data: of("pool")
      .filter((c) => c.kind === "added")
      .map((c) => ({ id: c.key, sourceKey: pool.get(c.key)!.sourceKey, ...poolRow(c.key) })),
  });
  for (const c of of("pool").filter((c) => c.kind !== "added")) {
    if (c.kind === "retired") await tx.pool.update({ where: { id: c.key }, data: { retiredAt: now } });
    else await tx.pool.update({ where: { id: c.key }, data: { ...poolRow(c.key), retiredAt: null } });
  }
  await tx.poolModel.createMany({
    data: of("pool_model").map((c) => ({ poolId: c.poolId!, modelId: c.modelId! })),
    skipDuplicates: true,
  });

  for (const c of of("price")) {
    const p = price.get(c.key)!;
    const data = { ...p, readAt: now };
    await tx.instancePrice.upsert({
      where: { instanceType_region: { instanceType: p.instanceType, region: p.region } },
      create: data,
      update: data,
    });
  }

  const reservationRow = (id: string) => {
    const r = reservation.get(id)!;
    return {
      instanceType: r.instanceType,
      region: r.region,
      availabilityZone: r.availabilityZone,
      instanceCount: r.totalInstanceCount,
      availableInstanceCount: r.availableInstanceCount,
      startAt: r.startAt,
      endAt: r.endAt,
      usdPerInstanceHour: r.usdPerInstanceHour,
      poolId: r.poolId,
      state: r.state,
      reservationType: r.reservationType,
      instanceMatchCriteria: r.instanceMatchCriteria,
      inventoryScope: r.scope,
    };
  };
  for (const c of of("reservation")) {
    if (c.kind === "added") await tx.capacityReservation.create({ data: { id: c.key, ...reservationRow(c.key) } });
    else if (c.kind === "retired")
      await tx.capacityReservation.update({ where: { id: c.key }, data: { retiredAt: now } });
    else
      await tx.capacityReservation.update({
        where: { id: c.key },
        data: { ...reservationRow(c.key), retiredAt: null },
      });
  }

  for (const c of of("commitment")) {
    const declared = commitment.get(c.key)!;
    const data = { ...declared, yearlyPlanUsd: declared.yearlyPlanUsd ?? Prisma.DbNull };
    await tx.commitment.upsert({ where: { id: c.key }, create: data, update: data });
  }

  await tx.auditEvent.createMany({
    data: changes.map((c) => ({
      actor: SYNC_ACTOR,
      actorRole: "system",
      action: auditAction(c, reservation.get(c.key)?.state),
      poolId: c.poolId ?? null,
      modelId: c.modelId ?? null,
      params: {
        key: c.key,
        source: snapshot.source,
        trigger: args.trigger,
        ...(c.fields ? { fields: jsonSafe(c.fields) } : {}),
      },
      outcome: "succeeded" as const,
    })),
  });
}

function modelRow(m: InventorySnapshot["models"][number]) {
  return {
    id: m.id,
    displayName: m.displayName,
    team: m.team,
    kind: m.kind,
    sloP95Ms: m.sloP95Ms,
    minServingInstances: m.minServingInstances,
    labelValue: m.labelValue === m.id ? null : m.labelValue,
    cloudwatchDimension: !m.cloudwatchDimension || m.cloudwatchDimension === m.id ? null : m.cloudwatchDimension,
  };
}

/** "inventory.pool.discovered", "inventory.reservation.expired", "inventory.price.changed", … */
export function auditAction(c: InventoryChange, reservationState?: string): string {
  if (c.entity === "reservation" && c.kind === "retired")
    return `inventory.reservation.${reservationState && !LIVE_RESERVATION_STATES.has(reservationState) ? reservationState : "gone"}`;
  const verb = {
    added: c.entity === "model" || c.entity === "commitment" ? "declared" : "discovered",
    changed: "changed",
    retired: "retired",
    returned: "returned",
  }[c.kind];
  return `inventory.${c.entity}.${c.entity === "pool_model" && c.kind === "added" ? "mapped" : verb}`;
}

/** Dates as ISO strings: audit params are JSON. */
function jsonSafe(fields: NonNullable<InventoryChange["fields"]>): Prisma.InputJsonValue {
  const v = (x: unknown) => (x instanceof Date ? x.toISOString() : (x ?? null));
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, { before: v(f.before), after: v(f.after) }]));
}
