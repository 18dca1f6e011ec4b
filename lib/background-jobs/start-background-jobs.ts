import "server-only";
import { getConfig } from "@/lib/config";
import { getLogger } from "@/lib/observability/logger";
import { LOCKS, runExclusive } from "@/lib/db/run-exclusive";
import { getTelemetrySource } from "@/lib/telemetry/get-telemetry-source";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { getReservationUsageSource } from "@/lib/telemetry/reservations/get-reservation-usage-source";
import { runReservationIngest } from "@/lib/telemetry/reservations/run-reservation-ingest";
import { dropExpiredMinutePartitions } from "@/lib/telemetry/store/drop-expired-minute-partitions";
import { runWorkerTick } from "@/lib/fleet/worker/run-worker-tick";
import { runInventorySync } from "@/lib/inventory/run-inventory-sync";
import { getBillingExportSource } from "@/lib/billing/get-billing-export-source";
import { runBillingIngest } from "@/lib/billing/run-billing-ingest";
import { extendSimulatedTraining } from "@/lib/simulator/training/extend-simulated-training";
import { hostname } from "node:os";

// Periodic work of a server process, started once from instrumentation.ts. Every replica runs the
// timers; the advisory lock makes each tick's work happen in one of them.
const ACTION_TICK_MS = 2000;
/** Retention drops whole days: looking once an hour is plenty. */
const RETENTION_EVERY_MS = 3_600_000;
const holder = globalThis as unknown as { __fleetJobs?: NodeJS.Timeout[] };

export function startBackgroundJobs(): void {
  const config = getConfig();
  if (config.BACKGROUND_JOBS !== "true" || holder.__fleetJobs) return;
  const source = getTelemetrySource();
  const reservationSource = getReservationUsageSource();
  let running = false;
  let retentionDueAt = 0;
  // Under the ingest lock: one replica at a time, and never while a write fills a partition.
  const dropExpiredMinutes = async () => {
    if (Date.now() < retentionDueAt) return;
    retentionDueAt = Date.now() + RETENTION_EVERY_MS;
    await dropExpiredMinutePartitions().catch((err: unknown) =>
      getLogger().error({ err }, "telemetry retention failed"),
    );
  };
  const ingestTick = async () => {
    if (running) return; // a slow tick (backfill) is not stacked
    running = true;
    try {
      const result = await runExclusive(LOCKS.telemetryIngest, async () => {
        const ingested = await runIngest({
          source,
          backfillDays: config.TELEMETRY_BACKFILL_DAYS,
          rereadMinutes: config.TELEMETRY_REREAD_MINUTES,
        });
        // Reservation use on the same tick and lock; it reads its own window (once per 5-minute period).
        const reserved = await runReservationIngest({
          source: reservationSource,
          backfillDays: config.TELEMETRY_BACKFILL_DAYS,
        });
        await dropExpiredMinutes();
        // The simulated fleet's training runs move on with its telemetry.
        if (config.INVENTORY_SOURCE === "simulated") await extendSimulatedTraining({ now: new Date() });
        return { ingested, reserved };
      });
      if (result?.ingested.error)
        getLogger().error({ source: source.name, error: result.ingested.error }, "ingest failed");
      if (result?.reserved.error)
        getLogger().error(
          { source: reservationSource.name, error: result.reserved.error },
          "reservation ingest failed",
        );
    } catch (err) {
      getLogger().error({ err }, "ingest tick failed");
    } finally {
      running = false;
    }
  };
  // Pool actions: claimed with SKIP LOCKED and a lease, so every replica may run this loop.
  const workerId = `${hostname()}:${process.pid}`;
  let working = false;
  const actionTick = async () => {
    if (working) return;
    working = true;
    try {
      for (let i = 0; i < 20 && (await runWorkerTick({ workerId })) === "ran"; i++);
    } catch (err) {
      getLogger().error({ err }, "action worker tick failed");
    } finally {
      working = false;
    }
  };
  // Inventory: only a real account changes under us. The simulated catalog is written once at
  // start (a resync would undo the simulated provider's launches and drains).
  let syncing = false;
  const inventoryTick = async () => {
    if (syncing) return;
    syncing = true;
    try {
      const result = await runInventorySync("schedule");
      if (result?.error) getLogger().error({ error: result.error }, "inventory sync failed");
      else if (result?.failedScopes.length)
        getLogger().warn({ failedScopes: result.failedScopes }, "inventory scopes failing");
    } catch (err) {
      getLogger().error({ err }, "inventory sync tick failed");
    } finally {
      syncing = false;
    }
  };
  // The bill: after telemetry (the simulated bill is built from the stored minutes), then on its own timer.
  const billingSource = getBillingExportSource();
  let billing = false;
  const billingTick = async () => {
    if (billing || !billingSource) return;
    billing = true;
    try {
      await runBillingIngest(billingSource);
    } catch (err) {
      getLogger().error({ err }, "billing ingest tick failed");
    } finally {
      billing = false;
    }
  };
  holder.__fleetJobs = [
    setInterval(ingestTick, config.TELEMETRY_INGEST_INTERVAL_SECONDS * 1000),
    setInterval(actionTick, ACTION_TICK_MS),
    ...(config.INVENTORY_SOURCE === "aws"
      ? [setInterval(inventoryTick, config.INVENTORY_SYNC_INTERVAL_SECONDS * 1000)]
      : []),
    ...(billingSource ? [setInterval(billingTick, config.BILLING_INGEST_INTERVAL_SECONDS * 1000)] : []),
  ];
  // A real account's first sync runs at once: an empty database gets its pools before the first backfill.
  if (config.INVENTORY_SOURCE === "aws") void inventoryTick().then(ingestTick).then(billingTick);
  else void ingestTick().then(billingTick);
}
