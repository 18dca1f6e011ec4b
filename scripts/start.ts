// npm start: the zero-configuration production start. Without DATABASE_URL it runs its own
// PostgreSQL (data in .data/postgres, kept across restarts); then it checks the fleet config file
// (INVENTORY_SOURCE=aws), applies migrations, seeds the simulated fleet once (simulated inventory),
// backfills simulated telemetry, builds if the sources changed and serves the standalone build.
// With INVENTORY_SOURCE=aws the server's first inventory sync runs as it starts, then the ingest.
//
// It owns its children: a watchdog (child-reaper.ts) stops the server and PostgreSQL if this process
// dies, kill -9 included; a PostgreSQL that dies while serving is restarted (supervise-postgres.ts);
// an orphaned PostgreSQL of an earlier run is stopped before this one starts (postmaster-lock.ts).
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeDb } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { checkInventoryConfig } from "@/lib/inventory/check-inventory-config";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { seedSimulatedTraining } from "@/lib/simulator/training/seed-simulated-training";
import { getTelemetrySource } from "@/lib/telemetry/get-telemetry-source";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { buildIfStale } from "./build-if-stale";
import { spawnStandaloneServer } from "./standalone-server";
import { startChildReaper } from "./child-reaper";
import { supervisePostgres } from "./supervise-postgres";

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const log = (msg: string) => console.log(`[start] ${msg}`);

async function main() {
  const reaper = startChildReaper(log);
  let stopping = false;
  let embedded: EmbeddedPostgresHandle | undefined;
  let server: ChildProcess | undefined;
  const stopAll = async () => {
    stopping = true;
    await closeDb().catch(() => {});
    await embedded?.stop().catch(() => {});
  };
  // embedded-postgres's exit hook stops PostgreSQL and exits the moment SIGINT/SIGTERM arrives, while
  // the server may still be answering: take the signals over and stop in order, server first. (tsx
  // hides its own relay handler from process.listeners, so that one stays.)
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (server) return void server.kill(signal); // its exit handler stops the rest
    await stopAll();
    process.exit(128 + constants.signals[signal]);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, shutdown);
  }
  exitWithParent(() => void shutdown("SIGTERM"));

  // Before anything starts: a missing or malformed fleet config file stops here, naming file, line and field.
  await checkInventoryConfig();

  if (!process.env.DATABASE_URL) {
    const dataDir = path.resolve(process.env.FLEET_DATA_DIR ?? ".data", "postgres");
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    log(`DATABASE_URL is unset: starting embedded PostgreSQL (${dataDir}, port ${pgPort})`);
    embedded = await startEmbeddedPostgres({ dataDir, port: pgPort, quiet: true, log });
    supervisePostgres({ postgres: embedded, reaper, log, isStopping: () => stopping });
    await embedded.ensureDatabase("fleet_console");
    process.env.DATABASE_URL = embedded.urlFor("fleet_console");
  }

  if (!process.env.OIDC_ISSUER) {
    // The local zero-configuration start is explicitly a demo: pickable demo users, a visible badge.
    process.env.AUTH_DEMO_MODE ??= "true";
    process.env.AUTH_SECRET ??= persistentSecret(path.resolve(process.env.FLEET_DATA_DIR ?? ".data", "auth-secret"));
    log("no OIDC_ISSUER: demo mode (pick a demo user at /signin)");
  }

  try {
    const applied = await applyMigrations({ databaseUrl: process.env.DATABASE_URL! });
    log(applied.length ? `applied migrations: ${applied.join(", ")}` : "migrations up to date");
    const config = getConfig();
    if (config.INVENTORY_SOURCE === "simulated") {
      if (await seedSimulatedFleet()) log("seeded the simulated fleet");
      if (await seedSimulatedTraining()) log("seeded the simulated training runs");
    }
    if (config.TELEMETRY_SOURCE === "simulated") {
      const started = Date.now();
      const result = await runIngest({
        source: getTelemetrySource(),
        backfillDays: config.TELEMETRY_BACKFILL_DAYS,
        onProgress: (done, to) =>
          process.stdout.write(
            `\r[start] telemetry backfill: ${done.toISOString().slice(0, 16)} of ${to.toISOString().slice(0, 16)}`,
          ),
      });
      if (result.written) process.stdout.write(`\n`);
      log(`telemetry up to date (${result.written} points in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      if (result.error) throw new Error(`telemetry backfill failed: ${result.error}`);
    }
    await closeDb();
    buildIfStale(root, log);
  } catch (err) {
    await stopAll();
    throw err;
  }

  log(`serving http://localhost:${port}`);
  const serverPid = (server = spawnStandaloneServer({ port })).pid!;
  reaper.watch(serverPid, "SIGTERM");
  server.on("exit", async (code, signal) => {
    reaper.forget(serverPid);
    if (!stopping) log(`the server exited (${signal ?? `code ${code}`}); stopping`);
    await stopAll();
    process.exit(code ?? 0);
  });
}

/**
 * `npm start` runs this file under tsx, whose own process relays SIGINT/SIGTERM but cannot relay
 * a kill -9. When it dies this process is re-parented: then nobody waits for it, so stop.
 */
function exitWithParent(stop: () => void) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    log(`parent process ${parent} is gone: stopping`);
    stop();
  }, 1000).unref();
}

/** A random secret kept beside the data, so demo sessions survive restarts. */
function persistentSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

// inspect() gives an Error's stack and cause, and still says something for a thrown non-Error.
main().catch((err) => {
  console.error(`[start] failed: ${inspect(err)}`);
  process.exit(1);
});
