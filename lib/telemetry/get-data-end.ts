import "server-only";
import { getConfig } from "@/lib/config";
import { createRequestCoalescer } from "@/lib/cache/request-coalescer";
import { dbScoped } from "@/lib/db";
import { STALE_AFTER_SECONDS } from "./staleness";
import { getSourceState, lagSecondsOf, type SourceState } from "./store/source-state";
import { MINUTE_MS, floorTo } from "./types";

const FRESH_MS = STALE_AFTER_SECONDS * 1000;

// Every dashboard request asks where the data ends, and the answer moves once a minute: requests
// within the same second share one read. This process's own writes forget it at once.
const stateReads = () => dbScoped("data-end-reads", () => createRequestCoalescer<SourceState | null>());
const STATE_READ_MS = 1000;

export function forgetDataEnd(): void {
  stateReads().clear();
}

/**
 * Where "now" ranges end. While telemetry is fresh: just after the newest stored minute, so a range
 * never includes a minute that is still being written. When it is stale: the wall clock, so the
 * gap shows (with the staleness banner) instead of the chart quietly ending in the past.
 */
export type DataEnd = {
  end: Date;
  lagSeconds: number | null;
  /** The end of the newest stored minute (the "data as of" time pages state); null before the first. */
  dataThrough: Date | null;
};

/** Telemetry older than the freshness window: pages then say so (a banner, attention items). */
export function isTelemetryStale({ lagSeconds }: DataEnd): boolean {
  return lagSeconds !== null && lagSeconds > STALE_AFTER_SECONDS;
}

export async function getDataEnd(now = new Date()): Promise<DataEnd> {
  const source = getConfig().TELEMETRY_SOURCE;
  const state = await stateReads().get({
    key: source,
    now,
    expiresAt: new Date(now.getTime() + STATE_READ_MS),
    load: () => getSourceState(source),
  });
  const wall = floorTo(now.getTime(), MINUTE_MS);
  if (!state?.latestMinute) return { end: new Date(wall), lagSeconds: null, dataThrough: null };
  const next = state.latestMinute.getTime() + MINUTE_MS;
  return {
    end: new Date(wall - next < FRESH_MS ? next : wall),
    lagSeconds: lagSecondsOf(state.latestMinute, now),
    dataThrough: new Date(next),
  };
}
