import type { ResolvedRange } from "@/lib/telemetry/queries/time-range";

// Fixed windows that do not follow the range picker: "now" for on-call checks, "today" and "month
// to date" for spend. Each says which table answers it: minute rows up to a day, hourly rollups
// beyond (they are rebuilt on every ingest, so the current hour is included).
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

/** The first of the month (UTC) to `end`, rounded up to the hour the rollups are kept by. */
export function monthToDateWindow(end: Date): TelemetryWindow {
  const from = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1);
  return { from: new Date(from), to: new Date(Math.ceil(end.getTime() / HOUR_MS) * HOUR_MS), stepSeconds: 86400, table: "hourly" };
}

/** Any whole-hour span from the rollups, bucketed by `stepSeconds` (a multiple of an hour). */
export function hourlyWindow(from: Date, to: Date, stepSeconds = 86400): TelemetryWindow {
  return {
    from: new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS),
    to: new Date(Math.ceil(to.getTime() / HOUR_MS) * HOUR_MS),
    stepSeconds,
    table: "hourly",
  };
}

export const HOURS_PER_MONTH = 730;
