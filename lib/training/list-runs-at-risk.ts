import "server-only";
import { getPrisma } from "@/lib/db";
import { buildRunRow, type StoredReservation } from "./build-run-row";
import { queryRunFigures } from "./query-run-figures";

/**
 * Running runs on a Capacity Block predicted to finish after its termination start (end − 30 min,
 * 60 for UltraServers), for Needs attention. A run whose finish cannot be predicted (no throughput)
 * is not listed: the run's page says "unknown", never "at risk" on a guess.
 */
export async function listRunsAtRisk(args: { now: Date }) {
  const prisma = getPrisma();
  const runs = await prisma.trainingRun.findMany({
    where: { outcome: "running", capacityReservation: { reservationType: "capacity-block" } },
    include: {
      capacityReservation: {
        select: {
          id: true,
          instanceType: true,
          instanceCount: true,
          startAt: true,
          endAt: true,
          usdPerInstanceHour: true,
          reservationType: true,
          poolId: true,
        },
      },
    },
  });
  const figures = await queryRunFigures(runs.map((r) => r.id));
  return runs.flatMap((run) => {
    const row = buildRunRow({
      run,
      figures: figures.get(run.id),
      reservation: run.capacityReservation as StoredReservation | null,
      onDemandUsdPerHour: null,
      now: args.now,
    });
    const p = row.prediction;
    if (p.willFinishInTime !== false || !p.predictedFinishAt || !p.cutoffAt || !row.capacityBlockId) return [];
    return [
      {
        runId: run.id,
        runName: run.name,
        blockId: row.capacityBlockId,
        /** The Fleet Console pool the block is targeted at, when it is one: where a drain is proposed. */
        poolId: run.capacityReservation?.poolId ?? null,
        instanceType: run.instanceType,
        predictedFinishAt: new Date(p.predictedFinishAt),
        cutoffAt: new Date(p.cutoffAt),
        latestSafeCheckpointAt: p.latestSafeCheckpointAt ? new Date(p.latestSafeCheckpointAt) : null,
      },
    ];
  });
}
