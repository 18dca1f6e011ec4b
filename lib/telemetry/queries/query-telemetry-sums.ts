import "server-only";
import { getPool } from "@/lib/db";
import type { ResolvedRange } from "./time-range";

// One aggregate query for every page: sums over telemetry_minute (ranges up to 24 h) or
// telemetry_hourly (longer ranges), grouped by model, pool, chip family, region or the whole
// fleet, optionally per time bucket. Raw SQL because Prisma's groupBy cannot bucket time or sum
// expressions; every value is a parameter, the SQL text comes only from the constants below.
// modelPool and modelChipFamily key rows "model|pool" and "model|chipFamily": one model's share of
// a pool, and one model on one chip family (the Trainium-vs-Graviton comparison).
export type GroupBy = "model" | "pool" | "chipFamily" | "region" | "fleet" | "modelPool" | "modelChipFamily";

export type TelemetrySums = {
  instanceMinutes: number;
  busyInstanceMinutes: number;
  requests: number;
  units: number;
  p50MsXRequests: number;
  p95MsXRequests: number;
  p99MsXRequests: number;
  reservedInstanceMinutes: number;
  spendUsd: number;
  idleReservedUsd: number;
  sloBreachMinutes: number;
  /** Series × minutes observed. */
  seriesMinutes: number;
  /** Wall-clock minutes observed (series-minutes / series). */
  observedMinutes: number;
};

export type TelemetrySumsRow = TelemetrySums & { key: string; bucket: Date | null };

const GROUP_KEY: Record<GroupBy, string> = {
  model: `pm."modelId"`,
  pool: `pm."poolId"`,
  chipFamily: `p."chipFamily"::text`,
  region: `p.region`,
  fleet: `'fleet'`,
  modelPool: `pm."modelId" || '|' || pm."poolId"`,
  modelChipFamily: `pm."modelId" || '|' || p."chipFamily"::text`,
};

const AGGREGATES = {
  minute: `sum(t.instances::float8) AS "instanceMinutes",
    sum(t.instances::float8 * t.utilization_pct::float8 / 100) AS "busyInstanceMinutes",
    sum(t.requests::float8) AS requests, sum(t.units) AS units,
    sum(t.latency_p50_ms::float8 * t.requests::float8) AS "p50MsXRequests",
    sum(t.latency_p95_ms::float8 * t.requests::float8) AS "p95MsXRequests",
    sum(t.latency_p99_ms::float8 * t.requests::float8) AS "p99MsXRequests",
    sum(t.reserved_instances::float8) AS "reservedInstanceMinutes",
    sum(t.spend_usd) AS "spendUsd", sum(t.idle_reserved_usd) AS "idleReservedUsd",
    count(*) FILTER (WHERE t.requests > 0 AND t.latency_p95_ms > m."sloP95Ms") AS "sloBreachMinutes",
    count(*)::float8 AS "seriesMinutes"`,
  hourly: `sum(t.instance_minutes) AS "instanceMinutes", sum(t.busy_instance_minutes) AS "busyInstanceMinutes",
    sum(t.requests) AS requests, sum(t.units) AS units,
    sum(t.p50_ms_x_requests) AS "p50MsXRequests", sum(t.p95_ms_x_requests) AS "p95MsXRequests",
    sum(t.p99_ms_x_requests) AS "p99MsXRequests", sum(t.reserved_instance_minutes) AS "reservedInstanceMinutes",
    sum(t.spend_usd) AS "spendUsd", sum(t.idle_reserved_usd) AS "idleReservedUsd",
    sum(t.slo_breach_minutes) AS "sloBreachMinutes",
    sum(t.minutes)::float8 AS "seriesMinutes"`,
} as const;

const SUM_COLUMNS = [
  "instanceMinutes", "busyInstanceMinutes", "requests", "units", "p50MsXRequests", "p95MsXRequests", "p99MsXRequests",
  "reservedInstanceMinutes", "spendUsd", "idleReservedUsd", "sloBreachMinutes", "seriesMinutes",
] as const;

