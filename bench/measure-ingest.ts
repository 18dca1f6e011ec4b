// Backfill rate into PostgreSQL (the real write path: cost, COPY, rollups) and the live tick.
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import type { SimPool } from "@/lib/simulator/pools";
import { runIngest } from "@/lib/telemetry/run-ingest";

export type IngestResult = {
  days: number;
  points: number;
  seconds: number;
  pointsPerSecond: number;
  liveTick: { points: number; ms: number; lagSecondsAfter: number };
};

/** The benchmark fleet's telemetry: the same simulated minutes for the backfill and the live ticks. */
export const benchTelemetrySource = (pools: SimPool[]) => createSimulatedTelemetrySource({ seed: 7, pools });

export async function measureIngest(opts: {
  pools: SimPool[];
  days: number;
  now: Date;
  onProgress?: (msg: string) => void;
}): Promise<IngestResult> {
  const source = benchTelemetrySource(opts.pools);
  const started = performance.now();
  let lastLog = 0;
  const backfill = await runIngest({
    source,
    backfillDays: opts.days,
    now: new Date(opts.now.getTime() - 60_000),
    onProgress: (done, to) => {
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        opts.onProgress?.(`backfill at ${done.toISOString().slice(0, 16)} of ${to.toISOString().slice(0, 16)}`);
      }
    },
  });
  if (backfill.error) throw new Error(`backfill failed: ${backfill.error}`);
  const seconds = (performance.now() - started) / 1000;
  // The live tick: the newest minute for every series, as the server's ingest job writes it.
  const tickStart = performance.now();
  const tick = await runIngest({ source, backfillDays: opts.days, now: new Date(opts.now.getTime() + 1000) });
  const ms = performance.now() - tickStart;
  return {
    days: opts.days,
    points: backfill.written,
    seconds: Math.round(seconds * 10) / 10,
    pointsPerSecond: Math.round(backfill.written / seconds),
    // A minute is stored this long after it ends (tick scheduling adds up to one interval).
    liveTick: { points: tick.written, ms: Math.round(ms), lagSecondsAfter: Math.round(ms / 100) / 10 },
  };
}
