import "server-only";
import { getPool } from "@/lib/db";
import type { TModelSloMinutes } from "@/lib/read-model/slo-minutes-dto";

// The second view of SLO attainment: in how many minutes the model's own p95 (all its pools'
// requests, from model_latency_minute) was above its p95 SLO, over [from, to). Only minutes with
// measured requests count, and only minutes still kept per minute (TELEMETRY_MINUTE_RETENTION_DAYS):
// `minutes` says how many were judged. Same test as isOverSlo (strictly above), against the SLO
// in force now.
export async function queryModelSloMinutes(args: {
  from: Date;
  to: Date;
  modelIds?: string[];
}): Promise<Map<string, TModelSloMinutes>> {
  const { rows } = await getPool().query<{ model_id: string; minutes: number; over: number }>(
    `SELECT l.model_id, count(*)::int AS minutes, (count(*) FILTER (WHERE l.p95_ms > m."sloP95Ms"))::int AS over
     FROM model_latency_minute l JOIN "Model" m ON m.id = l.model_id
     WHERE l.ts >= $1 AND l.ts < $2 AND ($3::text[] IS NULL OR l.model_id = ANY($3::text[]))
     GROUP BY 1`,
    [args.from, args.to, args.modelIds ?? null],
  );
  return new Map(rows.map((r) => [r.model_id, { minutes: r.minutes, overSloMinutes: r.over }]));
}
