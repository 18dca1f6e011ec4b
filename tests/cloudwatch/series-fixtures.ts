// SeriesRef fixtures for the CloudWatch source tests: made up here, no database involved.
import type { SeriesRef } from "@/lib/telemetry/types";

export function seriesRef(over: Partial<SeriesRef> & Pick<SeriesRef, "seriesId" | "poolId" | "modelId">): SeriesRef {
  return {
    region: "us-east-1",
    availabilityZone: "us-east-1a",
    instanceType: "c8g.16xlarge",
    chipFamily: "graviton",
    backingKind: "asg",
    backingId: `asg-${over.poolId}`,
    clusterName: null,
    desiredCapacity: 10,
    ...over,
  };
}

/** The seven queries one graviton ASG series costs on its own, exactly as CloudWatch must get them. */
export function expectedAsgSeriesQueries(s: SeriesRef, periodSeconds: number, opts: { withPoolQueries: boolean }) {
  const app = (suffix: string, metricName: string, stat: string) => ({
    Id: `s${s.seriesId}_${suffix}`,
    MetricStat: {
      Metric: {
        Namespace: "FleetConsole/Inference",
        MetricName: metricName,
        Dimensions: [
          { Name: "Model", Value: s.modelId },
          { Name: "Pool", Value: s.poolId },
        ],
      },
      Period: periodSeconds,
      Stat: stat,
    },
    ReturnData: true,
  });
  const pool = (id: string, namespace: string, metricName: string) => ({
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: [{ Name: "AutoScalingGroupName", Value: s.backingId }],
      },
      Period: periodSeconds,
      Stat: "Average",
    },
    ReturnData: true,
  });
  return [
    app("p50", "RequestLatency", "p50"),
    app("p95", "RequestLatency", "p95"),
    app("p99", "RequestLatency", "p99"),
    app("req", "Requests", "Sum"),
    app("units", "Units", "Sum"),
    ...(opts.withPoolQueries
      ? [
          pool(`u${s.seriesId}`, "AWS/EC2", "CPUUtilization"),
          pool(`n${s.seriesId}`, "AWS/AutoScaling", "GroupInServiceInstances"),
          pool(`b${s.seriesId}`, "AWS/AutoScaling", "GroupTotalInstances"),
        ]
      : []),
  ];
}
