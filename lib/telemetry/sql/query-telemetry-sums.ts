import "server-only";
import { forgetFleetReads } from "@/lib/cache/fleet-read-cache";
import { createRequestCoalescer } from "@/lib/cache/request-coalescer";
import { dbScoped, getPool } from "@/lib/db";
import { forgetDataEnd, getDataEnd } from "@/lib/telemetry/get-data-end";
import { readHistogram, requestsWithinSql, sumHistogramSql } from "./histogram-sql";
import type { ResolvedRange } from "./time-range";

// One aggregate query for every page: sums over exactly [from, to) of a window (whole hours from
// telemetry_hourly, ragged minute edges from telemetry_minute: planSegments), grouped by model, pool, chip family, region or the whole
// fleet, optionally per time bucket. Raw SQL because Prisma's groupBy cannot bucket time or sum
// expressions; every value is a parameter, the SQL text comes only from the constants below.
// modelPool and modelChipFamily key rows "model|pool" and "model|chipFamily": one model's share of
// a pool, and one model on one chip family (the Trainium-vs-Graviton comparison).
export type GroupBy = "model" | "pool" | "chipFamily" | "region" | "fleet" | "modelPool" | "modelChipFamily";

// Every sum skips minutes whose field is null (no datapoint) and has its own denominator:
// busyInstanceMinutes over utilizationInstanceMinutes, requests over requestSeriesMinutes, units
// over unitSeriesMinutes, the p*MsXRequests over latencyRequests.
export type TelemetrySums = {
  instanceMinutes: number;
  busyInstanceMinutes: number;
  /** Instance-minutes of the minutes with a utilization. */
  utilizationInstanceMinutes: number;
  requests: number;
  /** Series-minutes with a requests value. */
  requestSeriesMinutes: number;
  units: number;
  /** Series-minutes with a units value. */
  unitSeriesMinutes: number;
  /** Requests of the minutes with measured latency percentiles. */
  latencyRequests: number;
  p50MsXRequests: number;
  p95MsXRequests: number;
  p99MsXRequests: number;
  reservedInstanceMinutes: number;
  spendUsd: number;
  idleReservedUsd: number;
  sloBreachMinutes: number;
  /** Requests per latency bucket, merged over the group (lib/telemetry/latency-histogram.ts). */
  latencyHistogram: Float64Array;
  /**
   * Of the histogram's requests, those served within their own model's p95 SLO (the SLO in force
   * now). Summed only for whole-window reads; null per time bucket (no chart plots it).
   */
  requestsWithinSlo: number | null;
  /**
   * Requests and units as if each series' minutes without a datapoint had its measured average:
   * per series, its sum × its minutes / its minutes with the counter, summed over the series that
   * measured it (null: none did). Equal to requests / units when no minute is missing. The
   * numerator of a rate over the observed minutes; the totals above stay what was measured.
   */
  requestsAtObservedMinutes: number | null;
  unitsAtObservedMinutes: number | null;
  /** Series × minutes observed. */
  seriesMinutes: number;
  /** Wall-clock minutes observed (series-minutes / series). */
  observedMinutes: number;
};

export type TelemetrySumsRow = TelemetrySums & { key: string; bucket: Date | null };

/** The latency fields, read only where a latency figure is reported (`latency: false` leaves them out). */
type LatencyFields = "latencyHistogram" | "requestsWithinSlo";
/** A row of a read that reports no latency (spend, reserved use): no histogram, so no percentile to misread. */
export type TelemetrySumsRowWithoutLatency = Omit<TelemetrySumsRow, LatencyFields>;

const GROUP_KEY: Record<GroupBy, string> = {
  model: `pm."modelId"`,
  pool: `pm."poolId"`,
  chipFamily: `p."chipFamily"::text`,
  region: `p.region`,
  fleet: `'fleet'`,
  modelPool: `pm."modelId" || '|' || pm."poolId"`,
  modelChipFamily: `pm."modelId" || '|' || p."chipFamily"::text`,
};

/** Keys read from the pool row: only these join "Pool" (each join is a hash probe per summed row). */
const POOL_KEYED = new Set<GroupBy>(["chipFamily", "region", "modelChipFamily"]);

const HAS_LATENCY = `t.latency_p50_ms IS NOT NULL AND t.latency_p95_ms IS NOT NULL AND t.latency_p99_ms IS NOT NULL AND t.requests IS NOT NULL`;

