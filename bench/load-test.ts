// One load run with autocannon, recording every response time so p95 is exact (autocannon itself
// reports p90/p97.5/p99 only).
import autocannon from "autocannon";

export type LoadResult = {
  connections: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  /** 304 answers (revalidations with a current validator: no body). */
  notModified: number;
  errors: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

export async function loadTest(opts: {
  url: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  method?: "GET" | "POST";
  body?: string;
  /** Statuses counted as answered besides 2xx (304 for a revalidation). */
  okStatuses?: number[];
}): Promise<LoadResult> {
  const times: number[] = [];
  let non2xx = 0;
  let notModified = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.durationSeconds,
        headers: opts.headers,
        method: opts.method ?? "GET",
        body: opts.body,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      if (statusCode === 304) notModified++;
      if ((statusCode < 200 || statusCode >= 300) && !opts.okStatuses?.includes(statusCode)) non2xx++;
    });
  });
  times.sort((a, b) => a - b);
  return {
    connections: opts.connections,
    requests: times.length,
    rps: Math.round((times.length / opts.durationSeconds) * 10) / 10,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    p99Ms: percentile(times, 99),
    non2xx,
    notModified,
    errors: result.errors + result.timeouts,
  };
}
