// EXPLAIN (ANALYZE) of the dashboard's heaviest reads, exactly as the pages run them, and whether
// any scans the per-minute table sequentially for a range the rollups answer.
import { getPool } from "@/lib/db";
import {
  buildTelemetrySumsQuery,
  planSegments,
  type TelemetrySumsQuery,
} from "@/lib/telemetry/sql/query-telemetry-sums";
import { resolveRange, type TRangeParams } from "@/lib/telemetry/sql/time-range";

/** `table`: which tables answer it and how many hours each; `readsRollups`: the rollups answer its bulk, so minute rows outside its edges must not be scanned. */
export type PlanResult = {
  name: string;
  table: string;
  readsRollups: boolean;
  ms: number;
  seqScanOnMinute: boolean;
  plan: string;
};

export async function explainHeavyQueries(now: Date): Promise<PlanResult[]> {
  const cases: Array<{ name: string; range: TRangeParams; query: Omit<TelemetrySumsQuery, "range"> }> = [
    {
      name: "overview series, 12 charted models, 90 d",
      range: { range: "90d" },
      query: { groupBy: "model", bucketed: true, modelIds: ["__chart_models__"] },
    },
    { name: "pools table totals, 30 d", range: { range: "30d" }, query: { groupBy: "pool", bucketed: false } },
    { name: "fleet by chip family, 7 d", range: { range: "7d" }, query: { groupBy: "chipFamily", bucketed: true } },
    {
      name: "overview series, 12 charted models, 24 h",
      range: { range: "24h" },
      query: { groupBy: "model", bucketed: true, modelIds: ["__chart_models__"] },
    },
    { name: "overview totals by model, 90 d", range: { range: "90d" }, query: { groupBy: "model", bucketed: false } },
    { name: "pools table totals, 24 h", range: { range: "24h" }, query: { groupBy: "pool", bucketed: false } },
    {
      name: "one pool's series, 24 h",
      range: { range: "24h" },
      query: { groupBy: "pool", bucketed: true, poolIds: ["__first_pool__"] },
    },
  ];
  const firstPool = (await getPool().query<{ id: string }>(`SELECT id FROM "Pool" ORDER BY id LIMIT 1`)).rows[0]!.id;
  // The overview charts 12 models (the costliest); any 12 read the same number of series.
  const chartModels = (await getPool().query<{ id: string }>(`SELECT id FROM "Model" ORDER BY id LIMIT 12`)).rows.map(
    (r) => r.id,
  );
  const results: PlanResult[] = [];
  for (const c of cases) {
    const range = resolveRange(c.range, now);
    const query = {
      ...c.query,
      range,
      poolIds: c.query.poolIds?.map((p) => (p === "__first_pool__" ? firstPool : p)),
      modelIds: c.query.modelIds?.flatMap((m) => (m === "__chart_models__" ? chartModels : [m])),
    };
    const { sql, params } = buildTelemetrySumsQuery(query);
    const segments = planSegments(range, query.bucketed);
    const { rows } = await getPool().query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${sql}`, params);
    const plan = rows.map((r) => r["QUERY PLAN"] as string).join("\n");
    results.push({
      name: c.name,
      readsRollups: segments.some((seg) => seg.table === "hourly"),
      table: segments
        .map((seg) => `${seg.table} ${((seg.to.getTime() - seg.from.getTime()) / 3_600_000).toFixed(1)} h`)
        .join(" + "),
      ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
      seqScanOnMinute: scansMinuteRowsOutsideRange(plan),
      plan,
    });
  }
  return results;
}

/**
 * A sequential scan of telemetry_minute (or a daily partition) that throws rows away: it reads
 * minutes outside the segments the query asked it for. Scanning a partition all of whose rows are
 * wanted (today's, shortly after midnight, inside the range's newest edge) is the right plan.
 */
function scansMinuteRowsOutsideRange(plan: string): boolean {
  const lines = plan.split("\n");
  return lines.some((line, i) => {
    if (!/Seq Scan on telemetry_minute\w*/.test(line)) return false;
    const detail = lines.slice(i + 1).findIndex((l) => l.includes("->"));
    const own = lines.slice(i + 1, detail === -1 ? undefined : i + 1 + detail);
    return own.some((l) => Number(/Rows Removed by Filter: (\d+)/.exec(l)?.[1] ?? 0) > 0);
  });
}
