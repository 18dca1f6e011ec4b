// One minute of a simulated training run: a pure function of the run and the minute, so a catch-up
// after downtime regenerates exactly what a live tick would have written.
import type { ProgressState } from "@/lib/training/goodput";
import { noise, smoothNoise, streamOf } from "../noise";
import type { SimRunProfile } from "./training-catalog";

const MINUTE_MS = 60_000;
const SEED = 19;

export type TrainingMinutePoint = {
  ts: Date;
  state: ProgressState;
  neuronCoreUtilizationPct: number;
  tokensPerSecond: number;
  stepTimeMs: number | null;
};

/** Restart episodes begun at or before `t` (each one restarting, then reloading a checkpoint). */
export function restartsBy(profile: SimRunProfile, firstStepAt: Date, t: number): number {
  if (!profile.restartEveryHours) return 0;
  const since = t - firstStepAt.getTime();
  return since < 0 ? 0 : Math.floor(since / (profile.restartEveryHours * 3_600_000));
}

function stateAt(profile: SimRunProfile, firstStepAt: Date, t: number): ProgressState {
  if (t < firstStepAt.getTime()) return "waiting";
  if (!profile.restartEveryHours || restartsBy(profile, firstStepAt, t) === 0) return "progressing";
  const period = profile.restartEveryHours * 3_600_000;
  const into = (t - firstStepAt.getTime()) % period;
  if (into < profile.restartingMinutes * MINUTE_MS) return "restarting";
  if (into < (profile.restartingMinutes + profile.reloadMinutes) * MINUTE_MS) return "checkpoint_reload";
  return "progressing";
}

export function simulateTrainingMinute(args: {
  runId: string;
  profile: SimRunProfile;
  firstStepAt: Date;
  t: number;
}): TrainingMinutePoint {
  const { profile, t } = args;
  const stream = streamOf(args.runId);
  const minute = t / MINUTE_MS;
  const state = stateAt(profile, args.firstStepAt, t);
  const jitter = noise(SEED, stream, minute) * 2 - 1;
  if (state !== "progressing") {
    const util = { waiting: 4, restarting: 1.5, checkpoint_reload: 12 }[state] + jitter;
    return { ts: new Date(t), state, neuronCoreUtilizationPct: util, tokensPerSecond: 0, stepTimeMs: null };
  }
  const tps = Math.round(profile.baseTokensPerSecond * (1 + 0.02 * smoothNoise(SEED, stream, minute, 45)));
  return {
    ts: new Date(t),
    state,
    neuronCoreUtilizationPct: Math.min(100, 86 + 3 * smoothNoise(SEED, stream + 1, minute, 30) + jitter),
    tokensPerSecond: tps,
    stepTimeMs: Math.round((profile.tokensPerStep / tps) * 1000),
  };
}