const AGGREGATES = {
  minute: `sum(t.instances::float8) AS "instanceMinutes",
    coalesce(sum(t.instances::float8 * t.utilization_pct::float8 / 100), 0) AS "busyInstanceMinutes",
    coalesce(sum(t.instances::float8) FILTER (WHERE t.utilization_pct IS NOT NULL), 0) AS "utilizationInstanceMinutes",
    coalesce(sum(t.requests::float8), 0) AS requests, count(t.requests)::float8 AS "requestSeriesMinutes",
    coalesce(sum(t.units), 0) AS units, count(t.units)::float8 AS "unitSeriesMinutes",
    coalesce(sum(t.requests::float8) FILTER (WHERE ${HAS_LATENCY}), 0) AS "latencyRequests",
    coalesce(sum(t.latency_p50_ms::float8 * t.requests::float8) FILTER (WHERE ${HAS_LATENCY}), 0) AS "p50MsXRequests",
    coalesce(sum(t.latency_p95_ms::float8 * t.requests::float8) FILTER (WHERE ${HAS_LATENCY}), 0) AS "p95MsXRequests",
    coalesce(sum(t.latency_p99_ms::float8 * t.requests::float8) FILTER (WHERE ${HAS_LATENCY}), 0) AS "p99MsXRequests",
    sum(t.reserved_instances::float8) AS "reservedInstanceMinutes",
    sum(t.spend_usd) AS "spendUsd", sum(t.idle_reserved_usd) AS "idleReservedUsd",
    count(*) FILTER (WHERE ${HAS_LATENCY} AND t.requests > 0 AND t.latency_p95_ms > slo."sloP95Ms") AS "sloBreachMinutes",
    count(*)::float8 AS "seriesMinutes"`,
  hourly: `sum(t.instance_minutes) AS "instanceMinutes", sum(t.busy_instance_minutes) AS "busyInstanceMinutes",
    sum(t.utilization_instance_minutes) AS "utilizationInstanceMinutes",
    sum(t.requests) AS requests, sum(t.request_minutes)::float8 AS "requestSeriesMinutes",
    sum(t.units) AS units, sum(t.unit_minutes)::float8 AS "unitSeriesMinutes",
    sum(t.latency_requests) AS "latencyRequests",
    sum(t.p50_ms_x_requests) AS "p50MsXRequests", sum(t.p95_ms_x_requests) AS "p95MsXRequests",
    sum(t.p99_ms_x_requests) AS "p99MsXRequests", sum(t.reserved_instance_minutes) AS "reservedInstanceMinutes",
    sum(t.spend_usd) AS "spendUsd", sum(t.idle_reserved_usd) AS "idleReservedUsd",
    sum(t.slo_breach_minutes) AS "sloBreachMinutes",
    sum(t.minutes)::float8 AS "seriesMinutes"`,
} as const;

const SUM_COLUMNS = [
  "instanceMinutes",
  "busyInstanceMinutes",
  "utilizationInstanceMinutes",
  "requests",
  "requestSeriesMinutes",
  "units",
  "unitSeriesMinutes",
  "latencyRequests",
  "p50MsXRequests",
  "p95MsXRequests",
  "p99MsXRequests",
  "reservedInstanceMinutes",
  "spendUsd",
  "idleReservedUsd",
  "sloBreachMinutes",
  "seriesMinutes",
] as const;

const TABLE = {
  minute: { name: "telemetry_minute", ts: "ts" },
  hourly: { name: "telemetry_hourly", ts: "hour" },
} as const;

export type TelemetrySumsQuery = {
  range: Pick<ResolvedRange, "from" | "to" | "stepSeconds" | "table">;
  groupBy: GroupBy;
  bucketed: boolean;
  modelIds?: string[];
  poolIds?: string[];
};

/**
 * `latency: false`: a read that reports no latency figure leaves the histograms out. Summing 48
 * buckets per row, and carrying the 48-number sums per series through the grouping, was most of
 * the cost of a spend or reserved-use read.
 */
type WithoutLatency = { latency: false };

type Segment = { table: keyof typeof TABLE; from: Date; to: Date };

const HOUR_MS = 3_600_000;

/**
 * Which rows answer a window. Its whole hours are read from the rollups and only its ragged edges
 * (the minutes before its first and after its last whole hour) from minute rows: 24 h at 250 series
 * is then 6k hourly + under 30k minute rows instead of 360k, and a 90-day window ending at :23 reads
 * 2,159 rollup hours plus 23 + 37 minutes per series, never 90 days of minutes. Sums are identical
 * (the rollups are sums of the same minutes, rebuilt in the transaction that writes them), so every
 * window is summed exactly [from, to). Only buckets finer than an hour need every minute.
 */
