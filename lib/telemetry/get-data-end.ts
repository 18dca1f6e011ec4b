import "server-only";
import { getConfig } from "@/lib/config";
import { getSourceState, lagSecondsOf } from "./store/source-state";
import { MINUTE_MS, floorTo } from "./types";

const FRESH_MS = 5 * MINUTE_MS;

/**
 * Where "now" ranges end. While telemetry is fresh: just after the newest stored minute, so a range
 * never includes a minute that is still being written. When it is stale: the wall clock, so the
 * gap shows (with the staleness banner) instead of the chart quietly ending in the past.
 */
export async function getDataEnd(now = new Date()): Promise<{ end: Date; lagSeconds: number | null }> {
  const state = await getSourceState(getConfig().TELEMETRY_SOURCE);
  const wall = floorTo(now.getTime(), MINUTE_MS);
  if (!state?.latestMinute) return { end: new Date(wall), lagSeconds: null };
  const next = state.latestMinute.getTime() + MINUTE_MS;
  return { end: new Date(wall - next < FRESH_MS ? next : wall), lagSeconds: lagSecondsOf(state.latestMinute, now) };
}
