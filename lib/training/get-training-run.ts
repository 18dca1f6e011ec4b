import "server-only";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { buildBlockRow } from "./build-block-row";
import { buildRunRow, type StoredReservation } from "./build-run-row";
import { queryRunFigures } from "./query-run-figures";
import type { TTrainingRunDetail } from "./run-detail-dto";

/** One run with its figures, its Capacity Block (if any) and its telemetry per hour. */
export async function getTrainingRun(args: { runId: string; now?: Date }): Promise<TTrainingRunDetail> {
  const now = args.now ?? new Date();
  const prisma = getPrisma();
  const run = await prisma.trainingRun.findUnique({
    where: { id: args.runId },
    include: { capacityReservation: true },
  });
  if (!run) throw new AppError("NOT_FOUND", `No training run ${args.runId}`);
  const [figures, price, hours, blockRuns] = await Promise.all([
    queryRunFigures([run.id]),
    prisma.instancePrice.findUnique({
      where: { instanceType_region: { instanceType: run.instanceType, region: run.region } },
      select: { onDemandUsdPerHour: true },
    }),
    // Raw SQL: an hourly GROUP BY with FILTER over the run's minutes.
    prisma.$queryRaw<
      {
        t: Date;
        tps: number | null;
        util: number | null;
        stepMs: number | null;
        progress: number;
        reported: number;
      }[]
    >`
      SELECT date_trunc('hour', ts) AS t,
        avg(tokens_per_second)::float8 AS tps,
        avg(neuroncore_utilization_pct)::float8 AS util,
        avg(step_time_ms)::float8 AS "stepMs",
        (count(*) FILTER (WHERE state = 'progressing'))::int AS progress,
        count(*)::int AS reported
      FROM training_run_minute WHERE run_id = ${run.id}
      GROUP BY 1 ORDER BY 1`,
    run.capacityReservationId
      ? prisma.trainingRun.findMany({ where: { capacityReservationId: run.capacityReservationId } })
      : Promise.resolve([]),
  ]);
  const reservation = run.capacityReservation;
  return {
    now: now.toISOString(),
    run: buildRunRow({
      run,
      figures: figures.get(run.id),
      reservation: reservation as StoredReservation | null,
      onDemandUsdPerHour: price?.onDemandUsdPerHour ?? null,
      now,
    }),
    block:
      reservation && reservation.reservationType === "capacity-block" && reservation.endAt
        ? buildBlockRow({ block: { ...reservation, endAt: reservation.endAt }, runs: blockRuns, now })
        : null,
    hours: hours.map((h) => ({
      t: h.t.toISOString(),
      tokensPerSecond: h.tps,
      neuronCoreUtilizationPct: h.util,
      stepTimeMs: h.stepMs,
      progressMinutes: h.progress,
      reportedMinutes: h.reported,
    })),
  };
}
