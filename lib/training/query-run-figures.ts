import "server-only";
import { getPrisma } from "@/lib/db";
import type { ProgressState } from "./goodput";

/** RECENT_MINUTES of a run's newest telemetry give its "recent throughput". */
export const RECENT_MINUTES = 60;

export type RunFigures = {
  runId: string;
  minutes: number;
  stateMinutes: Record<ProgressState, number>;
  tokens: number;
  recentTokens: number;
  utilizationPct: number | null;
  stepTimeMs: number | null;
  lastTs: Date;
  lastState: ProgressState;
};

/**
 * Per-run sums over training_run_minute. Raw SQL: one pass with FILTER clauses over thousands of
 * minutes per run, where the query builder would need a query per state.
 */
export async function queryRunFigures(runIds: string[]): Promise<Map<string, RunFigures>> {
  if (runIds.length === 0) return new Map();
  const rows = await getPrisma().$queryRaw<
    {
      runId: string;
      minutes: number;
      progressing: number;
      restarting: number;
      reload: number;
      waiting: number;
      tokens: number | null;
      recentTokens: number | null;
      util: number | null;
      stepMs: number | null;
      lastTs: Date;
      lastState: ProgressState;
    }[]
  >`
    WITH last AS (
      SELECT DISTINCT ON (run_id) run_id, ts, state::text AS state
      FROM training_run_minute WHERE run_id = ANY(${runIds}) ORDER BY run_id, ts DESC
    )
    SELECT m.run_id AS "runId",
      count(*)::int AS minutes,
      (count(*) FILTER (WHERE m.state = 'progressing'))::int AS progressing,
      (count(*) FILTER (WHERE m.state = 'restarting'))::int AS restarting,
      (count(*) FILTER (WHERE m.state = 'checkpoint_reload'))::int AS reload,
      (count(*) FILTER (WHERE m.state = 'waiting'))::int AS waiting,
      sum(m.tokens_per_second * 60)::float8 AS tokens,
      (sum(m.tokens_per_second * 60) FILTER (WHERE m.ts > l.ts - make_interval(mins => ${RECENT_MINUTES})))::float8 AS "recentTokens",
      avg(m.neuroncore_utilization_pct)::float8 AS util,
      avg(m.step_time_ms)::float8 AS "stepMs",
      l.ts AS "lastTs",
      l.state AS "lastState"
    FROM training_run_minute m JOIN last l ON l.run_id = m.run_id
    GROUP BY m.run_id, l.ts, l.state`;
  return new Map(
    rows.map((r) => [
      r.runId,
      {
        runId: r.runId,
        minutes: r.minutes,
        stateMinutes: {
          progressing: r.progressing,
          restarting: r.restarting,
          checkpoint_reload: r.reload,
          waiting: r.waiting,
        },
        tokens: r.tokens ?? 0,
        recentTokens: r.recentTokens ?? 0,
        utilizationPct: r.util,
        stepTimeMs: r.stepMs,
        lastTs: r.lastTs,
        lastState: r.lastState,
      },
    ]),
  );
}
