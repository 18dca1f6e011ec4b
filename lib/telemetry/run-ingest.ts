import "server-only";
import { listSeries } from "./list-series";
import { clearSourceError, getSourceState, recordSourceError } from "./store/source-state";
import { writeMinutePoints } from "./store/write-minute-points";
import { MINUTE_MS, floorTo, type TelemetrySource } from "./types";

export type IngestResult = { from: Date | null; to: Date; written: number; error?: string };

// Pulls every complete minute after the source's watermark into the store: the newest minutes on
// a normal tick, and the whole gap (bounded by the backfill window) after downtime or first start.
export async function runIngest(args: {
  source: TelemetrySource;
  backfillDays: number;
  now?: Date;
  /** Minutes fetched and written per transaction. */
  chunkMinutes?: number;
  onProgress?: (done: Date, to: Date) => void;
}): Promise<IngestResult> {
  const { source } = args;
  const end = floorTo((args.now ?? new Date()).getTime(), MINUTE_MS);
  const earliest = end - Math.round(args.backfillDays * 1440) * MINUTE_MS;
  const state = await getSourceState(source.name);
  const from = state?.latestMinute ? Math.max(state.latestMinute.getTime() + MINUTE_MS, earliest) : earliest;
  if (from >= end) return { from: null, to: new Date(end), written: 0 };

  const chunk = (args.chunkMinutes ?? 360) * MINUTE_MS;
  let written = 0;
  try {
    const series = await listSeries();
    for (let t = from; t < end; t += chunk) {
      const to = Math.min(t + chunk, end);
      const result = await source.fetchMinutes({ series, from: new Date(t), to: new Date(to) });
      written += (await writeMinutePoints({ source: source.name, points: result.points })).written;
      args.onProgress?.(new Date(to), new Date(end));
    }
    if (state?.lastError) await clearSourceError(source.name);
    return { from: new Date(from), to: new Date(end), written };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await recordSourceError(source.name, message);
    return { from: new Date(from), to: new Date(end), written, error: message };
  }
}
