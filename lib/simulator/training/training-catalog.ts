// The simulated fleet's training: three Capacity Blocks and the runs on them, dated from the time
// the training was seeded, plus older on-demand runs so iteration velocity has a history. Pure:
// tests compare against it. Blocks start and end at 11:30 UTC, as EC2 Capacity Blocks do.
import { terminationStart } from "@/lib/training/finish-prediction";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

export type SimBlock = {
  id: string;
  instanceType: string;
  region: string;
  availabilityZone: string;
  instanceCount: number;
  startAt: Date;
  endAt: Date;
  /** The booked price, $ per instance-hour (paid up front). */
  usdPerInstanceHour: number;
};

/** How the simulator makes a run's minutes (not stored: a function of the run id). */
export type SimRunProfile = {
  /** Tokens/s while progressing (± 2 % smooth noise). */
  baseTokensPerSecond: number;
  tokensPerStep: number;
  /** Restart episodes start every `restartEveryHours` after the first step; null: never restarts. */
  restartEveryHours: number | null;
  restartingMinutes: number;
  reloadMinutes: number;
};

export type SimRun = {
  id: string;
  name: string;
  model: string;
  team: string;
  pools: string[];
  instanceType: string;
  region: string;
  instances: number;
  neuronCores: number;
  queuedAt: Date;
  startedAt: Date;
  firstStepAt: Date;
  /** Set for runs that ended before the seed time. */
  endedAt: Date | null;
  outcome: "running" | "succeeded" | "failed";
  capacityReservationId: string | null;
  checkpointWriteSeconds: number;
  /** Hours of progress from the seed time past (+) or before (−) the block's termination start. */
  finishVersusCutoffHours: number | null;
  profile: SimRunProfile | null;
};

export const SIM_AT_RISK_RUN_ID = "sim-atlas-70b-v6-pretrain";
export const SIM_RESTARTING_RUN_ID = "sim-iris-vl-13b-sft";
export const SIM_DONE_RUN_ID = "sim-scribe-13b-code-v3";

const steady = (baseTokensPerSecond: number, tokensPerStep: number): SimRunProfile => ({
  baseTokensPerSecond,
  tokensPerStep,
  restartEveryHours: null,
  restartingMinutes: 0,
  reloadMinutes: 0,
});

/** How each simulated run with telemetry makes its minutes, by run id. */
export const SIM_RUN_PROFILES: Record<string, SimRunProfile> = {
  [SIM_AT_RISK_RUN_ID]: steady(180_000, 4_194_304),
  [SIM_RESTARTING_RUN_ID]: {
    baseTokensPerSecond: 95_000,
    tokensPerStep: 2_097_152,
    restartEveryHours: 8,
    restartingMinutes: 12,
    reloadMinutes: 8,
  },
  [SIM_DONE_RUN_ID]: steady(160_000, 4_194_304),
};

const CORES: Record<string, number> = { "trn1.32xlarge": 32, "trn2.48xlarge": 64 };

/** The first 11:30 UTC at or after `t`. */
function next1130(t: number): number {
  const day = Math.floor(t / DAY_MS) * DAY_MS + 11.5 * HOUR_MS;
  return day >= t ? day : day + DAY_MS;
}