const TABLE = { minute: { name: "telemetry_minute", ts: "ts" }, hourly: { name: "telemetry_hourly", ts: "hour" } } as const;

export type TelemetrySumsQuery = {
  range: Pick<ResolvedRange, "from" | "to" | "stepSeconds" | "table">;
  groupBy: GroupBy;
  bucketed: boolean;
  modelIds?: string[];
  poolIds?: string[];
};

/** The SQL and parameters (exported so the benchmark can EXPLAIN exactly what pages run). */
export function buildTelemetrySumsQuery(args: TelemetrySumsQuery): { sql: string; params: unknown[] } {
  const { range, groupBy, bucketed } = args;
  const table = TABLE[range.table];
  const params: unknown[] = [range.from, range.to, range.stepSeconds];
  const where = [`t.${table.ts} >= $1`, `t.${table.ts} < $2`];
  if (args.modelIds) {
    params.push(args.modelIds);
    // Resolved to series ids first (an InitPlan array), so the scan uses the (series_id, ts) key
    // instead of reading the whole time range and filtering by the join.
    where.push(`t.series_id = ANY(ARRAY(SELECT id FROM "PoolModel" WHERE "modelId" = ANY($${params.length}::text[])))`);
  }
  if (args.poolIds) {
    params.push(args.poolIds);
    where.push(`t.series_id = ANY(ARRAY(SELECT id FROM "PoolModel" WHERE "poolId" = ANY($${params.length}::text[])))`);
  }
  const bucket = bucketed ? `to_timestamp(floor(extract(epoch FROM t.${table.ts}) / $3) * $3)` : `NULL::timestamptz`;
  // Two levels: sums per series first, then per group. Observed wall-clock minutes are the group's
  // series-minutes over its number of series, which the outer count(*) gives without a
  // count(DISTINCT …) (that forced a sort spilling to disk: seconds per query at 250 pools).
  const sql = `
    SELECT key, bucket, ${SUM_COLUMNS.map((c) => `sum(s."${c}") AS "${c}"`).join(", ")},
      sum(s."seriesMinutes") / count(*) AS "observedMinutes"
    FROM (
      SELECT ${GROUP_KEY[groupBy]} AS key, ${bucket} AS bucket, t.series_id, ${AGGREGATES[range.table]}
      FROM ${table.name} t
      JOIN "PoolModel" pm ON pm.id = t.series_id
      JOIN "Pool" p ON p.id = pm."poolId"
      JOIN "Model" m ON m.id = pm."modelId"
      WHERE ${where.join(" AND ")} AND $3::float8 > 0
      GROUP BY 1, 2, 3
    ) s
    GROUP BY 1, 2
    ORDER BY 2 NULLS FIRST, 1`;
  return { sql, params };
}

export async function queryTelemetrySums(args: TelemetrySumsQuery): Promise<TelemetrySumsRow[]> {
  const { sql, params } = buildTelemetrySumsQuery(args);
  const result = await getPool().query(sql, params);
  return result.rows.map((r) => ({
    key: String(r.key),
    bucket: r.bucket ? new Date(r.bucket) : null,
    instanceMinutes: Number(r.instanceMinutes),
    busyInstanceMinutes: Number(r.busyInstanceMinutes),
    requests: Number(r.requests),
    units: Number(r.units),
    p50MsXRequests: Number(r.p50MsXRequests),
    p95MsXRequests: Number(r.p95MsXRequests),
    p99MsXRequests: Number(r.p99MsXRequests),
    reservedInstanceMinutes: Number(r.reservedInstanceMinutes),
    spendUsd: Number(r.spendUsd),
    idleReservedUsd: Number(r.idleReservedUsd),
    sloBreachMinutes: Number(r.sloBreachMinutes),
    seriesMinutes: Number(r.seriesMinutes),
    observedMinutes: Number(r.observedMinutes),
  }));
}
