import "server-only";
import { z } from "zod";

// CloudWatch settings, parsed once from the environment. Regions are not configured here: each
// pool row carries its own, and a client is made per region on first use. Credentials come from
// the SDK's default provider chain (env, SSO/profile, web identity, ECS/EC2 role).
const ZName = z.string().trim().min(1).max(255);

const ZCloudWatchEnv = z.object({
  /** Namespace the model servers publish their request metrics to. */
  CLOUDWATCH_APP_NAMESPACE: ZName.default("FleetConsole/Inference"),
  /** Dimension carrying the model id (Model.id) on application metrics. */
  CLOUDWATCH_MODEL_DIMENSION: ZName.default("Model"),
  /** Dimension carrying the pool id (Pool.id) on application metrics. */
  CLOUDWATCH_POOL_DIMENSION: ZName.default("Pool"),
  /** Request latency in milliseconds; read as p50, p95 and p99. */
  CLOUDWATCH_LATENCY_METRIC: ZName.default("RequestLatency"),
  /** Requests served (read as Sum). */
  CLOUDWATCH_REQUESTS_METRIC: ZName.default("Requests"),
  /** Units of work (tokens for LLMs, images for VLMs, items for ranking), read as Sum. */
  CLOUDWATCH_UNITS_METRIC: ZName.default("Units"),
  NEURON_METRICS_SOURCE: z.enum(["container-insights", "neuron-monitor"]).default("container-insights"),
  NEURON_MONITOR_NAMESPACE: ZName.default("NeuronMonitor"),
  NEURON_MONITOR_METRIC: ZName.default("neuroncore_utilization"),
  /** Dimension whose value is the pool's backing id (ASG / node group / NodePool name). */
  NEURON_MONITOR_POOL_DIMENSION: ZName.default("AutoScalingGroupName"),
  /** Attempts per GetMetricData call, first one included (the SDK's retry strategy). */
  CLOUDWATCH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  CLOUDWATCH_RETRY_MODE: z.enum(["standard", "adaptive"]).default("standard"),
  /** Minutes newer than this are left for a later tick: CloudWatch data arrives late. */
  CLOUDWATCH_SETTLE_SECONDS: z.coerce.number().int().min(0).max(900).default(120),
});

export type CloudWatchConfig = {
  app: { namespace: string; modelDimension: string; poolDimension: string; latencyMetric: string; requestsMetric: string; unitsMetric: string };
  neuron: { source: "container-insights" | "neuron-monitor"; monitorNamespace: string; monitorMetric: string; monitorPoolDimension: string };
  retry: { maxAttempts: number; mode: "standard" | "adaptive" };
  settleSeconds: number;
};

/** Pure: parses the given environment (tests pass their own). */
export function parseCloudWatchConfig(env: Record<string, string | undefined>): CloudWatchConfig {
  const e = ZCloudWatchEnv.parse(env);
  return {
    app: {
      namespace: e.CLOUDWATCH_APP_NAMESPACE,
      modelDimension: e.CLOUDWATCH_MODEL_DIMENSION,
      poolDimension: e.CLOUDWATCH_POOL_DIMENSION,
      latencyMetric: e.CLOUDWATCH_LATENCY_METRIC,
      requestsMetric: e.CLOUDWATCH_REQUESTS_METRIC,
      unitsMetric: e.CLOUDWATCH_UNITS_METRIC,
    },
    neuron: {
      source: e.NEURON_METRICS_SOURCE,
      monitorNamespace: e.NEURON_MONITOR_NAMESPACE,
      monitorMetric: e.NEURON_MONITOR_METRIC,
      monitorPoolDimension: e.NEURON_MONITOR_POOL_DIMENSION,
    },
    retry: { maxAttempts: e.CLOUDWATCH_MAX_ATTEMPTS, mode: e.CLOUDWATCH_RETRY_MODE },
    settleSeconds: e.CLOUDWATCH_SETTLE_SECONDS,
  };
}

let cached: CloudWatchConfig | undefined;
export function getCloudWatchConfig(): CloudWatchConfig {
  cached ??= parseCloudWatchConfig(process.env);
  return cached;
}