export function planSegments(range: TelemetrySumsQuery["range"], bucketed: boolean): Segment[] {
  const { from, to } = range;
  const hoursFrom = Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS;
  const hoursTo = Math.floor(to.getTime() / HOUR_MS) * HOUR_MS;
  if (hoursTo <= hoursFrom || (bucketed && range.stepSeconds % 3600 !== 0)) return [{ table: "minute", from, to }];
  const segments: Segment[] = [{ table: "hourly", from: new Date(hoursFrom), to: new Date(hoursTo) }];
  if (from.getTime() < hoursFrom) segments.push({ table: "minute", from, to: new Date(hoursFrom) });
  if (hoursTo < to.getTime()) segments.push({ table: "minute", from: new Date(hoursTo), to });
  return segments;
}

/** The SQL and parameters (exported so the benchmark can EXPLAIN exactly what pages run). */
export function buildTelemetrySumsQuery(args: TelemetrySumsQuery & Partial<WithoutLatency>): {
  sql: string;
  params: unknown[];
} {
  const { range, groupBy, bucketed } = args;
  const latency = args.latency !== false;
  const params: unknown[] = [range.stepSeconds];
  const filters: string[] = [];
  if (args.modelIds) {
    params.push(args.modelIds);
    // Resolved to series ids first (an InitPlan array), so the scan uses the (series_id, ts) key
    // instead of reading the whole time range and filtering by the join.
    filters.push(
      `t.series_id = ANY(ARRAY(SELECT id FROM "PoolModel" WHERE "modelId" = ANY($${params.length}::text[])))`,
    );
  }
  if (args.poolIds) {
    params.push(args.poolIds);
    filters.push(
      `t.series_id = ANY(ARRAY(SELECT id FROM "PoolModel" WHERE "poolId" = ANY($${params.length}::text[])))`,
    );
  }
  const branches = planSegments(range, bucketed).map((segment) => {
    const table = TABLE[segment.table];
    params.push(segment.from, segment.to);
    const where = [`t.${table.ts} >= $${params.length - 1}`, `t.${table.ts} < $${params.length}`, ...filters];
    const bucket = bucketed
      ? `date_bin($1::float8 * interval '1 second', t.${table.ts}, TIMESTAMPTZ 'epoch')`
      : `NULL::timestamptz`;
    // The SLO a minute is judged against is its model's: a hash join on the series id.
    const sloJoin =
      segment.table === "minute"
        ? `JOIN (SELECT pm.id, m."sloP95Ms" FROM "PoolModel" pm JOIN "Model" m ON m.id = pm."modelId") slo ON slo.id = t.series_id`
        : "";
    // Rows are summed per series and bucket before any join: joining first made the planner walk
    // the series key once per series (a nested loop of index scans, one buffer per row) and sort
    // 540k joined rows for a 90-day read; aggregating first is a scan and a hash (2.3 s → 0.45 s).
    return `
      SELECT ${GROUP_KEY[groupBy]} AS key, a.bucket, a.series_id, ${SUM_COLUMNS.map((c) => `a."${c}"`).join(", ")}${
        latency
          ? `,
        a."latencyHistogram", ${bucketed ? "NULL::float8" : requestsWithinSql(`a."latencyHistogram"`, `(SELECT m."sloP95Ms" FROM "Model" m WHERE m.id = pm."modelId")`)} AS "requestsWithinSlo"`
          : ""
      }
      FROM (
        SELECT t.series_id, ${bucket} AS bucket, ${AGGREGATES[segment.table]}${
          latency ? `, ${sumHistogramSql("t.latency_histogram")} AS "latencyHistogram"` : ""
        }
        FROM ${table.name} t ${sloJoin}
        WHERE ${where.join(" AND ")} AND $1::float8 > 0
        GROUP BY 1, 2
      ) a
      JOIN "PoolModel" pm ON pm.id = a.series_id${
        POOL_KEYED.has(groupBy)
          ? `
      JOIN "Pool" p ON p.id = pm."poolId"`
          : ""
      }`;
  });
  // Sums per series and bucket, then per group. A range read from several segments (rollups and
  // minute edges) merges each series' segments first; a single segment is already per series and
  // bucket, and grouping it again cost a third of a 7-day read (a 42k-row hash that spilled). So are
  // hour buckets over several segments: a minute edge lies in an hour no rollup row is read for.
  // Observed wall-clock minutes are the group's series-minutes over its number of series: a
  // count(*) of per-series rows, which hashes (count(DISTINCT …) sorts: over raw rows it spilled
  // to disk, seconds per query at 250 pools).
  const sums = [
    ...SUM_COLUMNS.map((c) => `sum(s."${c}") AS "${c}"`),
    ...(latency
      ? [
          `${sumHistogramSql(`s."latencyHistogram"`)} AS "latencyHistogram"`,
          `sum(s."requestsWithinSlo") AS "requestsWithinSlo"`,
        ]
      : []),
  ].join(", ");
  const segmentsShareNoBucket = branches.length === 1 || (bucketed && range.stepSeconds === 3600);
  const perSeries = segmentsShareNoBucket
    ? branches.join("\n      UNION ALL")
    : `
      SELECT key, bucket, s.series_id, ${sums}
      FROM (${branches.join("\n      UNION ALL")}
      ) s
      GROUP BY 1, 2, 3`;
  const scaled = (c: string, n: string) => `sum(s.${c} * s."seriesMinutes" / nullif(s."${n}", 0))`;
  const sql = `
    SELECT key, bucket, ${sums}, sum(s."seriesMinutes") / count(*) AS "observedMinutes",
      ${scaled("requests", "requestSeriesMinutes")} AS "requestsAtObservedMinutes",
      ${scaled("units", "unitSeriesMinutes")} AS "unitsAtObservedMinutes"
    FROM (${perSeries}
    ) s
    GROUP BY 1, 2
    ORDER BY 2 NULLS FIRST, 1`;
  return { sql, params };
}

