// The telemetry source interface: the simulated fleet and CloudWatch both implement it, and the
// ingest job (lib/telemetry/run-ingest.ts) is the only caller. Nothing else knows which runs.

/** One telemetry series: a pool serving a model, with what a source needs to find its metrics. */
export type SeriesRef = {
  seriesId: number;
  poolId: string;
  modelId: string;
  /** The model dimension's value on application metrics, when it is not the id (fleet config `match.cloudwatchDimension`). */
  modelMetricValue?: string;
  region: string;
  availabilityZone: string;
  instanceType: string;
  chipFamily: "trainium" | "graviton";
  backingKind: "asg" | "eks_nodegroup" | "karpenter_nodepool";
  backingId: string;
  clusterName: string | null;
  desiredCapacity: number;
};

/** A measured minute, before cost is applied by the store. */
export type TelemetryMinutePoint = {
  seriesId: number;
  poolId: string;
  /** Start of the minute (UTC, whole minute). */
  ts: Date;
  utilizationPct: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
  /**
   * Requests per latency bucket (lib/telemetry/latency-histogram.ts), when the source measured
   * them. Without it the store builds the histogram from the three percentiles (what CloudWatch
   * gives per series, and how the simulated fleet defines its latency distribution).
   */
  latencyHistogram?: ArrayLike<number>;
  requests: number;
  units: number;
  /** Instances in service (serving requests): the weight of utilization. */
  instances: number;
  /**
   * Instances billed: launched (pending or running) and not terminated, as EC2 bills them, so an
   * instance still booting is billed but not in service. Spend is priced on these (lib/cost).
   * Absent: the source only knows the instances in service, and those are billed.
   */
  billedInstances?: number;
};

export type FetchMinutesResult = {
  points: TelemetryMinutePoint[];
  /** API usage for the ingest's own accounting (CloudWatch bills per metric requested). */
  usage?: { requests: number; metricsRequested: number };
  /**
   * Every minute before this was returned or has no data and never will: the watermark may move
   * here even when the window was empty, so an empty window is not requested again every tick.
   */
  completeUntil?: Date;
};

export interface TelemetrySource {
  readonly name: "simulated" | "cloudwatch";
  /** All complete minutes in [from, to) for the given series. */
  fetchMinutes(args: { series: SeriesRef[]; from: Date; to: Date }): Promise<FetchMinutesResult>;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const floorTo = (t: number, stepMs: number) => Math.floor(t / stepMs) * stepMs;
