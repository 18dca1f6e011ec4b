import "server-only";
import type pg from "pg";
import { addHistogram, histogramQuantileMs, histogramTotal, LATENCY_BUCKETS } from "@/lib/telemetry/latency-histogram";
import { readHistogram, sumHistogramSql } from "@/lib/telemetry/sql/histogram-sql";
import type { TelemetryMinutePoint } from "@/lib/telemetry/types";

// model_latency_minute: per model and minute, the percentiles of the merged histograms of all its
// series, so "minutes in which the model's p95 breached its SLO" is a count over rows (a model's
// p95 cannot be summed from its pools' rollups). Written in the transaction that stores the
// minutes, like the hourly rollups: from the batch itself when it holds its days' only rows (the
// bulk load), else re-read from telemetry_minute for the models the batch touched.
type ModelMinute = { modelId: string; ts: number; histogram: Float64Array };

function toRows(minutes: Iterable<ModelMinute>) {
  const rows = [];
  for (const m of minutes) {
    const requests = histogramTotal(m.histogram);
    if (!(requests > 0)) continue; // no measured latency that minute: no row, not a 0 ms one
    rows.push({
      model_id: m.modelId,
      ts: new Date(m.ts).toISOString(),
      requests,
      p50_ms: histogramQuantileMs(m.histogram, 0.5),
      p95_ms: histogramQuantileMs(m.histogram, 0.95),
      p99_ms: histogramQuantileMs(m.histogram, 0.99),
    });
  }
  return rows;
}

const INSERT_SQL = `
INSERT INTO model_latency_minute (model_id, ts, requests, p50_ms, p95_ms, p99_ms)
SELECT * FROM json_to_recordset($1::json) AS r(model_id text, ts timestamptz, requests float8, p50_ms real, p95_ms real, p99_ms real)
ON CONFLICT (model_id, ts) DO UPDATE SET requests = EXCLUDED.requests, p50_ms = EXCLUDED.p50_ms,
  p95_ms = EXCLUDED.p95_ms, p99_ms = EXCLUDED.p99_ms`;

/** From a batch holding every row of its minutes (the bulk load of new days). */
export async function writeBatchModelLatencyMinutes(
  client: pg.PoolClient,
  points: TelemetryMinutePoint[],
  histograms: Float32Array,
): Promise<void> {
  const { rows } = await client.query<{ id: number; modelId: string }>(
    `SELECT id, "modelId" FROM "PoolModel" WHERE id = ANY($1::int[])`,
    [[...new Set(points.map((p) => p.seriesId))]],
  );
  const modelOf = new Map(rows.map((r) => [r.id, r.modelId]));
  const minutes = new Map<string, ModelMinute>();
  points.forEach((p, i) => {
    const modelId = modelOf.get(p.seriesId);
    if (modelId === undefined) throw new Error(`telemetry for unknown series ${p.seriesId}`);
    const key = `${modelId}\u0000${p.ts.getTime()}`;
    let m = minutes.get(key);
    if (!m) minutes.set(key, (m = { modelId, ts: p.ts.getTime(), histogram: new Float64Array(LATENCY_BUCKETS) }));
    addHistogram(m.histogram, histograms, i * LATENCY_BUCKETS);
  });
  await client.query(INSERT_SQL, [JSON.stringify(toRows(minutes.values()))]);
}

/** Rebuilds [from, to) for every model that owns one of the series, from telemetry_minute. */
export async function refreshModelLatencyMinutes(
  client: pg.PoolClient,
  args: { seriesIds: number[]; from: Date; to: Date },
): Promise<void> {
  const models = `SELECT DISTINCT "modelId" FROM "PoolModel" WHERE id = ANY($3::int[])`;
  const { rows } = await client.query<{ modelId: string; ts: Date; histogram: number[] }>(
    `SELECT pm."modelId", t.ts, ${sumHistogramSql("t.latency_histogram")} AS histogram
     FROM telemetry_minute t JOIN "PoolModel" pm ON pm.id = t.series_id
     WHERE t.ts >= $1 AND t.ts < $2 AND pm."modelId" IN (${models})
     GROUP BY 1, 2`,
    [args.from, args.to, args.seriesIds],
  );
  await client.query(`DELETE FROM model_latency_minute WHERE ts >= $1 AND ts < $2 AND model_id IN (${models})`, [
    args.from,
    args.to,
    args.seriesIds,
  ]);
  const minutes = rows.map((r) => ({ modelId: r.modelId, ts: r.ts.getTime(), histogram: readHistogram(r.histogram) }));
  await client.query(INSERT_SQL, [JSON.stringify(toRows(minutes))]);
}