// Identical reads share one query until the data could have changed: the key holds the newest
// stored minute, so a new minute makes a new key by itself. This process's own writes clear the
// cache at once (late data rewriting old minutes); another replica's late data shows here within
// READ_CACHE_MS. Rows are shared between callers: read them, never mutate.
const reads = () =>
  dbScoped("telemetry-sums-reads", () =>
    createRequestCoalescer<readonly (TelemetrySumsRow | TelemetrySumsRowWithoutLatency)[]>(),
  );
const READ_CACHE_MS = 60_000;

/** Called after telemetry is written, so no reader gets sums, a data end or a page from before the write. */
export function invalidateTelemetryReads(): void {
  reads().clear();
  forgetDataEnd();
  forgetFleetReads();
}

export async function queryTelemetrySums(
  args: TelemetrySumsQuery & WithoutLatency,
): Promise<readonly TelemetrySumsRowWithoutLatency[]>;
export async function queryTelemetrySums(args: TelemetrySumsQuery): Promise<readonly TelemetrySumsRow[]>;
export async function queryTelemetrySums(
  args: TelemetrySumsQuery & Partial<WithoutLatency>,
): Promise<readonly (TelemetrySumsRow | TelemetrySumsRowWithoutLatency)[]> {
  const { sql, params } = buildTelemetrySumsQuery(args);
  // The data end too: a custom window reaching past the data end has the same parameters while new
  // minutes arrive, and must not be answered from before the newest minute another replica stored.
  const { end } = await getDataEnd();
  const now = new Date();
  return reads().get({
    key: JSON.stringify([sql, params, end.getTime()]),
    now,
    expiresAt: new Date(now.getTime() + READ_CACHE_MS),
    load: () => runSumsQuery(sql, params),
  });
}

async function runSumsQuery(
  sql: string,
  params: unknown[],
): Promise<(TelemetrySumsRow | TelemetrySumsRowWithoutLatency)[]> {
  const result = await getPool().query(sql, params);
  return result.rows.map((r) => ({
    ...("latencyHistogram" in r
      ? {
          latencyHistogram: readHistogram(r.latencyHistogram),
          requestsWithinSlo: r.requestsWithinSlo === null ? null : Number(r.requestsWithinSlo),
        }
      : {}),
    key: String(r.key),
    bucket: r.bucket ? new Date(r.bucket) : null,
    instanceMinutes: Number(r.instanceMinutes),
    busyInstanceMinutes: Number(r.busyInstanceMinutes),
    utilizationInstanceMinutes: Number(r.utilizationInstanceMinutes),
    requests: Number(r.requests),
    requestSeriesMinutes: Number(r.requestSeriesMinutes),
    units: Number(r.units),
    unitSeriesMinutes: Number(r.unitSeriesMinutes),
    latencyRequests: Number(r.latencyRequests),
    p50MsXRequests: Number(r.p50MsXRequests),
    p95MsXRequests: Number(r.p95MsXRequests),
    p99MsXRequests: Number(r.p99MsXRequests),
    reservedInstanceMinutes: Number(r.reservedInstanceMinutes),
    spendUsd: Number(r.spendUsd),
    idleReservedUsd: Number(r.idleReservedUsd),
    sloBreachMinutes: Number(r.sloBreachMinutes),
    requestsAtObservedMinutes: r.requestsAtObservedMinutes === null ? null : Number(r.requestsAtObservedMinutes),
    unitsAtObservedMinutes: r.unitsAtObservedMinutes === null ? null : Number(r.unitsAtObservedMinutes),
    seriesMinutes: Number(r.seriesMinutes),
    observedMinutes: Number(r.observedMinutes),
  }));
}
