// Issue 18's load figure: /api/health's latency on its own, then while one user keeps 32 uncached
// reads in flight (each a custom range no cache has seen: a 6-hour window at a fresh minute of the
// last 80 days). The per-user budget (lib/cache/uncached-read-budget.ts) lets only a few of them
// compute at once, and health has a connection of its own, so health should barely move.
import { loadTest, type LoadResult } from "./load-test";

export type ReadBudgetResult = {
  healthAlone: LoadResult;
  healthUnderFlood: LoadResult;
  flood: { concurrent: number; answered: number; refused429: number; otherStatus: number; p95Ms: number };
};

const FLOOD = 32;

export async function measureReadBudget(opts: {
  baseUrl: string;
  cookie: string;
  now: Date;
  seconds: number;
  log: (m: string) => void;
}): Promise<ReadBudgetResult> {
  const health = () =>
    loadTest({ url: `${opts.baseUrl}/api/health`, connections: 1, durationSeconds: opts.seconds, headers: {} });
  const healthAlone = await health();

  let stop = false;
  let next = 0;
  const counts = { answered: 0, refused429: 0, otherStatus: 0 };
  const times: number[] = [];
  const minute = 60_000;
  const sender = async () => {
    while (!stop) {
      // A distinct minute for every request: never a cache hit.
      const to = new Date(Math.floor(opts.now.getTime() / minute) * minute - (next++ % (80 * 1440)) * minute);
      const from = new Date(to.getTime() - 6 * 3_600_000);
      const started = performance.now();
      const response = await fetch(
        `${opts.baseUrl}/api/models?range=custom&from=${from.toISOString()}&to=${to.toISOString()}`,
        { headers: { cookie: opts.cookie } },
      ).catch(() => null);
      await response?.arrayBuffer().catch(() => null);
      times.push(performance.now() - started);
      if (response?.status === 200) counts.answered++;
      else if (response?.status === 429) counts.refused429++;
      else counts.otherStatus++;
    }
  };
  const senders = Array.from({ length: FLOOD }, sender);
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the flood is in full swing
  const healthUnderFlood = await health();
  stop = true;
  await Promise.all(senders);
  times.sort((a, b) => a - b);
  const p95Ms = Math.round(times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)] ?? NaN);
  const result = { healthAlone, healthUnderFlood, flood: { concurrent: FLOOD, ...counts, p95Ms } };
  opts.log(
    `health p95 alone ${healthAlone.p95Ms} ms; with one user's ${FLOOD} concurrent uncached reads ${healthUnderFlood.p95Ms} ms (reads: ${counts.answered} answered, ${counts.refused429} refused with 429, p95 ${p95Ms} ms)`,
  );
  return result;
}
