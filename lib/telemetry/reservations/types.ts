// The reservation-use source interface: CloudWatch (AWS/EC2CapacityReservations) and the simulated
// fleet both implement it, and the reservation ingest (run-reservation-ingest.ts) is the only
// caller. Like TelemetrySource, nothing else knows which one runs.

/** AWS/EC2CapacityReservations publishes every 5 minutes; the store keeps one row per period. */
export const RESERVATION_PERIOD_SECONDS = 300;
export const RESERVATION_PERIOD_MS = RESERVATION_PERIOD_SECONDS * 1000;

/** A reservation as a source needs it. */
export type ReservationRef = {
  id: string;
  region: string;
  poolId: string | null;
  instanceCount: number;
};

/**
 * What a source measured for one reservation and period (ts: the period's start, UTC). A field
 * is absent when the source had no datapoint for it: the store keeps it null, never 0.
 */
export type ReservationDatapoint = {
  reservationId: string;
  ts: Date;
  usedInstances?: number;
  availableInstances?: number;
  totalInstances?: number;
};

export type FetchReservationPeriodsResult = {
  datapoints: ReservationDatapoint[];
  /** API usage for the ingest's own accounting (CloudWatch bills per metric requested). */
  usage?: { requests: number; metricsRequested: number };
};

export interface ReservationUsageSource {
  readonly name: "simulated" | "cloudwatch";
  /** Datapoints of the periods in [from, to) (both on period boundaries) for the given reservations. */
  fetchPeriods(args: { reservations: ReservationRef[]; from: Date; to: Date }): Promise<FetchReservationPeriodsResult>;
}
