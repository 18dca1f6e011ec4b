import "server-only";
import { getConfig } from "@/lib/config";

const DAY_MS = 86_400_000;

/**
 * The oldest minute whose per-minute rows are still kept: retention drops whole UTC days entirely
 * older than TELEMETRY_MINUTE_RETENTION_DAYS (drop-expired-minute-partitions.ts), so the day that
 * holds `end − retention` is the oldest left. Before it only the hourly rollups remain, and a
 * window's edge there can only be read to the hour (resolveRange).
 */
export function minutesKeptFrom(end: Date): Date {
  const cutoff = end.getTime() - getConfig().TELEMETRY_MINUTE_RETENTION_DAYS * DAY_MS;
  return new Date(Math.floor(cutoff / DAY_MS) * DAY_MS);
}
