import { usd, usdOrNull } from "@/lib/money/usd";
import { predictFinish } from "./finish-prediction";
import { computeGoodput } from "./goodput";
import { RECENT_MINUTES, type RunFigures } from "./query-run-figures";
import { computeRunCost, tokensPerUsd, type RunReservation } from "./run-cost";
import type { TTrainingRunRow } from "./training-dto";

export type StoredRun = {
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
  startedAt: Date | null;
  firstStepAt: Date | null;
  endedAt: Date | null;
  outcome: TTrainingRunRow["outcome"];
  restarts: number;
  targetTokens: number;
  checkpointWriteSeconds: number | null;
  capacityReservationId: string | null;
};

export type StoredReservation = RunReservation & { id: string; instanceType: string; reservationType: string };

const MINUTE_MS = 60_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Cost of a run from start to its end (or now); zero hours for a run that has not started. */
export function runCost(run: StoredRun, reservation: StoredReservation | null, onDemand: number | null, now: Date) {
  const end = run.endedAt ?? now;
  return computeRunCost({
    instances: run.instances,
    startedAt: run.startedAt ?? end,
    endAt: end,
    reservation,
    onDemandUsdPerHour: onDemand,
  });
}

/** One run with every figure defined in lib/training, at `now`. */
export function buildRunRow(args: {
  run: StoredRun;
  figures: RunFigures | undefined;
  reservation: StoredReservation | null;
  onDemandUsdPerHour: number | null;
  now: Date;
}): TTrainingRunRow {
  const { run, figures: f, reservation, now } = args;
  const cost = runCost(run, reservation, args.onDemandUsdPerHour, now);
  const end = run.endedAt ?? now;
  const wallMinutes = run.startedAt ? Math.max(0, (end.getTime() - run.startedAt.getTime()) / MINUTE_MS) : 0;
  const goodput = f ? computeGoodput({ wallMinutes, stateMinutes: f.stateMinutes }) : null;
  const recentTps = f ? f.recentTokens / (Math.min(RECENT_MINUTES, f.minutes) * 60) : null;
  const isBlock = reservation?.reservationType === "capacity-block" && reservation.endAt !== null;
  const prediction =
    run.outcome === "running" && f
      ? predictFinish({
          now,
          targetTokens: run.targetTokens,
          tokensDone: f.tokens,
          recentTokensPerSecond: recentTps,
          block: isBlock ? { endAt: reservation.endAt!, instanceType: reservation.instanceType } : null,
          checkpointWriteSeconds: run.checkpointWriteSeconds ?? 0,
        })
      : null;
  return {
    id: run.id,
    name: run.name,
    model: run.model,
    team: run.team,
    pools: run.pools,
    instanceType: run.instanceType,
    region: run.region,
    instances: run.instances,
    neuronCores: run.neuronCores,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: iso(run.startedAt),
    firstStepAt: iso(run.firstStepAt),
    endedAt: iso(run.endedAt),
    outcome: run.outcome,
    restarts: run.restarts,
    capacityBlockId: isBlock ? reservation.id : null,
    targetTokens: run.targetTokens,
    tokensDone: f ? f.tokens : null,
    progressPct: f && run.targetTokens > 0 ? Math.min(100, (f.tokens / run.targetTokens) * 100) : null,
    state: f ? f.lastState : null,
    cost: {
      reservedInstanceHours: cost.reservedInstanceHours,
      onDemandInstanceHours: cost.onDemandInstanceHours,
      reservedUsd: usd(cost.reservedUsd),
      onDemandUsd: usdOrNull(cost.onDemandUsd),
      totalUsd: usdOrNull(cost.totalUsd),
    },
    tokensPerUsd: tokensPerUsd(f ? f.tokens : null, cost.totalUsd),
    goodputPct: goodput?.goodputPct ?? null,
    unknownMinutes: goodput?.unknownMinutes ?? 0,
    neuronCoreUtilizationPct: f?.utilizationPct ?? null,
    recentTokensPerSecond: recentTps,
    stepTimeMs: f?.stepTimeMs ?? null,
    prediction: {
      predictedFinishAt: iso(prediction?.predictedFinishAt ?? null),
      cutoffAt: iso(prediction?.cutoffAt ?? null),
      willFinishInTime: prediction?.willFinishInTime ?? null,
      // Without a declared checkpoint write time the latest safe checkpoint is unknown.
      latestSafeCheckpointAt:
        run.checkpointWriteSeconds === null ? null : iso(prediction?.latestSafeCheckpointAt ?? null),
    },
  };
}
