// npm start: the zero-configuration production start. Without DATABASE_URL it runs its own
// PostgreSQL (data in .data/postgres, kept across restarts); then it applies migrations, seeds the
// simulated fleet once, backfills telemetry, builds if the sources changed and serves the
// standalone build.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeDb } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { getTelemetrySource } from "@/lib/telemetry/get-telemetry-source";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { buildIfStale } from "./build-if-stale";
import { spawnStandaloneServer } from "./standalone-server";

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const log = (msg: string) => console.log(`[start] ${msg}`);

async function main() {
  let embedded: EmbeddedPostgresHandle | undefined;
  if (!process.env.DATABASE_URL) {
    const dataDir = path.resolve(process.env.FLEET_DATA_DIR ?? ".data", "postgres");
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    log(`DATABASE_URL is unset: starting embedded PostgreSQL (${dataDir}, port ${pgPort})`);
    embedded = await startEmbeddedPostgres({ dataDir, port: pgPort, quiet: true });
    await embedded.ensureDatabase("fleet_console");
    process.env.DATABASE_URL = embedded.urlFor("fleet_console");
  }
  const stopAll = async () => {
    await closeDb().catch(() => {});
    await embedded?.stop().catch(() => {});
  };

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
    if (config.TELEMETRY_SOURCE === "simulated") {
      if (await seedSimulatedFleet()) log("seeded the simulated fleet");
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
  const server = spawnStandaloneServer({ port });
  const shutdown = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  server.on("exit", async (code) => {
    await stopAll();
    process.exit(code ?? 0);
  });
}

/** A random secret kept beside the data, so demo sessions survive restarts. */
function persistentSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

main().catch((err) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
