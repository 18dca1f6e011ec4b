import "server-only";
import { getPrisma } from "@/lib/db";
import { terminationStart } from "@/lib/training/finish-prediction";
import { restartsBy } from "./simulate-training-minute";
import { simulateRunMinutes } from "./seed-simulated-training";
import { SIM_RUN_PROFILES } from "./training-catalog";

const MINUTE_MS = 60_000;
/** A tick after long downtime catches up at most this much per run (the next tick does the rest). */
const MAX_CATCH_UP_MS = 2 * 86_400_000;

/**
 * Moves the simulated training on to `now`: each running simulated run gets its minutes since its
 * last one; a run that reaches its target tokens succeeds, and one still going at its block's
 * termination start fails there (EC2 terminated its instances). Idempotent: minutes are keyed.
 */
export async function extendSimulatedTraining(args: { now: Date }): Promise<number> {
  const prisma = getPrisma();
  const nowMs = Math.floor(args.now.getTime() / MINUTE_MS) * MINUTE_MS;
  const runs = await prisma.trainingRun.findMany({
    where: { outcome: "running", sourceKey: { startsWith: "sim/" } },
    include: { capacityReservation: { select: { endAt: true, instanceType: true } } },
  });
  let written = 0;
  for (const run of runs) {
    const profile = SIM_RUN_PROFILES[run.id];
    if (!profile || !run.startedAt || !run.firstStepAt) continue;
    const block = run.capacityReservation;
    const cutoff = block?.endAt ? terminationStart(block.endAt, block.instanceType).getTime() : Infinity;
    const agg = await prisma.trainingRunMinute.aggregate({
      where: { runId: run.id },
      _max: { ts: true },
      _sum: { tokensPerSecond: true },
    });
    const from = agg._max.ts ? agg._max.ts.getTime() + MINUTE_MS : run.startedAt.getTime();
    const to = Math.min(nowMs, cutoff, from + MAX_CATCH_UP_MS);
    if (to <= from) continue;
    let done = (agg._sum.tokensPerSecond ?? 0) * 60;
    const points = simulateRunMinutes({ id: run.id, profile, firstStepAt: run.firstStepAt }, from, to);
    const kept = [];
    let endedAt: Date | null = null;
    for (const p of points) {
      kept.push(p);
      done += p.tokensPerSecond * 60;
      if (done >= run.targetTokens) {
        endedAt = new Date(p.ts.getTime() + MINUTE_MS);
        break;
      }
    }
    const outcome = endedAt ? "succeeded" : to >= cutoff ? "failed" : "running";
    if (!endedAt && outcome === "failed") endedAt = new Date(cutoff);
    await prisma.$transaction([
      prisma.trainingRunMinute.createMany({ data: kept.map((p) => ({ runId: run.id, ...p })), skipDuplicates: true }),
      prisma.trainingRun.update({
        where: { id: run.id },
        data: { outcome, endedAt, restarts: restartsBy(profile, run.firstStepAt, (endedAt?.getTime() ?? to) - 1) },
      }),
    ]);
    written += kept.length;
  }
  return written;
}
