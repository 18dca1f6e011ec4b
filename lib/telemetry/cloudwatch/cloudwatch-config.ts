import "server-only";
import { parseCloudWatchEnv } from "@/lib/config";

// CloudWatch settings, parsed in lib/config.ts. Regions are not configured here: each pool row
// carries its own, and a client is made per region on first use. Credentials come from the SDK's
// default provider chain (env, SSO/profile, web identity, ECS/EC2 role).

export type CloudWatchConfig = {
  app: {
    namespace: string;
    modelDimension: string;
    poolDimension: string;
    latencyMetric: string;
    requestsMetric: string;
    unitsMetric: string;
    /** Requests from the requests metric's Sum, or from the latency metric's SampleCount. */
    requestsFrom: "requests-sum" | "latency-sample-count";
  };
  neuron: {
    source: "container-insights" | "neuron-monitor";
    monitorNamespace: string;
    monitorMetric: string;
    monitorPoolDimension: string;
  };
  retry: { maxAttempts: number; mode: "standard" | "adaptive" };
  settleSeconds: number;
  /** Period at which AWS/EC2 metrics are read (300: basic monitoring, 60: detailed). */
  ec2PeriodSeconds: 60 | 300;
};

/** Pure: parses the given environment (tests pass their own). */
export function parseCloudWatchConfig(env?: Record<string, string | undefined>): CloudWatchConfig {
  const e = parseCloudWatchEnv(env);
  return {
    app: {
      namespace: e.CLOUDWATCH_APP_NAMESPACE,
      modelDimension: e.CLOUDWATCH_MODEL_DIMENSION,
      poolDimension: e.CLOUDWATCH_POOL_DIMENSION,
      latencyMetric: e.CLOUDWATCH_LATENCY_METRIC,
      requestsMetric: e.CLOUDWATCH_REQUESTS_METRIC,
      unitsMetric: e.CLOUDWATCH_UNITS_METRIC,
      requestsFrom: e.CLOUDWATCH_REQUESTS_FROM,
    },
    neuron: {
      source: e.NEURON_METRICS_SOURCE,
      monitorNamespace: e.NEURON_MONITOR_NAMESPACE,
      monitorMetric: e.NEURON_MONITOR_METRIC,
      monitorPoolDimension: e.NEURON_MONITOR_POOL_DIMENSION,
    },
    retry: { maxAttempts: e.CLOUDWATCH_MAX_ATTEMPTS, mode: e.CLOUDWATCH_RETRY_MODE },
    settleSeconds: e.CLOUDWATCH_SETTLE_SECONDS,
    ec2PeriodSeconds: e.CLOUDWATCH_EC2_PERIOD_SECONDS === 60 ? 60 : 300,
  };
}

let cached: CloudWatchConfig | undefined;
export function getCloudWatchConfig(): CloudWatchConfig {
  cached ??= parseCloudWatchConfig();
  return cached;
}
