import "server-only";
import { getPrisma } from "@/lib/db";
import type { FleetIndex } from "./map-line-item";

/** The inventory as the billing mapping needs it: pools (retired ones too: old bills name them) and reservations. */
export async function loadFleetIndex(): Promise<FleetIndex> {
  const prisma = getPrisma();
  const [pools, reservations] = await Promise.all([
    prisma.pool.findMany({
      select: { id: true, region: true, backingKind: true, backingId: true, clusterName: true },
    }),
    prisma.capacityReservation.findMany({ select: { id: true, poolId: true } }),
  ]);
  return { pools, reservationPool: new Map(reservations.map((r) => [r.id, r.poolId])) };
}
