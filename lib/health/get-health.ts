import "server-only";
import { getConfig } from "@/lib/config";
import { getHealthPool } from "@/lib/db";
import { databaseUnavailableReason } from "@/lib/db/is-database-unavailable";
import { lagSecondsOf } from "@/lib/telemetry/store/source-state";

export type Health = {
  status: "ok" | "degraded" | "down";
  /** Why the status is not ok, e.g. "database unreachable (ECONNREFUSED)". */
  reason?: string;
  database: { reachable: boolean; latencyMs: number | null; error?: string };
  telemetry: { source: string; latestMinute: string | null; lagSeconds: number | null; lastError: string | null };
};

/** Telemetry older than this marks the service degraded (the dashboard shows a staleness banner). */
export const STALE_AFTER_SECONDS = 300;

export async function getHealth(now = new Date()): Promise<Health> {
  const source = getConfig().TELEMETRY_SOURCE;
  const started = performance.now();
  try {
    const health = getHealthPool();
    await health.query("SELECT 1");
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const { rows } = await health.query<{ latestMinute: Date | null; lastError: string | null }>(
      `SELECT "latestMinute", "lastError" FROM "TelemetrySourceState" WHERE source = $1`,
      [source],
    );
    const state = rows[0] ?? null;
    const lagSeconds = lagSecondsOf(state?.latestMinute, now);
    const stale = lagSeconds === null || lagSeconds > STALE_AFTER_SECONDS;
    return {
      status: stale ? "degraded" : "ok",
      ...(stale ? { reason: lagSeconds === null ? "no telemetry stored yet" : "telemetry is stale" } : {}),
      database: { reachable: true, latencyMs },
      telemetry: {
        source,
        latestMinute: state?.latestMinute?.toISOString() ?? null,
        lagSeconds,
        lastError: state?.lastError ?? null,
      },
    };
  } catch (err) {
    // Any failure to read these two rows means the database cannot serve the app: say which kind.
    const outage = databaseUnavailableReason(err);
    return {
      status: "down",
      reason: outage ? `database unreachable (${outage})` : `database error: ${(err as Error).message}`,
      database: { reachable: false, latencyMs: null, error: (err as Error).message },
      telemetry: { source, latestMinute: null, lagSeconds: null, lastError: null },
    };
  }
}
