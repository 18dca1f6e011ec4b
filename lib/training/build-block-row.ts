import { usd } from "@/lib/money/usd";
import { terminationStart } from "./finish-prediction";
import type { StoredReservation, StoredRun } from "./build-run-row";
import { computeRunCost } from "./run-cost";
import type { TCapacityBlockRow } from "./training-dto";

const HOUR_MS = 3_600_000;

/**
 * One Capacity Block on the timeline. Idle block-hours = the block's instance-hours elapsed so far
 * (start → min(now, end)) − the instance-hours its runs used inside it (each run at most the block's
 * count; never below 0 if runs overlapped); idle $ = idle block-hours × the booked price.
 */
export function buildBlockRow(args: {
  block: StoredReservation & { endAt: Date; poolId: string | null; region: string; availabilityZone: string };
  runs: StoredRun[];
  now: Date;
}): TCapacityBlockRow {
  const { block, runs, now } = args;
  const start = block.startAt.getTime();
  const end = block.endAt.getTime();
  const elapsedHours = Math.max(0, Math.min(now.getTime(), end) - start) / HOUR_MS;
  const used = runs.reduce((s, r) => {
    if (!r.startedAt) return s;
    const runEnd = new Date(Math.min((r.endedAt ?? now).getTime(), now.getTime()));
    return (
      s +
      computeRunCost({
        instances: r.instances,
        startedAt: r.startedAt,
        endAt: runEnd,
        reservation: block,
        onDemandUsdPerHour: 0,
      }).reservedInstanceHours
    );
  }, 0);
  const idle = Math.max(0, elapsedHours * block.instanceCount - used);
  const cutoff = terminationStart(block.endAt, block.instanceType);
  return {
    id: block.id,
    poolId: block.poolId,
    runPools: [...new Set(runs.flatMap((r) => r.pools))].sort(),
    instanceType: block.instanceType,
    region: block.region,
    availabilityZone: block.availabilityZone,
    instanceCount: block.instanceCount,
    startAt: block.startAt.toISOString(),
    endAt: block.endAt.toISOString(),
    terminationStartAt: cutoff.toISOString(),
    usdPerInstanceHour: block.usdPerInstanceHour,
    totalUsd: usd(((end - start) / HOUR_MS) * block.instanceCount * block.usdPerInstanceHour),
    status: now.getTime() < start ? "upcoming" : now.getTime() < end ? "active" : "ended",
    minutesToTermination: now < cutoff ? Math.floor((cutoff.getTime() - now.getTime()) / 60_000) : null,
    runs: runs.map((r) => ({ id: r.id, name: r.name, outcome: r.outcome })),
    idleInstanceHours: idle,
    idleUsd: usd(idle * block.usdPerInstanceHour),
  };
}
