import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { ReservationDatapoint } from "@/lib/telemetry/reservations/types";
import { capacityReservationMetric, toMetricDataQuery } from "./pool-metrics";

export type ReservationField = keyof Pick<
  ReservationDatapoint,
  "usedInstances" | "availableInstances" | "totalInstances"
>;
export type PlannedReservationQuery = { query: MetricDataQuery; reservationId: string; field: ReservationField };

// InstanceUtilization is not asked for: it is used / total, and CloudWatch bills per metric.
const RESERVATION_METRICS = [
  { suffix: "used", metricName: "UsedInstanceCount", field: "usedInstances" },
  { suffix: "avail", metricName: "AvailableInstanceCount", field: "availableInstances" },
  { suffix: "total", metricName: "TotalInstanceCount", field: "totalInstances" },
] as const;

/**
 * Three queries per reservation (used, available, total; Average over the period). Ids are
 * `c<index>_<used|avail|total>` by the reservation's place in `reservationIds`: GetMetricData ids
 * must match ^[a-z][a-zA-Z0-9_]*$, which a reservation id (cr-0abc…) does not.
 */
export function buildReservationQueries(args: {
  reservationIds: string[];
  periodSeconds: number;
}): PlannedReservationQuery[] {
  return args.reservationIds.flatMap((reservationId, i) =>
    RESERVATION_METRICS.map((m) => ({
      query: toMetricDataQuery(
        `c${i}_${m.suffix}`,
        capacityReservationMetric(reservationId, m.metricName),
        args.periodSeconds,
      ),
      reservationId,
      field: m.field,
    })),
  );
}
