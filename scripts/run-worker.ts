// A pool-action worker on its own (the server runs the same loop in-process): claims due actions
// from PostgreSQL and runs their steps until stopped. Used by the durability tests, which kill it.
import { hostname } from "node:os";
import { closeDb } from "@/lib/db";
import { LOCKS, runExclusive } from "@/lib/db/run-exclusive";
import { runWorkerTick } from "@/lib/fleet/worker/run-worker-tick";
import { getTelemetrySource } from "@/lib/telemetry/get-telemetry-source";
import { runIngest } from "@/lib/telemetry/run-ingest";

const IDLE_MS = Number(process.env.WORKER_IDLE_MS ?? 200);
let stopping = false;
process.on("SIGTERM", () => (stopping = true));
process.on("SIGINT", () => (stopping = true));

async function main() {
  const workerId = process.env.WORKER_ID ?? `${hostname()}:${process.pid}`;
  console.log(`[worker] ${workerId} started`);
  // Optionally one ingest tick first, under the same advisory lock the server's ingest job takes.
  const days = Number(process.env.WORKER_INGEST_BACKFILL_DAYS ?? 0);
  if (days > 0) {
    const ran = await runExclusive(LOCKS.telemetryIngest, () =>
      runIngest({ source: getTelemetrySource(), backfillDays: days }),
    );
    console.log(
      ran ? `[worker] ingested ${ran.written} points` : "[worker] ingest skipped: another process holds the lock",
    );
  }
  while (!stopping) {
    // A tick that throws (the database unreachable for a moment) is logged, not fatal: the lease
    // of an action it held lapses and a worker, this one included, resumes it.
    const result = await runWorkerTick({ workerId }).catch((err: unknown) => {
      console.error("[worker] tick failed", err);
      return "idle" as const;
    });
    if (result === "idle") await new Promise((r) => setTimeout(r, IDLE_MS));
  }
  await closeDb();
}

main().catch((err) => {
  console.error("[worker] failed", err);
  process.exit(1);
});
