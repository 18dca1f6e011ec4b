import "server-only";
import { getPrisma } from "@/lib/db";
import type { TFleetSnapshotBody } from "@/lib/inventory/history/fleet-snapshot-body";
import { loadFleetAsOf } from "@/lib/inventory/history/load-fleet-as-of";
import { readFleetSnapshotBody } from "@/lib/inventory/history/record-fleet-snapshot";
import type { TReviewFleetBasis } from "./review-dto";

/**
 * Which fleet a month's recommendations are computed from. A month in progress: today's. A past
 * month: the fleet as it was at the month's end (the last FleetSnapshot before it), so a launch
 * after the month does not change its review; today's only when the history does not reach back
 * that far, and the basis says so.
 */
export async function reviewFleetBasis(args: {
  monthEnd: Date;
  dataEnd: Date;
}): Promise<{ fleet: TFleetSnapshotBody; asOf: Date; basis: TReviewFleetBasis }> {
  const { monthEnd, dataEnd } = args;
  if (monthEnd.getTime() <= dataEnd.getTime()) {
    const snapshot = await loadFleetAsOf(monthEnd);
    if (snapshot)
      return {
        fleet: snapshot.fleet,
        asOf: monthEnd,
        basis: { source: "snapshot", asOf: monthEnd.toISOString(), changedAt: snapshot.takenAt.toISOString() },
      };
  }
  const fleet = await readFleetSnapshotBody(getPrisma());
  return { fleet, asOf: dataEnd, basis: { source: "current", asOf: dataEnd.toISOString(), changedAt: null } };
}
