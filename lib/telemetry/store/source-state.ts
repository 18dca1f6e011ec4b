import "server-only";
import { getPrisma } from "@/lib/db";

export type SourceState = {
  source: string;
  latestMinute: Date | null;
  lastRunAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
};

export async function getSourceState(source: string): Promise<SourceState | null> {
  return getPrisma().telemetrySourceState.findUnique({ where: { source } });
}

/** Moves the source's watermark forward (never back) to the minute before `until`. */
export async function advanceWatermark(source: string, until: Date): Promise<void> {
  const latest = new Date(until.getTime() - 60_000);
  await getPrisma()
    .$executeRaw`INSERT INTO "TelemetrySourceState" (source, "latestMinute") VALUES (${source}, ${latest})
    ON CONFLICT (source) DO UPDATE SET "latestMinute" = GREATEST("TelemetrySourceState"."latestMinute", EXCLUDED."latestMinute")`;
}

/** Records a failed ingest run without touching the watermark (so the lag keeps growing). */
export async function recordSourceError(source: string, message: string): Promise<void> {
  const now = new Date();
  await getPrisma().telemetrySourceState.upsert({
    where: { source },
    create: { source, lastError: message.slice(0, 2000), lastErrorAt: now, lastRunAt: now },
    update: { lastError: message.slice(0, 2000), lastErrorAt: now, lastRunAt: now },
  });
}

export async function clearSourceError(source: string): Promise<void> {
  await getPrisma().telemetrySourceState.updateMany({
    where: { source },
    data: { lastError: null, lastErrorAt: null },
  });
}

/** Seconds between the end of the newest stored minute and `now`; null before the first write. */
export function lagSecondsOf(latestMinute: Date | null | undefined, now: Date): number | null {
  if (!latestMinute) return null;
  return Math.max(0, Math.round((now.getTime() - latestMinute.getTime() - 60_000) / 1000));
}
