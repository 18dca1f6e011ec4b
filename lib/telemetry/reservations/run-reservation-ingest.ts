import "server-only";
import { saveIngestRun } from "@/lib/telemetry/store/save-ingest-run";
import { forgetFleetReads } from "@/lib/cache/fleet-read-cache";
import { getPrisma } from "@/lib/db";
import { CLOUDWATCH_RETENTION } from "@/lib/telemetry/cloudwatch/choose-period-seconds";
import { CloudWatchQueryError } from "@/lib/telemetry/cloudwatch/fetch-metric-data";
import { MINUTE_MS, floorTo } from "@/lib/telemetry/types";
import { planReservationWindows, toUsageRows, type LiveReservation } from "./plan-reservation-windows";
import { RESERVATION_PERIOD_MS, RESERVATION_PERIOD_SECONDS, type ReservationUsageSource } from "./types";
import { writeReservationUsage } from "./write-reservation-usage";

export type ReservationIngestResult = {
  from: Date | null;
  to: Date;
  reservations: number;
  written: number;
  apiRequests: number;
  metricsRequested: number;
  error?: string;
};

/** CloudWatch keeps 5-minute data 63 days: a backfill reaches no further. */
const MAX_BACKFILL_DAYS = CLOUDWATCH_RETENTION.find((t) => t.periodSeconds === RESERVATION_PERIOD_SECONDS)!.keptDays;

// Pulls each live reservation's 5-minute use into reservation_usage_5m: the periods since its
// newest row plus the last 30 minutes again (late datapoints), or the backfill window on first
// sight. Reservations read: active and not retired, and those that ended or were retired within
// the window. Runs once per period (CloudWatch bills per metric requested, and a tick inside a
// period already read has nothing new to ask); each run with work is recorded with its API usage
// (TelemetryIngestRun, kind "reservations").
export async function runReservationIngest(args: {
  source: ReservationUsageSource;
  backfillDays: number;
  now?: Date;
}): Promise<ReservationIngestResult> {
  const { source } = args;
  const prisma = getPrisma();
  const startedAt = new Date();
  const end = floorTo((args.now ?? startedAt).getTime(), RESERVATION_PERIOD_MS);
  const days = Math.min(args.backfillDays, MAX_BACKFILL_DAYS);
  const earliest = floorTo(end - Math.round(days * 1440) * MINUTE_MS, RESERVATION_PERIOD_MS);
  const result: ReservationIngestResult = {
    from: null,
    to: new Date(end),
    reservations: 0,
    written: 0,
    apiRequests: 0,
    metricsRequested: 0,
  };
  if (earliest >= end) return result;
  const lastRun = await prisma.telemetryIngestRun.findFirst({
    where: { source: source.name, kind: "reservations", error: null },
    orderBy: { id: "desc" },
    select: { toMinute: true },
  });
  if (lastRun?.toMinute && lastRun.toMinute.getTime() >= end) return result;

  const windows = planReservationWindows({
    reservations: await listLiveReservations({ earliest: new Date(earliest), end: new Date(end) }),
    earliest: new Date(earliest),
    end: new Date(end),
  });
  if (windows.length === 0) return result;
  result.from = windows[0]!.from;
  result.reservations = windows.reduce((n, w) => n + w.reservations.length, 0);
  try {
    for (const window of windows) {
      const fetched = await source.fetchPeriods(window);
      result.apiRequests += fetched.usage?.requests ?? 0;
      result.metricsRequested += fetched.usage?.metricsRequested ?? 0;
      result.written += await writeReservationUsage(toUsageRows(window, fetched.datapoints));
    }
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    if (err instanceof CloudWatchQueryError && err.usage) {
      result.apiRequests += err.usage.requests;
      result.metricsRequested += err.usage.metricsRequested;
    }
  }
  if (result.written > 0) forgetFleetReads();
  await saveIngestRun({ source: source.name, kind: "reservations", startedAt, result });
  return result;
}

async function listLiveReservations(args: { earliest: Date; end: Date }): Promise<LiveReservation[]> {
  const prisma = getPrisma();
  const rows = await prisma.capacityReservation.findMany({
    where: {
      startAt: { lt: args.end },
      OR: [
        { retiredAt: null, state: "active" },
        { endAt: { gt: args.earliest, lte: args.end } },
        { retiredAt: { gt: args.earliest } },
      ],
    },
    select: {
      id: true,
      region: true,
      poolId: true,
      instanceCount: true,
      startAt: true,
      endAt: true,
      retiredAt: true,
    },
    orderBy: { id: "asc" },
  });
  if (rows.length === 0) return [];
  // The newest period per reservation, each a primary-key lookup (a GROUP BY would read every row).
  const newest = await prisma.$queryRaw<Array<{ id: string; newest: Date | null }>>`
    SELECT id, (SELECT max(ts) FROM reservation_usage_5m WHERE reservation_id = id) AS newest
    FROM unnest(${rows.map((r) => r.id)}::text[]) AS id`;
  const newestById = new Map(newest.map((n) => [n.id, n.newest]));
  return rows.map((r) => {
    const ends = [r.endAt, r.retiredAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
    return {
      id: r.id,
      region: r.region,
      poolId: r.poolId,
      instanceCount: r.instanceCount,
      startAt: r.startAt,
      liveUntil: ends.length ? new Date(Math.min(...ends)) : null,
      newest: newestById.get(r.id) ?? null,
    };
  });
}
