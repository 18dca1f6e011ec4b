// API latency under load against the production server (standalone build): a warm-up, then 1, 10
// and 50 connections per endpoint.
import { loadTest, type LoadResult } from "./load-test";

/** A constant answer (liveness: no session, no database), measured like the others for reference. */
export const FLOOR_ENDPOINT = "constant response (liveness; no auth, no database)";

export type Endpoint = {
  name: string;
  path: string;
  method?: "GET" | "POST";
  body?: unknown;
  /** Extra request headers, read before each run (a validator changes as telemetry arrives). */
  headers?: () => Promise<Record<string, string>>;
  /** Statuses that count as answered (a revalidation's 304); 2xx by default. */
  okStatuses?: number[];
};
/** Waits until the server answers its health check quickly again (its request backlog is drained). */
async function waitUntilIdle(baseUrl: string, log: (m: string) => void) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && performance.now() - started < 100) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  log("server still busy after 180 s; measuring anyway");
}

export type ApiResult = { name: string; path: string; runs: LoadResult[] };

export async function measureApi(opts: {
  baseUrl: string;
  cookie: string;
  endpoints: Endpoint[];
  seconds: number;
  log: (m: string) => void;
}): Promise<ApiResult[]> {
  const results: ApiResult[] = [];
  for (const e of opts.endpoints) {
    await waitUntilIdle(opts.baseUrl, opts.log); // a slow endpoint's backlog must not count against the next
    const base = {
      url: `${opts.baseUrl}${e.path}`,
      method: e.method,
      body: e.body === undefined ? undefined : JSON.stringify(e.body),
    };
    const headers: Record<string, string> = {
      cookie: opts.cookie,
      origin: opts.baseUrl,
      ...(e.body === undefined ? {} : { "content-type": "application/json" }),
    };
    await loadTest({ ...base, headers, connections: 10, durationSeconds: 2 }); // warm-up: JIT, caches, pools
    const runs: LoadResult[] = [];
    for (const connections of [1, 10, 50]) {
      const extra = (await e.headers?.()) ?? {};
      const r = await loadTest({
        ...base,
        headers: { ...headers, ...extra },
        connections,
        durationSeconds: opts.seconds,
        okStatuses: e.okStatuses,
      });
      opts.log(
        `${e.name} @${connections}: p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms, ${r.rps} req/s, non-2xx ${r.non2xx}`,
      );
      runs.push(r);
    }
    results.push({ name: e.name, path: e.path, runs });
  }
  return results;
}
