import "server-only";
import { type CapacityReservation, paginateDescribeCapacityReservations } from "@aws-sdk/client-ec2";
import type { DiscoveredReservation } from "@/lib/inventory/types";
import { getEc2Client } from "./inventory-aws-clients";
import { tagsToRecord } from "./tags-to-record";

/**
 * Every capacity reservation the account sees in one region, in every state (expired and cancelled
 * ones included: the sync decides what they mean). Capacity Blocks come back here too, told apart
 * by ReservationType.
 */
export async function discoverCapacityReservations(args: { region: string }): Promise<DiscoveredReservation[]> {
  const scope = `ec2/${args.region}`;
  const client = getEc2Client(args.region);
  const found: DiscoveredReservation[] = [];
  for await (const page of paginateDescribeCapacityReservations({ client, pageSize: 1000 }, {})) {
    for (const cr of page.CapacityReservations ?? []) found.push(toDiscoveredReservation(cr, scope, args.region));
  }
  return found;
}

function toDiscoveredReservation(cr: CapacityReservation, scope: string, region: string): DiscoveredReservation {
  return {
    id: cr.CapacityReservationId!,
    scope,
    instanceType: cr.InstanceType!,
    region,
    availabilityZone: cr.AvailabilityZone!,
    totalInstanceCount: cr.TotalInstanceCount ?? 0,
    availableInstanceCount: cr.AvailableInstanceCount ?? 0,
    state: cr.State!,
    startAt: cr.StartDate!,
    // EndDateType "unlimited" runs until cancelled; "limited" ends at EndDate.
    endAt: cr.EndDateType === "unlimited" ? null : (cr.EndDate ?? null),
    instanceMatchCriteria: cr.InstanceMatchCriteria === "targeted" ? "targeted" : "open",
    reservationType: cr.ReservationType === "capacity-block" ? "capacity-block" : "default",
    tags: tagsToRecord(cr.Tags),
  };
}
