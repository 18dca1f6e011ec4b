// While the API and the page are measured, the benchmark ingests every minute, as a worker replica
// does in production: the data end moves each minute and the server recomputes its pages (the
// previous answers standing in meanwhile). Without it the telemetry turned stale five minutes after
// the backfill, in the middle of the measurements, and whichever endpoint was under load then
// paid for every page's recompute at once.
import type { SimPool } from "@/lib/simulator/pools";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { benchTelemetrySource } from "./measure-ingest";

export function startLiveIngest(opts: { pools: SimPool[]; days: number; log: (msg: string) => void }): {
  stop: () => Promise<void>;
} {
  const source = benchTelemetrySource(opts.pools);
  let ticks = Promise.resolve();
  const tick = () => {
    ticks = ticks.then(async () => {
      const result = await runIngest({ source, backfillDays: opts.days });
      if (result.error) opts.log(`live ingest failed: ${result.error}`);
    });
  };
  tick(); // catches up the minutes since the backfill
  const timer = setInterval(tick, 60_000);
  return {
    stop: async () => {
      clearInterval(timer);
      await ticks;
    },
  };
}
