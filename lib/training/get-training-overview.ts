import "server-only";
import { getPrisma } from "@/lib/db";
import { usdOrNull } from "@/lib/money/usd";
import { buildBlockRow } from "./build-block-row";
import { buildRunRow, runCost, type StoredReservation, type StoredRun } from "./build-run-row";
import { queryRunFigures } from "./query-run-figures";
import type { TTrainingOverview, TVelocityRow } from "./training-dto";
import { computeVelocity, type VelocityRun } from "./velocity";

const DAY_MS = 86_400_000;
/** Iteration velocity looks at the runs queued in the last 8 weeks. */
export const VELOCITY_WINDOW_DAYS = 56;

const RESERVATION_SELECT = {
  id: true,
  instanceType: true,
  region: true,
  availabilityZone: true,
  instanceCount: true,
  startAt: true,
  endAt: true,
  usdPerInstanceHour: true,
  reservationType: true,
  poolId: true,
} as const;

/** Every run with its figures, every Capacity Block on the timeline, and velocity per model and team. */
export async function getTrainingOverview(args: { now?: Date } = {}): Promise<TTrainingOverview> {
  const now = args.now ?? new Date();
  const prisma = getPrisma();
  const [runs, blocks, prices] = await Promise.all([
    prisma.trainingRun.findMany({
      orderBy: [{ queuedAt: "desc" }, { id: "asc" }],
      include: { capacityReservation: { select: RESERVATION_SELECT } },
    }),
    prisma.capacityReservation.findMany({
      where: { reservationType: "capacity-block" },
      orderBy: [{ startAt: "asc" }, { id: "asc" }],
      select: RESERVATION_SELECT,
    }),
    prisma.instancePrice.findMany({ select: { instanceType: true, region: true, onDemandUsdPerHour: true } }),
  ]);
  const onDemand = new Map(prices.map((p) => [`${p.instanceType}|${p.region}`, p.onDemandUsdPerHour]));
  const figures = await queryRunFigures(runs.map((r) => r.id));
  const rows = runs.map((r) =>
    buildRunRow({
      run: r,
      figures: figures.get(r.id),
      reservation: r.capacityReservation as StoredReservation | null,
      onDemandUsdPerHour: onDemand.get(`${r.instanceType}|${r.region}`) ?? null,
      now,
    }),
  );
  const from = new Date(now.getTime() - VELOCITY_WINDOW_DAYS * DAY_MS);
  const velocityRuns = runs.map((r) => ({
    key: { model: r.model, team: r.team },
    run: {
      queuedAt: r.queuedAt,
      startedAt: r.startedAt,
      firstStepAt: r.firstStepAt,
      outcome: r.outcome,
      costUsd: runCost(
        r as StoredRun,
        r.capacityReservation as StoredReservation | null,
        onDemand.get(`${r.instanceType}|${r.region}`) ?? null,
        now,
      ).totalUsd,
    } satisfies VelocityRun,
  }));
  const velocityBy = (k: "model" | "team"): TVelocityRow[] => {
    const keys = [...new Set(velocityRuns.map((v) => v.key[k]))].sort();
    return keys.flatMap((key) => {
      const v = computeVelocity({
        runs: velocityRuns.filter((x) => x.key[k] === key).map((x) => x.run),
        from,
        to: now,
      });
      return v.runs === 0 ? [] : [{ key, ...v, costPerSuccessfulRunUsd: usdOrNull(v.costPerSuccessfulRunUsd) }];
    });
  };
  return {
    now: now.toISOString(),
    runs: rows,
    blocks: blocks.flatMap((b) =>
      b.endAt
        ? [
            buildBlockRow({
              block: { ...b, endAt: b.endAt },
              runs: runs.filter((r) => r.capacityReservationId === b.id),
              now,
            }),
          ]
        : [],
    ),
    velocity: {
      from: from.toISOString(),
      to: now.toISOString(),
      byModel: velocityBy("model"),
      byTeam: velocityBy("team"),
    },
  };
}
