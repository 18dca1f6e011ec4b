// Driver adapter factory for the Prisma 6.19 CLI's WASM schema engine (prisma.config.ts,
// engine: "js"). Built on @prisma/adapter-pg with two fixes:
//   1. catalog types `name` / `"char"` (prisma/prisma#27403), see catalog-client.ts;
//   2. our own shadow database: adapter-pg's connectToShadowDb() drops the database before
//      closing its pool, which fails with "is being accessed by other users".
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  ColumnTypeEnum,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQueryable,
  SqlQuery,
  SqlResultSet,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { CatalogAwareClient, charColumnsByRows } from "./catalog-client";

/** pg settings from a URL's parts. Not `connectionString`: it would override `database`. */
export function pgConfigFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  const config: pg.PoolConfig = {
    host: decodeURIComponent(u.hostname) || undefined,
    port: u.port ? Number(u.port) : undefined,
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
  };
  // libpq-style socket directory: postgresql://user@/db?host=/var/run/postgresql
  const hostParam = u.searchParams.get("host");
  if (hostParam) config.host = hostParam;
  // libpq semantics: require = encrypted but unverified; verify-* = verified.
  const sslmode = u.searchParams.get("sslmode");
  if (sslmode === "require" || sslmode === "no-verify") config.ssl = { rejectUnauthorized: false };
  else if (sslmode === "verify-ca" || sslmode === "verify-full") config.ssl = true;
  return config;
}

// ColumnTypeEnum.Character, as a literal: driver-adapter-utils is only a transitive dependency
// (of @prisma/adapter-pg), so we import its types but not its runtime code.
const CHARACTER: typeof ColumnTypeEnum.Character = 6;

/** Report `"char"` columns as Character (see catalog-client.ts). */
function patchQueryRaw<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query: SqlQuery): Promise<SqlResultSet> => {
    const result = await queryRaw(query);
    for (const i of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[i] = CHARACTER;
    return result;
  };
  return queryable;
}

function withCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  patchQueryRaw(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => patchQueryRaw(await startTransaction(isolationLevel));
  return adapter;
}

async function adminQuery(config: pg.ClientConfig, sql: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function createCliAdapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  const base = { ...pgConfigFromUrl(databaseUrl), Client: CatalogAwareClient };
  const main = new PrismaPg(base);

  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => withCharColumns(await main.connect()),
    // A fresh database per call on the DATABASE_URL server (the role needs CREATEDB).
    async connectToShadowDb() {
      const database = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
      await adminQuery(base, `CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      const adapter = withCharColumns(await new PrismaPg({ ...base, database }).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose(); // closes the shadow pool first...
        await adminQuery(base, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`); // ...then drops
      };
      return adapter;
    },
  };
}
