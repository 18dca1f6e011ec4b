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
  // A field is null when the source had no datapoint for it in this minute: never 0, never a
  // neighbouring minute's value. Every sum and average skips it (lib/telemetry/store, sql/).
  utilizationPct: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  /**
   * Requests per latency bucket (lib/telemetry/latency-histogram.ts), when the source measured
   * them. Without it the store builds the histogram from the three percentiles (what CloudWatch
   * gives per series, and how the simulated fleet defines its latency distribution).
   */
  latencyHistogram?: ArrayLike<number>;
  requests: number | null;
  units: number | null;
  /**
   * Instances in service (serving requests): the weight of utilization. Never null: the source falls
   * back to the inventory's desired capacity when it has no in-service metric.
   */
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
  /**
   * Whether a minute already returned can still change (CloudWatch datapoints arriving after the
   * settle time): the ingest then re-reads a trailing window each tick. The simulator's minutes
   * are final when returned.
   */
  readonly dataArrivesLate?: boolean;
  /** All complete minutes in [from, to) for the given series. */
  fetchMinutes(args: { series: SeriesRef[]; from: Date; to: Date }): Promise<FetchMinutesResult>;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const floorTo = (t: number, stepMs: number) => Math.floor(t / stepMs) * stepMs;
