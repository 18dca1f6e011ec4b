import type { ResolvedRange } from "@/lib/telemetry/sql/time-range";

// Fixed windows that do not follow the range picker: "now" for on-call checks, "today" and "month
// to date" for spend. Each ends at the data end and says which rows answer it (planSegments reads
// whole hours from the rollups either way).
export type TelemetryWindow = Pick<ResolvedRange, "from" | "to" | "stepSeconds" | "table">;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
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
 * A span read from the rollups, bucketed by `stepSeconds` (a multiple of an hour). It ends exactly at
 * `to`: when `to` is inside an hour (the data end), that hour is read from minute rows rather than
 * its partial rollup, so the figures never include minutes past the end the page shows, and a
 * cached read cannot be reused after new minutes arrive (planSegments splits the span).
 */
export function hourlyWindow(from: Date, to: Date, stepSeconds = 86400): TelemetryWindow {
  const toMinute = Math.floor(to.getTime() / MINUTE_MS) * MINUTE_MS;
  return {
    from: new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS),
    to: new Date(toMinute),
    stepSeconds,
    table: toMinute % HOUR_MS === 0 ? "hourly" : "minute",
  };
}
