// Will a run finish before EC2 starts terminating its Capacity Block? Pure, tested at the boundary.

const MINUTE_MS = 60_000;

/**
 * EC2 begins terminating a Capacity Block's instances this long before its end: 30 minutes, 60 for
 * UltraServers (the trn2u types). Before that, at end − 40 min, it emits the expiration warning.
 */
export function terminationLeadMinutes(instanceType: string): number {
  return instanceType.startsWith("trn2u.") ? 60 : 30;
}

/** termination start = block end − 30 min (60 for UltraServers): the run's real deadline. */
export function terminationStart(blockEndAt: Date, instanceType: string): Date {
  return new Date(blockEndAt.getTime() - terminationLeadMinutes(instanceType) * MINUTE_MS);
}

export type FinishPrediction = {
  /** now + remaining work / recent throughput; null when throughput is unknown or 0 (cannot say). */
  predictedFinishAt: Date | null;
  /** termination start of the block; null for a run not on a block (no deadline). */
  cutoffAt: Date | null;
  /** predictedFinishAt ≤ cutoffAt (exactly at the cut-off counts as in time); null when either is unknown. */
  willFinishInTime: boolean | null;
  /**
   * The latest time a checkpoint can start and still be written before the cut-off:
   * cutoffAt − the run's declared checkpoint write time. null without a cut-off.
   */
  latestSafeCheckpointAt: Date | null;
};

/**
 * Finish-in-time prediction.
 * - remaining work = target tokens − tokens trained so far (never below 0);
 * - recent throughput = tokens trained over the last window (restarts included: a restarting run's
 *   zero-progress minutes slow it down, as they will in the time left) / the window's seconds;
 * - predicted finish = now + remaining / throughput;
 * - cut-off = block end − 30 min (60 for UltraServers).
 */
export function predictFinish(args: {
  now: Date;
  targetTokens: number;
  tokensDone: number;
  recentTokensPerSecond: number | null;
  block: { endAt: Date; instanceType: string } | null;
  checkpointWriteSeconds: number;
}): FinishPrediction {
  const remaining = Math.max(0, args.targetTokens - args.tokensDone);
  const tps = args.recentTokensPerSecond;
  const predictedFinishAt =
    remaining === 0
      ? args.now
      : tps === null || tps <= 0
        ? null
        : new Date(args.now.getTime() + Math.ceil((remaining / tps) * 1000));
  const cutoffAt = args.block ? terminationStart(args.block.endAt, args.block.instanceType) : null;
  return {
    predictedFinishAt,
    cutoffAt,
    willFinishInTime:
      predictedFinishAt === null || cutoffAt === null ? null : predictedFinishAt.getTime() <= cutoffAt.getTime(),
    latestSafeCheckpointAt: cutoffAt ? new Date(cutoffAt.getTime() - args.checkpointWriteSeconds * 1000) : null,
  };
}
