import type { Dimension, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { SeriesRef } from "@/lib/telemetry/types";
import type { CloudWatchConfig } from "./cloudwatch-config";

// Where a pool's node-level metrics live. Pools are found by the aggregate dimensions CloudWatch
// already publishes (AutoScalingGroupName, ClusterName), so a pool costs one query whatever its
// instance count. SEARCH over per-instance series would also do that, but SEARCH only sees
// metrics reported in the last two weeks, so it could not backfill.
export type MetricRef = { namespace: string; metricName: string; dimensions: Dimension[]; stat: string };

export type PoolRef = Pick<SeriesRef, "poolId" | "chipFamily" | "backingKind" | "backingId" | "clusterName">;

const dim = (Name: string, Value: string): Dimension => ({ Name, Value });

function clusterOf(pool: PoolRef): string {
  if (!pool.clusterName) throw new Error(`pool ${pool.poolId} (${pool.backingKind}) has no cluster name`);
  return pool.clusterName;
}

/**
 * Utilization in percent. ASG pools are exact (EC2 aggregates by AutoScalingGroupName; the
 * CloudWatch agent publishing neuron-monitor data aggregates the same way). Container Insights
 * has no node-group dimension, so EKS / Karpenter pools read their cluster's average there:
 * pools that share a cluster share a figure (neuron-monitor with a pool dimension avoids that).
 */
export function poolUtilizationMetric(pool: PoolRef, config: CloudWatchConfig): MetricRef {
  if (pool.chipFamily === "graviton") {
    return pool.backingKind === "asg"
      ? {
          namespace: "AWS/EC2",
          metricName: "CPUUtilization",
          dimensions: [dim("AutoScalingGroupName", pool.backingId)],
          stat: "Average",
        }
      : {
          namespace: "ContainerInsights",
          metricName: "node_cpu_utilization",
          dimensions: [dim("ClusterName", clusterOf(pool))],
          stat: "Average",
        };
  }
  // A plain ASG has no Container Insights, so its Neuron data can only come from neuron-monitor.
  if (config.neuron.source === "neuron-monitor" || pool.backingKind === "asg") {
    return {
      namespace: config.neuron.monitorNamespace,
      metricName: config.neuron.monitorMetric,
      dimensions: [dim(config.neuron.monitorPoolDimension, pool.backingId)],
      stat: "Average",
    };
  }
  return {
    namespace: "ContainerInsights",
    metricName: "node_neuroncore_utilization",
    dimensions: [dim("ClusterName", clusterOf(pool))],
    stat: "Average",
  };
}

/**
 * Instances in service: GroupInServiceInstances for ASGs (needs group metrics collection on the
 * ASG). Node groups and NodePools have no such metric; the caller uses the pool's desired
 * capacity from PostgreSQL, which the fleet provider keeps current.
 */
export function poolInServiceMetric(pool: PoolRef): MetricRef | null {
  if (pool.backingKind !== "asg") return null;
  return {
    namespace: "AWS/AutoScaling",
    metricName: "GroupInServiceInstances",
    dimensions: [dim("AutoScalingGroupName", pool.backingId)],
    stat: "Average",
  };
}

/**
 * Instances billed: GroupTotalInstances for ASGs (pending, in service and terminating: EC2 bills an
 * instance from launch until it has terminated), so booting instances are priced. Node groups and
 * NodePools have no such metric: their spend is priced on the instances in service.
 */
export function poolBilledMetric(pool: PoolRef): MetricRef | null {
  if (pool.backingKind !== "asg") return null;
  return {
    namespace: "AWS/AutoScaling",
    metricName: "GroupTotalInstances",
    dimensions: [dim("AutoScalingGroupName", pool.backingId)],
    stat: "Average",
  };
}

/** One metric of a capacity reservation (AWS/EC2CapacityReservations, published every 5 minutes). */
export function capacityReservationMetric(reservationId: string, metricName: string): MetricRef {
  return {
    namespace: "AWS/EC2CapacityReservations",
    metricName,
    dimensions: [dim("CapacityReservationId", reservationId)],
    stat: "Average",
  };
}

/** Billing and dedup key: CloudWatch bills per metric, and up to 5 stats of one metric count once. */
export function metricKeyOf(m: Pick<MetricRef, "namespace" | "metricName" | "dimensions">): string {
  const dims = [...m.dimensions]
    .sort((a, b) => (a.Name ?? "").localeCompare(b.Name ?? ""))
    .map((d) => `${d.Name}=${d.Value}`);
  return `${m.namespace}|${m.metricName}|${dims.join(",")}`;
}

/** One GetMetricData query for a metric at the given period (its values returned). */
export function toMetricDataQuery(id: string, ref: MetricRef, periodSeconds: number): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: ref.namespace, MetricName: ref.metricName, Dimensions: ref.dimensions },
      Period: periodSeconds,
      Stat: ref.stat,
    },
    ReturnData: true,
  };
}
