import "server-only";
import { getPrisma } from "@/lib/db";
import { simulateTrainingMinute, restartsBy, type TrainingMinutePoint } from "./simulate-training-minute";
import { buildSimulatedTraining, simRunCutoff, type SimRun } from "./training-catalog";

const MINUTE_MS = 60_000;
/** Where the simulated Capacity Blocks say they came from (the simulated inventory sync leaves them alone). */
export const SIMULATED_TRAINING_SCOPE = "simulated-training";

/** A simulated run's minutes over [from, to), one per minute. */
export function simulateRunMinutes(run: Pick<SimRun, "id" | "profile" | "firstStepAt">, from: number, to: number) {
  const points: TrainingMinutePoint[] = [];
  if (!run.profile) return points;
  for (let t = from; t < to; t += MINUTE_MS)
    points.push(simulateTrainingMinute({ runId: run.id, profile: run.profile, firstStepAt: run.firstStepAt, t }));
  return points;
}

export const tokensOf = (points: TrainingMinutePoint[]) => points.reduce((s, p) => s + p.tokensPerSecond * 60, 0);

/**
 * Seeds the simulated training once (returns false when runs exist): the Capacity Blocks as
 * capacity-block reservations, the runs, and their minutes up to `now`. Each run's target tokens are
 * set so that, at the seed time, it finishes where the catalog says relative to its block's
 * termination start (the at-risk run 3 h after it, the restarting one 12 h before).
 */
export async function seedSimulatedTraining(opts: { now?: Date } = {}): Promise<boolean> {
  const prisma = getPrisma();
  if ((await prisma.trainingRun.count()) > 0) return false;
  const now = opts.now ?? new Date();
  const s = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const { blocks, runs } = buildSimulatedTraining(now);
  const minutes = new Map(
    runs.map((r) => [r.id, simulateRunMinutes(r, r.startedAt.getTime(), (r.endedAt ?? new Date(s)).getTime())]),
  );
  await prisma.$transaction(
    async (tx) => {
      await tx.capacityReservation.createMany({
        skipDuplicates: true,
        data: blocks.map((b) => {
          const expired = b.endAt.getTime() <= s;
          return {
            ...b,
            poolId: null,
            state: expired ? "expired" : b.startAt.getTime() > s ? "scheduled" : "active",
            reservationType: "capacity-block",
            instanceMatchCriteria: "targeted",
            availableInstanceCount: null,
            inventoryScope: SIMULATED_TRAINING_SCOPE,
            retiredAt: expired ? b.endAt : null,
          };
        }),
      });
      await tx.trainingRun.createMany({
        data: runs.map((r) => {
          const points = minutes.get(r.id)!;
          const done = tokensOf(points);
          const cutoff = simRunCutoff(r, blocks);
          const target =
            r.profile && r.finishVersusCutoffHours !== null && cutoff
              ? done +
                r.profile.baseTokensPerSecond * ((cutoff.getTime() - s) / 1000 + r.finishVersusCutoffHours * 3600)
              : r.profile
                ? done
                : r.instances * 1e10;
          return {
            id: r.id,
            sourceKey: `sim/${r.id}`,
            name: r.name,
            model: r.model,
            team: r.team,
            pools: r.pools,
            instanceType: r.instanceType,
            region: r.region,
            instances: r.instances,
            neuronCores: r.neuronCores,
            queuedAt: r.queuedAt,
            startedAt: r.startedAt,
            firstStepAt: r.firstStepAt,
            endedAt: r.endedAt,
            outcome: r.outcome,
            restarts: r.profile ? restartsBy(r.profile, r.firstStepAt, (r.endedAt ?? new Date(s)).getTime() - 1) : 0,
            targetTokens: Math.round(target),
            checkpointWriteSeconds: r.checkpointWriteSeconds,
            capacityReservationId: r.capacityReservationId,
          };
        }),
      });
      const rows = runs.flatMap((r) => minutes.get(r.id)!.map((p) => ({ runId: r.id, ...p })));
      for (let i = 0; i < rows.length; i += 5000)
        await tx.trainingRunMinute.createMany({ data: rows.slice(i, i + 5000) });
    },
    { timeout: 60_000 },
  );
  return true;
}
