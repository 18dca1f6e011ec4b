import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getConfig, getDatabaseUrl } from "@/lib/config";
import { getLogger } from "@/lib/observability/logger";

// One pg pool per process, shared by Prisma (through its driver adapter) and by the raw telemetry
// path (COPY-like unnest upserts, which Prisma's query builder cannot express). Created lazily so
// that tests and scripts can set DATABASE_URL before first use; kept on globalThis so Next's
// development hot reload does not open a new pool per reload.
type Db = { pool: pg.Pool; prisma: PrismaClient; scoped: Map<string, unknown>; healthPool?: pg.Pool };
const holder = globalThis as unknown as { __fleetDb?: Db };

function createDb(): Db {
  const connectionString = getDatabaseUrl();
  if (!connectionString) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)");
  const pool = new pg.Pool({ connectionString, max: getConfig().DATABASE_POOL_SIZE });
  // An idle client losing its connection (database restart, failover) must not crash the process:
  // the pool drops it and the next query opens a new one.
  // pg attaches the whole client to the error: log what says what happened, not the client.
  pool.on("error", (err: Error & { code?: string }) =>
    getLogger().warn({ err: { message: err.message, code: err.code } }, "db idle client error"),
  );
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), scoped: new Map() };
}

function db(): Db {
  holder.__fleetDb ??= createDb();
  return holder.__fleetDb;
}

export const getPrisma = (): PrismaClient => db().prisma;

export const getPool = (): pg.Pool => db().pool;

/**
 * A value that lives as long as this process's database connection: caches of what was read from
 * it. On globalThis with the pool, because Next compiles instrumentation.ts (the ingest job) and the
 * routes into separate bundles with their own module copies, and a write in one must clear the
 * other's caches; per connection, so a process that moves to another database starts empty.
 */
export function dbScoped<T>(name: string, create: () => T): T {
  const { scoped } = db();
  if (!scoped.has(name)) scoped.set(name, create());
  return scoped.get(name) as T;
}

/**
 * One connection of its own for health checks: with every pooled connection busy (a burst of
 * uncached reads), readiness still answers, and says the database is fine rather than timing out.
 */
export function getHealthPool(): pg.Pool {
  const current = db();
  if (!current.healthPool) {
    current.healthPool = new pg.Pool({ connectionString: getDatabaseUrl(), max: 1, connectionTimeoutMillis: 2000 });
    current.healthPool.on("error", (err: Error & { code?: string }) =>
      getLogger().warn({ err: { message: err.message, code: err.code } }, "db health client error"),
    );
  }
  return current.healthPool;
}

export async function closeDb(): Promise<void> {
  const current = holder.__fleetDb;
  holder.__fleetDb = undefined;
  if (!current) return;
  await current.healthPool?.end().catch(() => {});
  await current.prisma.$disconnect();
  await current.pool.end().catch(() => {});
}
