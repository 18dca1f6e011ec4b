import { RESERVATION_PERIOD_MS, type ReservationDatapoint, type ReservationRef } from "./types";
import type { ReservationUsageRow } from "./write-reservation-usage";

/** Late datapoints: every run reads the last 30 minutes again. */
export const REREAD_MS = 30 * 60_000;

export type LiveReservation = ReservationRef & {
  startAt: Date;
  /** When it stopped being live (its end date, or when it was retired): null while it runs. */
  liveUntil: Date | null;
  /** Start of its newest stored period, if any. */
  newest: Date | null;
};
export type ReservationWindow = { from: Date; to: Date; reservations: LiveReservation[] };

const floorPeriod = (t: number) => Math.floor(t / RESERVATION_PERIOD_MS) * RESERVATION_PERIOD_MS;
const ceilPeriod = (t: number) => Math.ceil(t / RESERVATION_PERIOD_MS) * RESERVATION_PERIOD_MS;

/**
 * What each reservation still needs, grouped by window so one GetMetricData covers many: from its
 * newest stored period on (and always the last 30 minutes again), or from `earliest` when it has
 * none (first run, or a reservation the inventory just found), clipped to its live span.
 */
export function planReservationWindows(args: {
  reservations: LiveReservation[];
  earliest: Date;
  end: Date;
}): ReservationWindow[] {
  const end = args.end.getTime();
  const earliest = args.earliest.getTime();
  const windows = new Map<string, ReservationWindow>();
  for (const r of args.reservations) {
    const since = r.newest ? Math.min(r.newest.getTime() + RESERVATION_PERIOD_MS, end - REREAD_MS) : earliest;
    const from = Math.max(since, earliest, floorPeriod(r.startAt.getTime()));
    const to = Math.min(end, ceilPeriod(r.liveUntil?.getTime() ?? Infinity));
    if (from >= to) continue;
    const key = `${from}|${to}`;
    const w = windows.get(key) ?? { from: new Date(from), to: new Date(to), reservations: [] };
    w.reservations.push(r);
    windows.set(key, w);
  }
  return [...windows.values()].sort((a, b) => a.from.getTime() - b.from.getTime() || a.to.getTime() - b.to.getTime());
}

/**
 * One row per reservation and period of the window while it was live: the source's datapoint,
 * or nulls where it had none, so a missing period is stored as missing (never 0) and counted.
 */
export function toUsageRows(window: ReservationWindow, datapoints: ReservationDatapoint[]): ReservationUsageRow[] {
  const byKey = new Map(datapoints.map((d) => [`${d.reservationId}|${d.ts.getTime()}`, d]));
  const rows: ReservationUsageRow[] = [];
  for (const r of window.reservations) {
    const liveFrom = r.startAt.getTime();
    const liveUntil = r.liveUntil?.getTime() ?? Infinity;
    for (let t = window.from.getTime(); t < window.to.getTime(); t += RESERVATION_PERIOD_MS) {
      if (t + RESERVATION_PERIOD_MS <= liveFrom || t >= liveUntil) continue;
      const d = byKey.get(`${r.id}|${t}`);
      rows.push({
        reservationId: r.id,
        ts: new Date(t),
        usedInstances: d?.usedInstances ?? null,
        availableInstances: d?.availableInstances ?? null,
        totalInstances: d?.totalInstances ?? null,
      });
    }
  }
  return rows;
}
