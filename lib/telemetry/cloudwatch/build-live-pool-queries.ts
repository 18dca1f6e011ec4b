import type { MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchConfig } from "./cloudwatch-config";
import {
  capacityReservationMetric,
  poolInServiceMetric,
  poolUtilizationMetric,
  toMetricDataQuery,
  type PoolRef,
} from "./pool-metrics";

// The queries behind one pool's live view: node utilization, instances in service (ASGs) and, per
// targeted capacity reservation, AWS/EC2CapacityReservations used / available / utilization.
export type LiveQueryTarget =
  | { kind: "utilization" }
  | { kind: "inService" }
  | { kind: "reservation"; reservationId: string; field: "usedInstances" | "availableInstances" | "utilizationPct" };

const RESERVATION_METRICS = [
  { suffix: "used", metricName: "UsedInstanceCount", field: "usedInstances" },
  { suffix: "avail", metricName: "AvailableInstanceCount", field: "availableInstances" },
  { suffix: "util", metricName: "InstanceUtilization", field: "utilizationPct" },
] as const;

export function buildLivePoolQueries(args: {
  pool: PoolRef;
  reservationIds: string[];
  periodSeconds: number;
  config: CloudWatchConfig;
}): Array<{ query: MetricDataQuery; target: LiveQueryTarget }> {
  const { pool, periodSeconds } = args;
  const planned: Array<{ query: MetricDataQuery; target: LiveQueryTarget }> = [
    {
      query: toMetricDataQuery("util", poolUtilizationMetric(pool, args.config), periodSeconds),
      target: { kind: "utilization" },
    },
  ];
  const inService = poolInServiceMetric(pool);
  if (inService)
    planned.push({ query: toMetricDataQuery("inservice", inService, periodSeconds), target: { kind: "inService" } });
  args.reservationIds.forEach((reservationId, i) => {
    for (const m of RESERVATION_METRICS) {
      planned.push({
        query: toMetricDataQuery(
          `r${i}_${m.suffix}`,
          capacityReservationMetric(reservationId, m.metricName),
          periodSeconds,
        ),
        target: { kind: "reservation", reservationId, field: m.field },
      });
    }
  });
  return planned;
}
