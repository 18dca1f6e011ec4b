// How much of the time a run held its instances went into making progress.

/** What a run did in one minute, as its telemetry says. */
export const PROGRESS_STATES = ["progressing", "restarting", "checkpoint_reload", "waiting"] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

export type Goodput = {
  /** Minutes with state "progressing". */
  progressMinutes: number;
  /** Wall minutes from start to end (or now). */
  wallMinutes: number;
  /** Wall minutes with no telemetry: counted as not progressing (nobody saw progress), shown apart. */
  unknownMinutes: number;
  /** progressMinutes / wallMinutes × 100; null before the first minute. */
  goodputPct: number | null;
};

/**
 * goodput = time making progress / wall time the run held its instances (start → end or now).
 * Restarts, checkpoint reloads and waiting (scheduling, before the first step) are the badput.
 */
export function computeGoodput(args: {
  wallMinutes: number;
  stateMinutes: Partial<Record<ProgressState, number>>;
}): Goodput {
  const seen = PROGRESS_STATES.reduce((s, k) => s + (args.stateMinutes[k] ?? 0), 0);
  const progressMinutes = args.stateMinutes.progressing ?? 0;
  return {
    progressMinutes,
    wallMinutes: args.wallMinutes,
    unknownMinutes: Math.max(0, args.wallMinutes - seen),
    goodputPct: args.wallMinutes > 0 ? (progressMinutes / args.wallMinutes) * 100 : null,
  };
}
