// Iteration velocity: how often a model (or team) gets a training run through, and what it costs.

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

export type VelocityRun = {
  queuedAt: Date;
  startedAt: Date | null;
  firstStepAt: Date | null;
  outcome: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  costUsd: number | null;
};

export type Velocity = {
  runs: number;
  /** runs queued in [from, to) / the window's length in weeks. */
  runsPerWeek: number;
  /** Median of started − queued over runs that started, in minutes; null without one. */
  medianQueueWaitMinutes: number | null;
  /** Median of first step − started over runs that reached a first step, in minutes. */
  medianTimeToFirstStepMinutes: number | null;
  succeeded: number;
  /** Σ cost of succeeded runs / their count; null without a succeeded run or when a cost is unknown. */
  costPerSuccessfulRunUsd: number | null;
};

/** Median as PostgreSQL's percentile_cont(0.5): the middle value, or the mean of the two middle ones. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Velocity of the runs queued in [from, to). Queue wait = started − queued (scheduling, waiting
 * for capacity); time to first step = first step − started (image pull, compile, checkpoint load).
 */
export function computeVelocity(args: { runs: VelocityRun[]; from: Date; to: Date }): Velocity {
  const runs = args.runs.filter((r) => r.queuedAt >= args.from && r.queuedAt < args.to);
  const weeks = (args.to.getTime() - args.from.getTime()) / WEEK_MS;
  const minutes = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;
  const ok = runs.filter((r) => r.outcome === "succeeded");
  const costs = ok.map((r) => r.costUsd);
  return {
    runs: runs.length,
    runsPerWeek: weeks > 0 ? runs.length / weeks : 0,
    medianQueueWaitMinutes: median(runs.flatMap((r) => (r.startedAt ? [minutes(r.queuedAt, r.startedAt)] : []))),
    medianTimeToFirstStepMinutes: median(
      runs.flatMap((r) => (r.startedAt && r.firstStepAt ? [minutes(r.startedAt, r.firstStepAt)] : [])),
    ),
    succeeded: ok.length,
    costPerSuccessfulRunUsd:
      ok.length === 0 || costs.some((c) => c === null)
        ? null
        : costs.reduce<number>((s, c) => s + (c ?? 0), 0) / ok.length,
  };
}
