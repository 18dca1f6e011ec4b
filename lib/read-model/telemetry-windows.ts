import type { ResolvedRange } from "@/lib/telemetry/sql/time-range";

// Fixed windows that do not follow the range picker: "now" for on-call checks, "today" and "month
// to date" for spend. Each ends at the data end and is summed exactly (planSegments reads whole hours
// from the rollups and the ragged edges from minute rows).
export type TelemetryWindow = Pick<ResolvedRange, "from" | "to" | "stepSeconds" | "table">;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The last `minutes` complete minutes before `end`. */
export function recentWindow(end: Date, minutes: number): TelemetryWindow {
  const to = Math.floor(end.getTime() / MINUTE_MS) * MINUTE_MS;
  return { from: new Date(to - minutes * MINUTE_MS), to: new Date(to), stepSeconds: 60, table: "minute" };
}

/** UTC midnight to `end`. */
export function todayWindow(end: Date): TelemetryWindow {
  const to = Math.floor(end.getTime() / MINUTE_MS) * MINUTE_MS;
  return { from: new Date(Math.floor(to / DAY_MS) * DAY_MS), to: new Date(to), stepSeconds: 3600, table: "minute" };
}

/** The first of the month (UTC) to `end`: whole hours from the rollups, the current hour's minutes up to `end`. */
export function monthToDateWindow(end: Date): TelemetryWindow {
  const from = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1);
  return hourlyWindow(new Date(from), end, 86400);
}

/**
 * A span bucketed by `stepSeconds` (a multiple of an hour), summed exactly from `from` to `to` (to
 * the minute): planSegments reads its whole hours from the rollups and any ragged edge (a commitment
 * starting at 09:30, the data end inside an hour) from minute rows, so the figures never include
 * minutes outside the span the page shows.
 */
export function hourlyWindow(from: Date, to: Date, stepSeconds = 86400): TelemetryWindow {
  return {
    from: new Date(Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS),
    to: new Date(Math.floor(to.getTime() / MINUTE_MS) * MINUTE_MS),
    stepSeconds,
    table: "hourly",
  };
}
