import { z } from "zod";
import { ZUsd } from "@/lib/money/usd";
import { PROGRESS_STATES } from "./goodput";

// The /training payloads. Times are ISO strings; money is ZUsd (rounded once, here at the edge);
// a figure the data cannot give is null, never 0.

export const TRAINING_OUTCOMES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;

export const ZTrainingRunRow = z.object({
  id: z.string(),
  name: z.string(),
  model: z.string(),
  team: z.string(),
  pools: z.array(z.string()),
  instanceType: z.string(),
  region: z.string(),
  instances: z.number().int(),
  neuronCores: z.number().int(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  firstStepAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  outcome: z.enum(TRAINING_OUTCOMES),
  restarts: z.number().int(),
  capacityBlockId: z.string().nullable(),
  targetTokens: z.number(),
  /** Σ tokens/s × 60 over the run's minutes; null without telemetry. */
  tokensDone: z.number().nullable(),
  progressPct: z.number().nullable(),
  /** The state of its newest minute. */
  state: z.enum(PROGRESS_STATES).nullable(),
  cost: z.object({
    reservedInstanceHours: z.number(),
    onDemandInstanceHours: z.number(),
    reservedUsd: ZUsd,
    onDemandUsd: ZUsd.nullable(),
    totalUsd: ZUsd.nullable(),
  }),
  tokensPerUsd: z.number().nullable(),
  goodputPct: z.number().nullable(),
  unknownMinutes: z.number(),
  /** Mean over the reported minutes. */
  neuronCoreUtilizationPct: z.number().nullable(),
  /** Tokens in the newest 60 minutes of telemetry / 3,600 s. */
  recentTokensPerSecond: z.number().nullable(),
  /** Mean step time over minutes with a step, ms. */
  stepTimeMs: z.number().nullable(),
  prediction: z.object({
    predictedFinishAt: z.string().nullable(),
    cutoffAt: z.string().nullable(),
    willFinishInTime: z.boolean().nullable(),
    latestSafeCheckpointAt: z.string().nullable(),
  }),
});
export type TTrainingRunRow = z.infer<typeof ZTrainingRunRow>;

export const ZCapacityBlockRow = z.object({
  id: z.string(),
  poolId: z.string().nullable(),
  /** The pools its runs name (a block may serve a pool Fleet Console does not manage). */
  runPools: z.array(z.string()),
  instanceType: z.string(),
  region: z.string(),
  availabilityZone: z.string(),
  instanceCount: z.number().int(),
  startAt: z.string(),
  endAt: z.string(),
  terminationStartAt: z.string(),
  usdPerInstanceHour: z.number(),
  /** instanceCount × hours × price: what the block cost up front. */
  totalUsd: ZUsd,
  status: z.enum(["upcoming", "active", "ended"]),
  /** Minutes from now to the termination start; null once it has passed. */
  minutesToTermination: z.number().nullable(),
  runs: z.array(z.object({ id: z.string(), name: z.string(), outcome: z.enum(TRAINING_OUTCOMES) })),
  /** Block instance-hours elapsed so far that no run used, and their dollars. */
  idleInstanceHours: z.number(),
  idleUsd: ZUsd,
});
export type TCapacityBlockRow = z.infer<typeof ZCapacityBlockRow>;

export const ZVelocityRow = z.object({
  key: z.string(),
  runs: z.number().int(),
  runsPerWeek: z.number(),
  medianQueueWaitMinutes: z.number().nullable(),
  medianTimeToFirstStepMinutes: z.number().nullable(),
  succeeded: z.number().int(),
  costPerSuccessfulRunUsd: ZUsd.nullable(),
});
export type TVelocityRow = z.infer<typeof ZVelocityRow>;

export const ZTrainingOverview = z.object({
  now: z.string(),
  runs: z.array(ZTrainingRunRow),
  blocks: z.array(ZCapacityBlockRow),
  velocity: z.object({
    from: z.string(),
    to: z.string(),
    byModel: z.array(ZVelocityRow),
    byTeam: z.array(ZVelocityRow),
  }),
});
export type TTrainingOverview = z.infer<typeof ZTrainingOverview>;
