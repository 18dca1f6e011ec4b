import "server-only";
import { saveIngestRun } from "@/lib/telemetry/store/save-ingest-run";
import { listSeries } from "./list-series";
import { invalidateTelemetryReads } from "./sql/query-telemetry-sums";
import { advanceWatermark, clearSourceError, getSourceState, recordSourceError } from "./store/source-state";
import { prepareMinuteBatch } from "./store/prepare-minute-batch";
import { writeMinuteBatch } from "./store/write-minute-points";
import { MINUTE_MS, floorTo, type TelemetrySource } from "./types";

export type IngestResult = {
  from: Date | null;
  to: Date;
  written: number;
  /** Points fetched again from the re-read window, and of those the minutes they added or changed. */
  reread: number;
  changed: number;
  apiRequests: number;
  metricsRequested: number;
  error?: string;
};

/** Points held per chunk, three times over while pipelined: ~50 MB of heap each at the benchmark's 360,000. */
const MAX_POINTS_PER_CHUNK = 400_000;

/** A whole day per chunk when it holds at most MAX_POINTS_PER_CHUNK points, else the largest part of a day that does. */
export function chunkMinutesFor(seriesCount: number): number {
  for (let minutes = 1440; minutes > 1; minutes--) {
    if (1440 % minutes === 0 && minutes * seriesCount <= MAX_POINTS_PER_CHUNK) return minutes;
  }
  return 1;
}

// Pulls every complete minute after the source's watermark into the store: the newest minutes on
// a normal tick, and the whole gap (bounded by the backfill window) after downtime or first start.
// A source whose data arrives late also has the `rereadMinutes` before the watermark fetched again
// each tick; the store rewrites only the minutes that changed and rebuilds their rollups.
// Each run that had work to do is recorded with its API usage (TelemetryIngestRun).
export async function runIngest(args: {
  source: TelemetrySource;
  backfillDays: number;
  now?: Date;
  /** Minutes before the watermark fetched again (TELEMETRY_REREAD_MINUTES), when the source's data arrives late. */
  rereadMinutes?: number;
  /** Minutes fetched and written per transaction (default: chunkMinutesFor the series count). */
  chunkMinutes?: number;
  onProgress?: (done: Date, to: Date) => void;
}): Promise<IngestResult> {
  const { source } = args;
  const startedAt = new Date();
  const end = floorTo((args.now ?? startedAt).getTime(), MINUTE_MS);
  const earliest = end - Math.round(args.backfillDays * 1440) * MINUTE_MS;
  const state = await getSourceState(source.name);
  const fresh = state?.latestMinute ? Math.max(state.latestMinute.getTime() + MINUTE_MS, earliest) : earliest;
  const rereadMs = source.dataArrivesLate && state?.latestMinute ? (args.rereadMinutes ?? 0) * MINUTE_MS : 0;
  const from = Math.max(fresh - rereadMs, earliest);
  const rereadBefore = from < fresh ? new Date(fresh) : undefined;
  const empty = { written: 0, reread: 0, changed: 0, apiRequests: 0, metricsRequested: 0 };
  if (from >= end) return { from: null, to: new Date(end), ...empty };

  const result: IngestResult = { from: new Date(from), to: new Date(end), ...empty };
  let previous: Promise<void> = Promise.resolve(); // the latest chunk's write
  try {
    const series = await listSeries();
    const chunk = (args.chunkMinutes ?? chunkMinutesFor(series.length)) * MINUTE_MS;
    // Chunks end on multiples of their length (so on UTC midnights): each day's first chunk finds
    // the day without a partition and takes the store's bulk path. A window no longer than a chunk
    // (a tick and its re-read) is one chunk even across midnight: split, it would be two fetches,
    // and CloudWatch bills every metric again per call (the store writes a batch spanning days).
    const single = end - from <= chunk;
    const chunkEnd = (t: number) => (single ? end : Math.min(floorTo(t, chunk) + chunk, end));
    const fetchChunk = (t: number) => {
      const promise = source
        .fetchMinutes({ series, from: new Date(t), to: new Date(chunkEnd(t)) })
        .then(async (fetched) => ({ fetched, batch: await prepareMinuteBatch(fetched.points) }));
      promise.catch(() => {}); // observed when awaited; if a write fails first, it must not crash the process
      return promise;
    };
    // Pipelined: while one chunk is fetched and priced (source and CPU work), the one before it
    // is COPY'd and the one before that is indexed and committed (PostgreSQL work, on two
    // connections). Chunks commit in order, so the watermark only moves forward chunk by chunk,
    // and a chunk whose predecessor failed rolls back (writeMinuteBatch's `after`). At most two
    // writes are in flight, bounding memory to three chunks.
    let next = fetchChunk(from);
    for (let t = from; t < end; t = chunkEnd(t)) {
      // A failed write ends the run without waiting for the chunk being fetched.
      const { fetched, batch } = await Promise.race([next, previous.then(() => next)]);
      if (chunkEnd(t) < end) next = fetchChunk(chunkEnd(t));
      result.apiRequests += fetched.usage?.requests ?? 0;
      result.metricsRequested += fetched.usage?.metricsRequested ?? 0;
      const chunkTo = new Date(chunkEnd(t));
      const before = previous;
      previous = writeMinuteBatch({ source: source.name, batch, after: before, rereadBefore }).then(async (w) => {
        result.written += w.written;
        result.reread += w.reread;
        result.changed += w.changed;
        if (fetched.completeUntil) {
          await advanceWatermark(source.name, fetched.completeUntil);
          invalidateTelemetryReads();
        }
        args.onProgress?.(chunkTo, new Date(end));
      });
      previous.catch(() => {}); // observed by the next chunk or after the loop
      await before;
    }
    await previous;
    if (state?.lastError) await clearSourceError(source.name);
  } catch (err) {
    await previous.catch(() => {}); // a fetch failed: the write before it still commits or rolls back first
    result.error = err instanceof Error ? err.message : String(err);
    await recordSourceError(source.name, result.error);
  }
  await saveIngestRun({ source: source.name, startedAt, result });
  return result;
}