export function buildSimulatedTraining(seedAt: Date) {
  const s = Math.floor(seedAt.getTime() / MINUTE_MS) * MINUTE_MS;
  const endA = next1130(s + 10 * HOUR_MS);
  const startA = endA - 3 * DAY_MS;
  const blocks: SimBlock[] = [
    {
      id: "cr-0b1a7c0ffee000a01",
      instanceType: "trn2.48xlarge",
      region: "us-east-1",
      availabilityZone: "us-east-1a",
      instanceCount: 16,
      startAt: new Date(startA),
      endAt: new Date(endA),
      usdPerInstanceHour: 35,
    },
    {
      id: "cr-0b1a7c0ffee000b02",
      instanceType: "trn1.32xlarge",
      region: "us-west-2",
      availabilityZone: "us-west-2a",
      instanceCount: 8,
      startAt: new Date(startA),
      endAt: new Date(endA + 2 * DAY_MS),
      usdPerInstanceHour: 12,
    },
    {
      id: "cr-0b1a7c0ffee000c03",
      instanceType: "trn1.32xlarge",
      region: "us-east-1",
      availabilityZone: "us-east-1b",
      instanceCount: 16,
      startAt: new Date(startA - 9 * DAY_MS),
      endAt: new Date(startA - 5 * DAY_MS),
      usdPerInstanceHour: 11.5,
    },
  ];
  const [a, b, c] = blocks as [SimBlock, SimBlock, SimBlock];
  const firstStepB = s - 24 * HOUR_MS - 5 * MINUTE_MS;
  const run = (r: Omit<SimRun, "neuronCores">): SimRun => ({ ...r, neuronCores: r.instances * CORES[r.instanceType]! });
  const runs: SimRun[] = [
    run({
      id: SIM_AT_RISK_RUN_ID,
      name: "atlas-70b-v6 pretrain",
      model: "atlas-70b-v6",
      team: "foundation",
      pools: ["train-use1-trn2-cb"],
      instanceType: a.instanceType,
      region: a.region,
      instances: 16,
      queuedAt: new Date(startA - 40 * MINUTE_MS),
      startedAt: new Date(startA + 5 * MINUTE_MS),
      firstStepAt: new Date(startA + 35 * MINUTE_MS),
      endedAt: null,
      outcome: "running",
      capacityReservationId: a.id,
      checkpointWriteSeconds: 900,
      finishVersusCutoffHours: 3,
      profile: SIM_RUN_PROFILES[SIM_AT_RISK_RUN_ID]!,
    }),
    run({
      id: SIM_RESTARTING_RUN_ID,
      name: "iris-vl-13b sft",
      model: "iris-vl-13b",
      team: "vision",
      pools: ["train-usw2-trn1-cb"],
      instanceType: b.instanceType,
      region: b.region,
      // Two more than the block holds: they run on-demand (overflow).
      instances: 10,
      queuedAt: new Date(firstStepB - 3 * HOUR_MS - 20 * MINUTE_MS),
      startedAt: new Date(firstStepB - 20 * MINUTE_MS),
      firstStepAt: new Date(firstStepB),
      endedAt: null,
      outcome: "running",
      capacityReservationId: b.id,
      checkpointWriteSeconds: 300,
      finishVersusCutoffHours: -12,
      // Restart episodes at first step + 8 h, 16 h, 24 h: at the seed time it is 5 minutes into the third.
      profile: SIM_RUN_PROFILES[SIM_RESTARTING_RUN_ID]!,
    }),
    run({
      id: SIM_DONE_RUN_ID,
      name: "scribe-13b-code-v3 pretrain",
      model: "scribe-13b-code-v3",
      team: "code",
      pools: ["train-use1-trn1-cb"],
      instanceType: c.instanceType,
      region: c.region,
      instances: 16,
      queuedAt: new Date(c.startAt.getTime() - 2 * HOUR_MS),
      startedAt: new Date(c.startAt.getTime() + 10 * MINUTE_MS),
      firstStepAt: new Date(c.startAt.getTime() + 40 * MINUTE_MS),
      endedAt: new Date(c.startAt.getTime() + 40 * MINUTE_MS + 60 * HOUR_MS),
      outcome: "succeeded",
      capacityReservationId: c.id,
      checkpointWriteSeconds: 300,
      finishVersusCutoffHours: null,
      profile: SIM_RUN_PROFILES[SIM_DONE_RUN_ID]!,
    }),
    ...historicalRuns(s),
  ];
  return { blocks, runs };
}

/** The deadline of a simulated run on a block: its termination start. */
export function simRunCutoff(run: SimRun, blocks: SimBlock[]): Date | null {
  const block = blocks.find((b) => b.id === run.capacityReservationId);
  return block ? terminationStart(block.endAt, block.instanceType) : null;
}

// Older runs on on-demand capacity, without telemetry (before Fleet Console tracked training):
// [model, team, instance type, instances, days before seed queued, queue wait min, to first step min, hours, outcome]
type HistoryRow = [string, string, string, number, number, number, number, number, "succeeded" | "failed"];
const HISTORY: HistoryRow[] = [
  ["atlas-70b-v5", "foundation", "trn2.48xlarge", 8, 52, 95, 28, 70, "succeeded"],
  ["atlas-70b-v5", "foundation", "trn2.48xlarge", 8, 40, 30, 31, 6, "failed"],
  ["atlas-70b-v5", "foundation", "trn2.48xlarge", 8, 36, 45, 26, 64, "succeeded"],
  ["iris-vl-13b", "vision", "trn1.32xlarge", 4, 33, 20, 18, 30, "succeeded"],
  ["iris-vl-13b", "vision", "trn1.32xlarge", 4, 21, 180, 22, 4, "failed"],
  ["iris-vl-13b", "vision", "trn1.32xlarge", 4, 17, 15, 19, 28, "succeeded"],
  ["scribe-13b-code-v2", "code", "trn1.32xlarge", 8, 27, 60, 24, 40, "succeeded"],
];

function historicalRuns(s: number): SimRun[] {
  return HISTORY.map(([model, team, instanceType, instances, daysAgo, waitMin, firstStepMin, hours, outcome], i) => {
    const queued = Math.floor((s - daysAgo * DAY_MS) / HOUR_MS) * HOUR_MS;
    const started = queued + waitMin * MINUTE_MS;
    return {
      id: `sim-history-${i + 1}`,
      name: `${model} #${i + 1}`,
      model,
      team,
      pools: [instanceType.startsWith("trn2") ? "train-use1-trn2-od" : "train-use1-trn1-od"],
      instanceType,
      region: "us-east-1",
      instances,
      neuronCores: instances * CORES[instanceType]!,
      queuedAt: new Date(queued),
      startedAt: new Date(started),
      firstStepAt: new Date(started + firstStepMin * MINUTE_MS),
      endedAt: new Date(started + hours * HOUR_MS),
      outcome,
      capacityReservationId: null,
      checkpointWriteSeconds: 600,
      finishVersusCutoffHours: null,
      profile: null,
    };
  });
}
