// A pool-action worker on its own (the server runs the same loop in-process): claims due actions
// from PostgreSQL and runs their steps until stopped. Used by the durability tests, which kill it.
import { hostname } from "node:os";
import { closeDb } from "@/lib/db";
import { runWorkerTick } from "@/lib/fleet/worker/run-worker-tick";

const IDLE_MS = Number(process.env.WORKER_IDLE_MS ?? 200);
let stopping = false;
process.on("SIGTERM", () => (stopping = true));
process.on("SIGINT", () => (stopping = true));

async function main() {
  const workerId = process.env.WORKER_ID ?? `${hostname()}:${process.pid}`;
  console.log(`[worker] ${workerId} started`);
  while (!stopping) {
    const result = await runWorkerTick({ workerId });
    if (result === "idle") await new Promise((r) => setTimeout(r, IDLE_MS));
  }
  await closeDb();
}

main().catch((err) => {
  console.error("[worker] failed", err);
  process.exit(1);
});
