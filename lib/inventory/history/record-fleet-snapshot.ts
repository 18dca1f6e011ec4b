import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TFleetSnapshotBody } from "./fleet-snapshot-body";

/** The live (not retired) pools and reservations, in a canonical order so equal fleets hash equal. */
export async function readFleetSnapshotBody(tx: Prisma.TransactionClient): Promise<TFleetSnapshotBody> {
  const [pools, reservations] = await Promise.all([
    tx.pool.findMany({
      where: { retiredAt: null },
      select: {
        id: true,
        chipFamily: true,
        instanceType: true,
        region: true,
        minCapacity: true,
        desiredCapacity: true,
        maxCapacity: true,
        models: { select: { modelId: true }, orderBy: { modelId: "asc" } },
      },
      orderBy: { id: "asc" },
    }),
    tx.capacityReservation.findMany({
      where: { retiredAt: null },
      select: {
        id: true,
        poolId: true,
        instanceType: true,
        region: true,
        instanceCount: true,
        usdPerInstanceHour: true,
        startAt: true,
        endAt: true,
      },
      orderBy: { id: "asc" },
    }),
  ]);
  return {
    pools: pools.map(({ models, ...p }) => ({ ...p, modelIds: models.map((m) => m.modelId) })),
    reservations: reservations.map((r) => ({
      ...r,
      startAt: r.startAt.toISOString(),
      endAt: r.endAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Writes a FleetSnapshot when the inventory differs from the latest snapshot (by the hash of its
 * canonical JSON), in the caller's transaction so it commits with the change it records.
 * Returns whether one was written.
 */
export async function recordFleetSnapshot(args: {
  tx: Prisma.TransactionClient;
  now: Date;
  reason: string;
}): Promise<boolean> {
  const { tx, now, reason } = args;
  const fleet = await readFleetSnapshotBody(tx);
  const hash = createHash("sha256").update(JSON.stringify(fleet)).digest("hex");
  const latest = await tx.fleetSnapshot.findFirst({
    select: { hash: true },
    orderBy: [{ takenAt: "desc" }, { id: "desc" }],
  });
  if (latest?.hash === hash) return false;
  await tx.fleetSnapshot.create({ data: { takenAt: now, hash, reason, fleet } });
  return true;
}
