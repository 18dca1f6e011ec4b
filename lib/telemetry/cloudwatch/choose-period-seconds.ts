// CloudWatch keeps 60 s data for 15 days, 300 s data for 63 days and 3600 s data for 455 days; a
// query for older data at a finer period returns nothing. The oldest point asked for decides.
const DAY_MS = 86_400_000;

export const CLOUDWATCH_RETENTION = [
  { periodSeconds: 60, keptDays: 15 },
  { periodSeconds: 300, keptDays: 63 },
  { periodSeconds: 3600, keptDays: 455 },
] as const;

export type PeriodSeconds = (typeof CLOUDWATCH_RETENTION)[number]["periodSeconds"];

/** The finest period CloudWatch still holds for every point of [from, to). */
export function choosePeriodSeconds(args: { from: Date; to: Date; now: Date }): PeriodSeconds {
  if (args.to.getTime() <= args.from.getTime())
    throw new Error(`empty range ${args.from.toISOString()}..${args.to.toISOString()}`);
  const ageDays = (args.now.getTime() - args.from.getTime()) / DAY_MS;
  const tier = CLOUDWATCH_RETENTION.find((t) => ageDays <= t.keptDays);
  return tier?.periodSeconds ?? 3600;
}

/**
 * StartTime/EndTime snapped out to whole periods: CloudWatch buckets datapoints from StartTime,
 * so aligned bounds give buckets on period boundaries that every chunk and every reader agree on.
 */
export function alignToPeriod(args: { from: Date; to: Date; periodSeconds: number }): {
  startTime: Date;
  endTime: Date;
} {
  const step = args.periodSeconds * 1000;
  return {
    startTime: new Date(Math.floor(args.from.getTime() / step) * step),
    endTime: new Date(Math.ceil(args.to.getTime() / step) * step),
  };
}
