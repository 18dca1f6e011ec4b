import "server-only";
import { getPrisma } from "@/lib/db";
import { ZFleetSnapshotBody, type TFleetSnapshotBody } from "./fleet-snapshot-body";

/**
 * The fleet as it was just before `at`: the latest snapshot taken before it (valid from its
 * takenAt until the next one). null: no history reaches back that far.
 */
export async function loadFleetAsOf(at: Date): Promise<{ takenAt: Date; fleet: TFleetSnapshotBody } | null> {
  const row = await getPrisma().fleetSnapshot.findFirst({
    where: { takenAt: { lt: at } },
    select: { takenAt: true, fleet: true },
    orderBy: [{ takenAt: "desc" }, { id: "desc" }],
  });
  return row ? { takenAt: row.takenAt, fleet: ZFleetSnapshotBody.parse(row.fleet) } : null;
}
