import {
  RESERVATION_PERIOD_MS,
  type ReservationDatapoint,
  type ReservationUsageSource,
} from "@/lib/telemetry/reservations/types";
import { loadPoolInstanceCounts } from "./pool-in-service";

// The simulated fleet as a reservation-use source: what AWS/EC2CapacityReservations would report
// for it. A reservation's total is its instance count; its used instances are its pool's instances
// billed at the period's start (the simulated provider's instances, as the simulated telemetry
// counts them), up to that count; several reservations of one pool fill up in id order. A
// reservation without a pool has no instances in the simulated fleet to count: no datapoints.
// Used instances are the billed ones (launched, not terminated): an instance launched into a
// reservation uses it while it boots, as the cost math (lib/cost) counts it.
export function createSimulatedReservationSource(): ReservationUsageSource {
  return {
    name: "simulated",
    async fetchPeriods({ reservations, from, to }) {
      const pooled = reservations.filter((r) => r.poolId !== null).sort((a, b) => a.id.localeCompare(b.id));
      const counts = await loadPoolInstanceCounts({ poolIds: pooled.map((r) => r.poolId!), from, to });
      const datapoints: ReservationDatapoint[] = [];
      for (let t = from.getTime(); t < to.getTime(); t += RESERVATION_PERIOD_MS) {
        const unplaced = new Map<string, number>();
        for (const r of pooled) {
          const left = unplaced.get(r.poolId!) ?? counts(r.poolId!, t).billed;
          const used = Math.min(r.instanceCount, left);
          unplaced.set(r.poolId!, left - used);
          datapoints.push({
            reservationId: r.id,
            ts: new Date(t),
            usedInstances: used,
            availableInstances: r.instanceCount - used,
            totalInstances: r.instanceCount,
          });
        }
      }
      return { datapoints };
    },
  };
}
