// Pooled latency percentiles and SLO attainment by request, recomputed in SQL from the raw minute
// rows' histograms with no code shared with lib/ (a stored histogram holds the run of buckets from
// subscript array_lower on; subscript o is bucket o − 1): the definition in the header of
// lib/telemetry/latency-histogram.ts written again. Bucket k (0-based) holds (2^((k−1)/3), 2^(k/3)]
// ms (bucket 0: [0, 1 ms]); within a bucket requests are even in log2 (linear in bucket 0).
// Parameters: $1 from, $2 to. `group` is a SQL expression over t (telemetry_minute), pm
// ("PoolModel"), p ("Pool") and m ("Model"). Columns: g, p50, p95, p99 (null without requests),
// attainment (share 0…1 of requests within their own model's p95 SLO) and requests.
export function pooledLatencySql(group: string): string {
  return `
WITH b AS (
  SELECT ${group} AS g, u.o - 1 AS k, m."sloP95Ms"::float8 AS slo, sum(u.c::float8) AS c
  FROM telemetry_minute t
  JOIN "PoolModel" pm ON pm.id = t.series_id
  JOIN "Pool" p ON p.id = pm."poolId"
  JOIN "Model" m ON m.id = pm."modelId"
  CROSS JOIN LATERAL (SELECT t.latency_histogram[i] AS c, i AS o FROM generate_subscripts(t.latency_histogram, 1) i) u
  WHERE t.ts >= $1 AND t.ts < $2
  GROUP BY 1, 2, 3
),
within AS (
  SELECT g, sum(c * least(1, greatest(0, CASE WHEN k = 0 THEN slo ELSE ln(slo) / ln(2) * 3 - (k - 1) END))) AS within
  FROM b GROUP BY g
),
hist AS (SELECT g, k, sum(c) AS c FROM b GROUP BY g, k),
cum AS (
  SELECT g, k, c, sum(c) OVER (PARTITION BY g ORDER BY k) AS upto, sum(c) OVER (PARTITION BY g) AS total FROM hist
),
groups AS (SELECT DISTINCT g, total FROM cum WHERE total > 0),
pct AS (
  SELECT gr.g, gr.total, q.q,
    (SELECT CASE WHEN x.k = 0 THEN x.f ELSE power(2, (x.k - 1 + x.f) / 3.0) END
     FROM (SELECT c2.k, least(1, greatest(0, (q.q * c2.total - (c2.upto - c2.c)) / c2.c)) AS f
           FROM cum c2 WHERE c2.g = gr.g AND c2.c > 0 AND c2.upto >= q.q * c2.total ORDER BY c2.k LIMIT 1) x) AS v
  FROM groups gr CROSS JOIN unnest(ARRAY[0.5, 0.95, 0.99]::float8[]) AS q(q)
)
SELECT pct.g, max(v) FILTER (WHERE q = 0.5) AS p50, max(v) FILTER (WHERE q = 0.95) AS p95,
  max(v) FILTER (WHERE q = 0.99) AS p99, max(w.within) / max(pct.total) AS attainment, max(pct.total) AS requests
FROM pct JOIN within w ON w.g = pct.g
GROUP BY pct.g`;
}
